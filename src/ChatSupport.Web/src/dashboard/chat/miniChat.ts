// One docked chat: live messages (virtualized), delivery status of the agent's messages (sent, delivered, read),
// typing both ways, quick replies, older history on scroll, failed sends with a retry that reuses the client
// message id. Only the assigned agent can write; everyone else sees the chat read-only.
import { h, text } from "../../dom";
import { assignToMe } from "../commands";
import type { DashboardContext } from "../context";
import { refusalOf } from "../errors";
import { clock, visitorLabel } from "../format";
import { ReplyPicker } from "../replies/replyPicker";
import type { QuickReplies } from "../replies/quickReplies";
import { statusBadge } from "../statusBadge";
import { targetCountdown } from "../targets/targetClock";
import { reRouteCountdown } from "../targets/reRouteCountdown";
import {
  AgentHubMethods, callAgentHub, ChatLog, retryWhenBusy, storedMessage,
  type ChatMessage, type ChatSessionSnapshot, type MessagePage, type MessagePosted, type Receipts, type SessionChanged, type TypingChanged,
} from "../../protocol";
import type { OutgoingMessage } from "./chatTypes";
import { MessageList, type ListItem } from "./messageList";
import { ChatNotes } from "./chatNotes";
import { SuggestionsPanel } from "../knowledge/suggestionsPanel";
import { ChatAttachments } from "./chatAttachments";
import type { NotePosted } from "../../protocol";
import { labelChips } from "../labels/labelChips";

const pageSize = 50;
const typingIdleMs = 3_000;
const typingShownMs = 8_000;
/** Larger than any sequence number: OpenChat with it subscribes and reads nothing (the newest page comes next). */
const afterEverything = Number.MAX_SAFE_INTEGER;

export class MiniChat {
  readonly element = h("section", { class: "mini-chat", "aria-label": "Chat" });
  private readonly log = new ChatLog<OutgoingMessage>();
  private readonly list = new MessageList();
  private session: ChatSessionSnapshot | null = null;
  private readonly header = h("div", { class: "mini-head" });
  /** The running target's countdown (from the server's due time; ticks here, never pushed every second). */
  private readonly countdown = targetCountdown();
  /** How long the assigned agent has to answer before re-route takes the chat back to the queue. */
  private readonly reRoute = reRouteCountdown();
  private readonly ticker = window.setInterval(() => {
    this.countdown.update(this.session?.targets, Date.now());
    this.reRoute.update(this.session, this.mine, Date.now());
  }, 1_000);
  private readonly typingLine = h("p", { class: "typing", "aria-live": "polite" });
  private readonly noteLine = h("p", { class: "transfer-note", hidden: true });
  private readonly labelLine = h("div", { class: "mini-labels", role: "group", "aria-label": "Labels" });
  private readonly readOnlyLine = h("div", { class: "read-only" });
  private readonly input = h("textarea", { rows: "2", maxlength: "4000", "aria-label": "Reply", placeholder: "Type a reply… (/ for quick replies)" });
  private readonly composer: HTMLFormElement;
  private readonly picker: ReplyPicker;
  private minimized = false;
  private expanded = false;
  /** Set by the dock: expands the chat into the conversation pane, or docks it back. */
  onToggleExpand: () => void = () => undefined;
  private loadingOlder = false;
  private catchingUp: Promise<void> | null = null;
  private typingSent = false;
  private typingTimer: number | undefined;
  private visitorTypingTimer: number | undefined;
  private acked = { delivered: 0, read: 0 };
  private ackTimer: number | undefined;
  private readonly notes: ChatNotes;
  private readonly suggestions: SuggestionsPanel;
  private readonly files: ChatAttachments;

  constructor(readonly sessionId: string, private readonly ctx: DashboardContext, replies: QuickReplies, private readonly onClose: () => void) {
    this.element.dataset.sessionId = sessionId;
    const send = h("button", { type: "submit", class: "primary" }, "Send");
    const repliesButton = h("button", { type: "button", "aria-label": "Quick replies" }, "/");
    this.picker = new ReplyPicker(replies, this.input, (reply) => {
      this.input.value = reply;
      this.input.focus();
    });
    repliesButton.addEventListener("click", () => this.picker.toggleAll());
    // A file's message reaches this chat live; a gap is read by sequence number like any message's.
    this.files = new ChatAttachments(sessionId, ctx, this.element, this.input, (seq) => { if (!this.log.has(seq)) void this.catchUp(); });
    this.composer = h("form", { class: "composer" }, this.picker.element, this.input, h("div", { class: "composer-buttons" }, this.files.button, repliesButton, send));
    this.composer.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.send();
    });
    this.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !this.picker.isOpen) {
        e.preventDefault();
        void this.send();
      }
    });
    this.input.addEventListener("input", () => this.typing());
    this.input.addEventListener("blur", () => this.stopTyping());
    this.list.onNearTop(() => void this.loadOlder());
    this.notes = new ChatNotes(sessionId, ctx, () => this.paint());
    this.suggestions = new SuggestionsPanel(sessionId, ctx, (suggested) => {
      this.input.value = suggested;
      this.input.focus();
    });
    this.element.append(this.header, this.reRoute.element, this.labelLine, this.noteLine, this.list.element, this.typingLine, this.readOnlyLine, this.files.uploads,
      h("div", { class: "compose-row" }, this.suggestions.element, this.composer), this.notes.composer);
    this.element.addEventListener("focusin", () => this.acknowledgeSoon());
  }

  /** First open, and after every reconnect: subscribe, then read exactly what is missing. */
  async open(): Promise<void> {
    try {
      const first = this.log.lastRead === 0;
      const opened = await callAgentHub(this.ctx.hub, AgentHubMethods.OpenChat, this.sessionId, first ? afterEverything : this.log.lastRead);
      this.applySession(opened.session);
      this.notes.replace(opened.notes ?? []);
      if (first) {
        const after = Math.max(0, opened.session.lastSeq - pageSize);
        const page = await this.history(after, pageSize);
        this.log.lastRead = Math.max(this.log.lastRead, after);
        this.log.addRead(page.messages);
        if (page.hasMore) await this.catchUp();
      } else {
        this.log.addRead(opened.messages.messages);
        if (opened.messages.hasMore) await this.catchUp();
      }
      this.paint();
      this.list.scrollToBottom();
      this.suggestions.refreshSoon();
    } catch (e) {
      this.ctx.toast(refusalOf(e).message, "error");
    }
  }

  async close(): Promise<void> {
    this.stopTyping();
    window.clearInterval(this.ticker);
    this.element.remove();
    this.onClose();
    try { await callAgentHub(this.ctx.hub, AgentHubMethods.LeaveChat, this.sessionId); } catch { /* the connection's end drops it anyway */ }
  }

  focus(): void {
    this.setMinimized(false);
    (this.input.disabled ? this.list.element : this.input).focus();
  }

  onMessage(e: MessagePosted): void {
    const result = this.log.addLive(e.message);
    if (result === "gap") void this.catchUp();
    if (result !== "duplicate") this.paint();
    if (e.message.sender === "visitor") {
      this.showVisitorTyping(false);
      this.acknowledgeSoon();
      if (result !== "duplicate") this.suggestions.refreshSoon();
    }
  }

  onSession(e: SessionChanged): void {
    this.applySession(e.session);
    this.notes.checkSeq(e.session.lastNoteSeq);
    if ((e.lastSeq ?? 0) > this.log.lastRead) void this.catchUp();
  }

  onNote(e: NotePosted): void {
    this.notes.onNote(e.note);
  }

  onTyping(e: TypingChanged): void {
    if (e.party === "visitor") this.showVisitorTyping(e.isTyping);
  }

  onReceipts(receipts: Receipts): void {
    if (!this.session) return;
    this.session = { ...this.session, receipts };
    this.paint();
  }

  private get mine(): boolean {
    return this.session?.assignedAgent?.agentId === this.ctx.me.username;
  }

  private applySession(session: ChatSessionSnapshot): void {
    this.session = session;
    const name = visitorLabel(session.visitorId, session.visitor);
    this.element.setAttribute("aria-label", `Chat with ${name}`);
    this.element.dataset.status = session.status;
    const minimize = h("button", { type: "button", "aria-label": this.minimized ? `Expand chat with ${name}` : `Minimize chat with ${name}`, "aria-expanded": String(!this.minimized) }, this.minimized ? "▴" : "▾");
    minimize.addEventListener("click", () => this.setMinimized(!this.minimized));
    const expand = h("button", { type: "button", class: "expand", "aria-label": this.expanded ? `Dock chat with ${name}` : `Full view of chat with ${name}` }, this.expanded ? "⤡" : "⤢");
    expand.addEventListener("click", () => this.onToggleExpand());
    const close = h("button", { type: "button", "aria-label": `Close chat with ${name}` }, "×");
    close.addEventListener("click", () => void this.close());
    const title = h("button", { type: "button", class: "mini-title", "aria-label": `Details of ${name}` }, name);
    title.addEventListener("click", () => this.ctx.showDetails(this.sessionId));
    this.countdown.update(session.targets, Date.now());
    this.reRoute.update(session, this.mine, Date.now());
    this.header.replaceChildren(statusBadge(session.status), title, this.countdown.element, h("span", { class: "mini-buttons" }, ...(this.expanded ? [] : [minimize]), expand, close));

    this.labelLine.replaceChildren(labelChips(session.labels, this.ctx.labels));
    this.labelLine.hidden = !(session.labels?.length);

    // A transfer's note is for the agent who receives the chat: shown with the chat while it is open.
    this.noteLine.hidden = !session.transferNote || session.status === "resolved";
    text(this.noteLine, session.transferNote ? `Transfer note: ${session.transferNote}` : "");

    // Who may write: only the assigned agent, and only while the chat is open.
    this.readOnlyLine.replaceChildren();
    const writable = this.mine && session.status !== "resolved";
    this.input.disabled = !writable;
    this.composer.hidden = !writable;
    this.suggestions.element.hidden = !writable;
    if (session.status === "resolved") this.readOnlyLine.append("Chat resolved. Read-only.");
    else if (session.status === "waiting_for_agent") {
      const take = h("button", { type: "button", class: "primary" }, "Assign to Me");
      take.addEventListener("click", () => void assignToMe(this.ctx, this.sessionId));
      this.readOnlyLine.append("Waiting for an agent. ", take);
    } else if (!this.mine) this.readOnlyLine.append(`Read-only: assigned to ${session.assignedAgent?.displayName ?? "another agent"}.`);
    this.readOnlyLine.hidden = writable;
    this.paint();
  }

  /** In the conversation pane (never minimized there) or back in the dock. */
  setExpanded(expanded: boolean): void {
    this.expanded = expanded;
    this.element.classList.toggle("expanded", expanded);
    if (expanded) this.minimized = false;
    this.element.classList.toggle("minimized", this.minimized);
    if (this.session) this.applySession(this.session);
    this.list.scrollToBottom();
  }

  /** Opens the quick replies under the composer (the "q" shortcut). */
  openQuickReplies(): void {
    if (this.input.disabled) return;
    this.focus();
    if (!this.picker.isOpen) this.picker.toggleAll();
  }

  private setMinimized(minimized: boolean): void {
    this.minimized = minimized;
    this.element.classList.toggle("minimized", minimized);
    if (this.session) this.applySession(this.session);
    if (!minimized) this.acknowledgeSoon();
  }

  private paint(): void {
    this.list.setItems(this.items());
    // On screen: the workspace counts what is unread from here on (workspace/unread.ts).
    const held = this.log.messages;
    const newest = held.length > 0 ? held[held.length - 1]!.seq : 0;
    if (newest > 0 && !this.minimized && document.visibilityState === "visible")
      this.element.dispatchEvent(new CustomEvent("chat-seen", { bubbles: true, detail: { sessionId: this.sessionId, seq: newest } }));
  }

  /** Stored messages in order, then our unacknowledged sends. A key changes when the row's look does. */
  private items(): ListItem[] {
    // Each note after the message it followed (notes before the first message held come first).
    const notes = this.notes?.all ?? [];
    const items: ListItem[] = [];
    let next = 0;
    const notesUpTo = (seq: number) => {
      for (; next < notes.length && notes[next]!.afterMessageSeq <= seq; next++) {
        const n = notes[next]!;
        items.push({ key: `note:${n.seq}`, render: () => this.notes.render(n) });
      }
    };
    for (const m of this.log.messages) {
      notesUpTo(m.seq - 1);
      items.push({ key: `${m.seq}:${this.receiptOf(m)}`, render: () => this.renderMessage(m) });
    }
    notesUpTo(Number.MAX_SAFE_INTEGER);
    for (const o of this.log.outgoing) items.push({ key: `out:${o.clientMessageId}:${o.state}`, render: () => this.renderOutgoing(o) });
    return items;
  }

  private receiptOf(m: ChatMessage): string {
    if (m.sender !== "agent" || !this.session) return "";
    const r = this.session.receipts;
    return m.seq <= r.visitorReadSeq ? "Read" : m.seq <= r.visitorDeliveredSeq ? "Delivered" : "Sent";
  }

  private renderMessage(m: ChatMessage): HTMLElement {
    const receipt = this.receiptOf(m);
    return h("div", { class: `msg msg-${m.sender}`, "data-seq": String(m.seq) },
      h("div", { class: "msg-meta" }, `${m.senderName} · ${clock(m.sentAt)}`),
      m.attachment ? this.files.card(m) : h("div", { class: "msg-text" }, m.text), // text only: HTML in a message is shown, never parsed
      ...(receipt ? [h("div", { class: "receipt", "data-receipt": receipt.toLowerCase() }, receipt)] : []));
  }

  private renderOutgoing(o: OutgoingMessage): HTMLElement {
    const node = h("div", { class: `msg msg-agent msg-${o.state}`, "data-client-id": o.clientMessageId },
      h("div", { class: "msg-meta" }, this.ctx.me.displayName),
      h("div", { class: "msg-text" }, o.text));
    if (o.state === "sending") node.append(h("div", { class: "receipt", "data-receipt": "sending" }, "Sending…"));
    else {
      const retry = h("button", { type: "button", class: "retry" }, "Retry");
      retry.addEventListener("click", () => void this.deliver(o));
      node.append(h("div", { class: "receipt", "data-receipt": "failed", role: "alert" }, `Not sent${o.error ? `: ${o.error}` : ""}. `, retry));
    }
    return node;
  }

  private async send(): Promise<void> {
    const value = this.input.value.trim();
    if (!value || this.input.disabled) return;
    this.input.value = "";
    this.suggestions.sent(value);
    this.picker.close();
    this.stopTyping();
    const outgoing: OutgoingMessage = { clientMessageId: crypto.randomUUID(), text: value, state: "sending" };
    this.log.outgoing.push(outgoing);
    this.list.scrollToBottom();
    await this.deliver(outgoing);
  }

  /** Sends (or re-sends, with the same client message id: the server stores it at most once). */
  private async deliver(o: OutgoingMessage): Promise<void> {
    o.state = "sending";
    o.error = undefined;
    this.paint();
    try {
      const ack = await retryWhenBusy(() => callAgentHub(this.ctx.hub, AgentHubMethods.SendMessage, this.sessionId, o.clientMessageId, o.text));
      const stored = storedMessage(ack, "agent", this.ctx.me.username, this.ctx.me.displayName, o.text);
      if (this.log.addLive(stored) === "gap") void this.catchUp();
    } catch (e) {
      o.state = "failed";
      o.error = refusalOf(e).message;
    }
    this.paint();
  }

  private history(afterSeq: number, max: number): Promise<MessagePage> {
    return callAgentHub(this.ctx.hub, AgentHubMethods.GetHistory, this.sessionId, afterSeq, max);
  }

  /** Reads every message after the last one read in order: after a gap, a reconnect or a stall. */
  private catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        for (;;) {
          const page = await this.history(this.log.lastRead, 200);
          this.log.addRead(page.messages);
          if (!page.hasMore || page.messages.length === 0) break;
        }
        this.paint();
        this.acknowledgeSoon();
      } catch { /* the next event or reconnect tries again */ } finally {
        this.catchingUp = null;
      }
    })();
    return this.catchingUp;
  }

  private async loadOlder(): Promise<void> {
    if (this.loadingOlder || !this.log.hasOlder) return;
    this.loadingOlder = true;
    try {
      const first = this.log.firstHeld;
      const after = Math.max(0, first - 1 - pageSize);
      const page = await this.history(after, pageSize);
      const added = this.log.addOlder(page.messages.filter((m) => m.seq < first));
      if (added === 0 && after === 0) this.log.reachedStart();
      this.list.setItems(this.items(), added);
    } catch (e) {
      this.ctx.toast(refusalOf(e).message, "error");
    } finally {
      this.loadingOlder = false;
    }
  }

  private typing(): void {
    if (!this.mine) return;
    if (!this.typingSent) {
      this.typingSent = true;
      void callAgentHub(this.ctx.hub, AgentHubMethods.SetTyping, this.sessionId, true).catch(() => undefined);
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => this.stopTyping(), typingIdleMs);
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.typingSent) return;
    this.typingSent = false;
    void callAgentHub(this.ctx.hub, AgentHubMethods.SetTyping, this.sessionId, false).catch(() => undefined);
  }

  private showVisitorTyping(isTyping: boolean): void {
    clearTimeout(this.visitorTypingTimer);
    const name = this.session ? visitorLabel(this.session.visitorId, this.session.visitor) : "The visitor";
    text(this.typingLine, isTyping ? `${name} is typing…` : "");
    // A lost "stopped typing" (a closed tab) must not leave the indicator on forever.
    if (isTyping) this.visitorTypingTimer = window.setTimeout(() => text(this.typingLine, ""), typingShownMs);
  }

  /** The assigned agent's client reports the visitor's messages delivered (held here) and read (on screen). */
  private acknowledgeSoon(): void {
    if (!this.mine) return;
    clearTimeout(this.ackTimer);
    this.ackTimer = window.setTimeout(() => {
      const lastVisitor = [...this.log.messages].reverse().find((m) => m.sender === "visitor")?.seq ?? 0;
      const delivered = Math.max(this.acked.delivered, lastVisitor);
      const read = !this.minimized && document.visibilityState === "visible" ? delivered : this.acked.read;
      if (delivered === this.acked.delivered && read === this.acked.read) return;
      this.acked = { delivered, read };
      void callAgentHub(this.ctx.hub, AgentHubMethods.Acknowledge, this.sessionId, delivered, read).catch(() => { this.acked = { delivered: 0, read: 0 }; });
    }, 250);
  }
}
