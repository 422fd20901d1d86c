// The docked mini chats (several at once, in a band along the bottom of the workspace that the lists above make room
// for: nothing is laid over the queue). It routes the hub's session events to the chat they belong to and, after a
// reconnect, has every open chat read exactly what it missed. One chat at a time may be expanded into the
// conversation pane (details beside it) and docked back. Which chats are open, and which is expanded, survive a reload.
import { h } from "../../dom";
import { ClientEvents, onServerEvent } from "../../protocol";
import type { DashboardContext } from "../context";
import type { QuickReplies } from "../replies/quickReplies";
import { MiniChat } from "./miniChat";

/** More than this and the oldest one is closed: a dock that fits 1280 px wide. */
const maxOpen = 4;

export class ChatDock {
  readonly element = h("div", { class: "dock", role: "region", "aria-label": "Open chats" });
  /** The full conversation pane: the expanded chat, beside the details panel. */
  readonly pane = h("section", { class: "conversation", "aria-label": "Conversation", hidden: true });
  private readonly chats = new Map<string, MiniChat>();
  private expanded: string | null = null;

  constructor(private readonly ctx: () => DashboardContext, private readonly replies: QuickReplies) {}

  /** Wires the hub's session events (once the shell has its connection). */
  listen(): void {
    const hub = this.ctx().hub;
    onServerEvent(hub, ClientEvents.MessagePosted, (e) => this.chats.get(e.sessionId)?.onMessage(e));
    onServerEvent(hub, ClientEvents.SessionChanged, (e) => this.chats.get(e.sessionId)?.onSession(e));
    onServerEvent(hub, ClientEvents.TypingChanged, (e) => this.chats.get(e.sessionId)?.onTyping(e));
    onServerEvent(hub, ClientEvents.NotePosted, (e) => this.chats.get(e.sessionId)?.onNote(e));
    onServerEvent(hub, ClientEvents.ReceiptsChanged, (e) => this.chats.get(e.sessionId)?.onReceipts(e.receipts));
  }

  /** The chats open before a reload, opened again (without taking focus), and the expanded one expanded. */
  restore(): void {
    const { openChats, expanded } = this.ctx().workspace.state.get();
    for (const id of openChats) this.open(id, false);
    if (expanded && this.chats.has(expanded)) this.expand(expanded);
  }

  open(sessionId: string, focus = true): void {
    const existing = this.chats.get(sessionId);
    if (existing) {
      existing.focus();
      return;
    }
    if (this.chats.size >= maxOpen) void this.chats.values().next().value!.close();
    const chat = new MiniChat(sessionId, this.ctx(), this.replies, () => this.closed(sessionId));
    chat.onToggleExpand = () => this.expand(this.expanded === sessionId ? null : sessionId);
    this.chats.set(sessionId, chat);
    this.element.append(chat.element);
    this.remember();
    void chat.open().then(() => focus && chat.focus());
  }

  /** Expands the chat into the conversation pane (docking the one there), or docks the expanded one (null). */
  expand(sessionId: string | null): void {
    if (sessionId && !this.chats.has(sessionId)) this.open(sessionId);
    const previous = this.expanded ? this.chats.get(this.expanded) : undefined;
    if (previous) {
      previous.setExpanded(false);
      this.element.append(previous.element);
    }
    this.expanded = sessionId;
    const chat = sessionId ? this.chats.get(sessionId) : undefined;
    if (chat) {
      chat.setExpanded(true);
      this.pane.replaceChildren(chat.element);
      this.ctx().showDetails(sessionId!);
      chat.focus();
    } else {
      this.pane.replaceChildren();
      previous?.focus();
    }
    this.pane.hidden = !chat;
    document.body.classList.toggle("conversation-open", !!chat);
    this.remember();
  }

  /** Opens the chat (if needed) with its quick replies showing under the composer. */
  quickReplies(sessionId: string): void {
    this.open(sessionId);
    this.chats.get(sessionId)?.openQuickReplies();
  }

  /** Focuses the chat's composer, opening the chat first. */
  focusComposer(sessionId: string): void {
    this.open(sessionId);
  }

  /** After a reconnect: re-join each chat's events and read what is missing, in place. */
  resumeAll(): void {
    for (const chat of this.chats.values()) void chat.open();
  }

  private closed(sessionId: string): void {
    this.chats.delete(sessionId);
    if (this.expanded === sessionId) this.expand(null);
    this.remember();
  }

  private remember(): void {
    this.ctx().workspace.state.update({ openChats: [...this.chats.keys()], expanded: this.expanded });
  }
}
