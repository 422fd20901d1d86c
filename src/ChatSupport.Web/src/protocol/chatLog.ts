// A session's messages held gap-free by sequence number (docs/protocol.md, "Events"): one copy per seq however often
// a message arrives (event, ack, history around a reconnect), and the last number read in order, so a message that
// skips numbers is a gap to read with GetHistory, never a hole. It also holds the sends not yet acknowledged, each
// dropped as soon as its client message id shows up among the stored messages. Used by the widget (with the visitor's
// view of messages) and every mini chat (with the full ChatMessage).
import type { ChatMessage, MessageAck, Party } from "./wireTypes";

export type LiveResult = "new" | "duplicate" | "gap";

/** What the log needs of a message; the visitor's view has no client message id on the agent's messages. */
export interface LoggedMessage { seq: number; clientMessageId: string | null; }

export class ChatLog<Pending extends { clientMessageId: string } = { clientMessageId: string }, M extends LoggedMessage = ChatMessage> {
  private readonly bySeq = new Map<number, M>();
  private sorted: M[] | null = [];
  readonly outgoing: Pending[] = [];
  /** Every message up to this number (from the window's start) has been read. */
  lastRead = 0;
  /** The oldest number held; older history is read on scroll. */
  firstHeld = Number.POSITIVE_INFINITY;

  get messages(): M[] {
    this.sorted ??= [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    return this.sorted;
  }

  get hasOlder(): boolean {
    return this.firstHeld > 1 && this.bySeq.size > 0;
  }

  has(seq: number): boolean {
    return this.bySeq.has(seq);
  }

  /** Adds messages read in order (a history page): they advance lastRead. Returns how many were new. */
  addRead(messages: M[]): number {
    let added = 0;
    for (const m of messages) {
      if (this.add(m)) added++;
      if (m.seq > this.lastRead) this.lastRead = m.seq;
    }
    return added;
  }

  /** Adds an older page (scrolling back): lastRead is about the newest end, so it stays. Returns how many were new. */
  addOlder(messages: M[]): number {
    let added = 0;
    for (const m of messages) if (this.add(m)) added++;
    return added;
  }

  /** Nothing older exists: the window reaches the start of the chat. */
  reachedStart(): void {
    this.firstHeld = 1;
  }

  /** A live event's message, or our own acknowledged send: "gap" when numbers were skipped since the last one read. */
  addLive(m: M): LiveResult {
    const added = this.add(m);
    // Messages held past a gap count as read once the gap is filled.
    while (this.bySeq.has(this.lastRead + 1)) this.lastRead++;
    if (m.seq > this.lastRead) return "gap";
    return added ? "new" : "duplicate";
  }

  dropOutgoing(clientMessageId: string): void {
    const i = this.outgoing.findIndex((o) => o.clientMessageId === clientMessageId);
    if (i >= 0) this.outgoing.splice(i, 1);
  }

  private add(m: M): boolean {
    if (this.bySeq.has(m.seq)) return false;
    this.bySeq.set(m.seq, m);
    this.sorted = null;
    if (m.seq < this.firstHeld) this.firstHeld = m.seq;
    if (m.clientMessageId) this.dropOutgoing(m.clientMessageId);
    return true;
  }
}

/** Our own send as the server stored it: the ack gives its number and time. */
export function storedMessage(ack: MessageAck, sender: Party, senderId: string, senderName: string, text: string): ChatMessage {
  return { seq: ack.seq, clientMessageId: ack.clientMessageId, sender, senderId, senderName, text, sentAt: ack.sentAt };
}
