// What one mini chat holds of a session's messages: a window of the log by sequence number (the newest page
// first, older pages on scroll), plus the agent's own sends that are not acknowledged. It knows the last
// sequence number read in order, so an event that skips numbers (or a reconnect) is a gap to read, never a hole.
import type { ChatMessage, MessageAck, OutgoingMessage } from "./chatTypes";

export class ChatLog {
  private readonly bySeq = new Map<number, ChatMessage>();
  private sorted: ChatMessage[] | null = [];
  readonly outgoing: OutgoingMessage[] = [];
  /** Every message up to this number (from the window's start) has been read. */
  lastRead = 0;
  /** The oldest number held; older history is read on scroll. */
  firstHeld = Number.POSITIVE_INFINITY;

  get messages(): ChatMessage[] {
    this.sorted ??= [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    return this.sorted;
  }

  get hasOlder(): boolean {
    return this.firstHeld > 1 && this.bySeq.size > 0;
  }

  /** Adds messages read in order (a history page): they advance lastRead. Returns how many were new. */
  addRead(messages: ChatMessage[]): number {
    let added = 0;
    for (const m of messages) {
      if (this.add(m)) added++;
      if (m.seq > this.lastRead) this.lastRead = m.seq;
    }
    return added;
  }

  /** Adds an older page (scrolling back): lastRead is about the newest end, so it stays. Returns how many were new. */
  addOlder(messages: ChatMessage[]): number {
    let added = 0;
    for (const m of messages) if (this.add(m)) added++;
    return added;
  }

  /** Nothing older exists: the window reaches the start of the chat. */
  reachedStart(): void {
    this.firstHeld = 1;
  }

  /** A live event's message: "gap" when numbers were skipped since the last one read. */
  addLive(m: ChatMessage): "new" | "duplicate" | "gap" {
    if (m.seq > this.lastRead + 1) {
      this.add(m);
      return "gap";
    }
    const added = this.add(m);
    if (m.seq === this.lastRead + 1) this.lastRead = m.seq;
    return added ? "new" : "duplicate";
  }

  /** The server acknowledged one of our sends: it becomes a stored message. */
  acknowledged(ack: MessageAck, text: string, senderId: string, senderName: string): void {
    this.dropOutgoing(ack.clientMessageId);
    this.add({ seq: ack.seq, clientMessageId: ack.clientMessageId, sender: "agent", senderId, senderName, text, sentAt: ack.sentAt });
  }

  dropOutgoing(clientMessageId: string): void {
    const i = this.outgoing.findIndex((o) => o.clientMessageId === clientMessageId);
    if (i >= 0) this.outgoing.splice(i, 1);
  }

  private add(m: ChatMessage): boolean {
    // The same message by event and by ack (or twice around a reconnect): one copy per seq.
    if (this.bySeq.has(m.seq)) return false;
    this.bySeq.set(m.seq, m);
    this.sorted = null;
    if (m.seq < this.firstHeld) this.firstHeld = m.seq;
    this.dropOutgoing(m.clientMessageId);
    return true;
  }
}
