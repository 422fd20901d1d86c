// The chat the keyboard acts on: the queue row picked with j/k (or clicked), unless focus is inside a docked chat,
// which then is the one. The queue tells the cursor which rows it shows, in order, and how to bring one into view.

export class ChatCursor {
  private currentId: string | null = null;
  private rows: () => string[] = () => [];
  private showRow: (id: string) => void = () => undefined;
  private readonly listeners = new Set<(id: string | null) => void>();

  /** The queue's rows as shown (order) and how to focus one. */
  attach(rows: () => string[], showRow: (id: string) => void): void {
    this.rows = rows;
    this.showRow = showRow;
  }

  /** The chat under the keyboard: the docked chat holding focus, else the picked row (if it is still listed). */
  get current(): string | null {
    const chat = document.activeElement?.closest<HTMLElement>(".mini-chat[data-session-id]");
    if (chat) return chat.dataset.sessionId!;
    return this.currentId;
  }

  set(id: string | null): void {
    this.currentId = id;
    this.listeners.forEach((l) => l(id));
  }

  /** Moves to the next (1) or previous (-1) row of the queue and focuses it. */
  move(step: 1 | -1): void {
    const ids = this.rows();
    if (ids.length === 0) return;
    const at = this.currentId ? ids.indexOf(this.currentId) : -1;
    const next = at < 0 ? (step === 1 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, at + step));
    this.set(ids[next]!);
    this.showRow(ids[next]!);
  }

  subscribe(listener: (id: string | null) => void): void {
    this.listeners.add(listener);
  }
}

export const chatCursor = new ChatCursor();
