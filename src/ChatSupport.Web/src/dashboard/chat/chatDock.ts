// The docked mini chats (several at once, along the bottom of the page). It routes the hub's session events to
// the chat they belong to and, after a reconnect, has every open chat read exactly what it missed.
import { h } from "../../dom";
import { ClientEvents, onServerEvent } from "../../protocol";
import type { DashboardContext } from "../context";
import type { QuickReplies } from "../replies/quickReplies";
import { MiniChat } from "./miniChat";

/** More than this and the oldest one is closed: a dock that fits 1280 px wide. */
const maxOpen = 4;

export class ChatDock {
  readonly element = h("div", { class: "dock", role: "region", "aria-label": "Open chats" });
  private readonly chats = new Map<string, MiniChat>();

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

  open(sessionId: string): void {
    const existing = this.chats.get(sessionId);
    if (existing) {
      existing.focus();
      return;
    }
    if (this.chats.size >= maxOpen) void this.chats.values().next().value!.close();
    const chat = new MiniChat(sessionId, this.ctx(), this.replies, () => this.chats.delete(sessionId));
    this.chats.set(sessionId, chat);
    this.element.append(chat.element);
    void chat.open().then(() => chat.focus());
  }

  /** After a reconnect: re-join each chat's events and read what is missing, in place. */
  resumeAll(): void {
    for (const chat of this.chats.values()) void chat.open();
  }
}
