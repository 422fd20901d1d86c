// The agent's notifications (mentions in notes, follow-ups due, low ratings for admins) and follow-ups: a count in
// the header, a toast when one arrives (even when its chat is not open), and a list whose entries open the chat.
// A follow-up this page just set shows at once (the server's list takes it a moment later, from the session's event).
import { h, text } from "../../dom";
import type { DashboardContext } from "../context";
import { clock, dateTime, visitorLabel } from "../format";
import { AgentHubMethods, callAgentHub, ClientEvents, onServerEvent, type AgentInbox } from "../../protocol";

export class InboxButton {
  readonly element: HTMLElement;
  private readonly button = h("button", { type: "button", class: "inbox-button", "aria-expanded": "false", "aria-label": "Notifications" });
  private readonly panel = h("div", { class: "inbox-panel", role: "dialog", "aria-label": "Notifications", hidden: true });
  private inbox: AgentInbox = { notifications: [], unread: 0, followUps: [] };
  /** Follow-ups set here that the server's list did not show yet, by session. */
  private readonly pending = new Map<string, string>();

  constructor(private readonly ctx: () => DashboardContext) {
    this.element = h("span", { class: "inbox" }, this.button, this.panel);
    this.button.addEventListener("click", () => void this.toggle());
    this.paint();
  }

  /** Subscribes (GetInbox) and wires the live notifications; call again after a reconnect. */
  async load(): Promise<void> {
    this.inbox = await callAgentHub(this.ctx().hub, AgentHubMethods.GetInbox);
    for (const f of this.inbox.followUps) this.pending.delete(f.sessionId);
    this.paint();
  }

  /** A follow-up this page set (SetFollowUp answered); dueAt null: it is over (the chat was reopened). */
  followUpSet(sessionId: string, dueAt: string | null): void {
    if (dueAt) this.pending.set(sessionId, dueAt);
    else {
      this.pending.delete(sessionId);
      this.inbox = { ...this.inbox, followUps: this.inbox.followUps.filter((f) => f.sessionId !== sessionId) };
    }
    this.paint();
    void this.load().catch(() => undefined);
  }

  listen(): void {
    onServerEvent(this.ctx().hub, ClientEvents.AgentNotified, (e) => {
      this.inbox = { ...this.inbox, notifications: [e.notification, ...this.inbox.notifications], unread: e.unread };
      if (e.notification.kind === "follow_up") void this.load();
      this.ctx().toast(e.notification.text);
      this.paint();
    });
  }

  private async toggle(): Promise<void> {
    const opening = this.panel.hidden;
    this.panel.hidden = !opening;
    this.button.setAttribute("aria-expanded", String(opening));
    if (opening) void this.load().catch(() => undefined);
    if (opening && this.inbox.unread > 0) {
      await callAgentHub(this.ctx().hub, AgentHubMethods.MarkNotificationsRead);
      this.inbox = { ...this.inbox, unread: 0 };
      this.paint();
    }
  }

  private paint(): void {
    text(this.button, this.inbox.unread > 0 ? `Notifications (${this.inbox.unread})` : "Notifications");
    this.button.dataset.unread = String(this.inbox.unread);
    const open = (sessionId: string) => {
      this.panel.hidden = true;
      this.ctx().openChat(sessionId);
    };
    const listed = new Set(this.inbox.followUps.map((f) => f.sessionId));
    const all = [...this.inbox.followUps, ...[...this.pending].filter(([id]) => !listed.has(id)).map(([sessionId, dueAt]) => ({ sessionId, dueAt, due: false }))]
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    const followUps = all.map((f) => {
      const s = this.ctx().desk.get(f.sessionId);
      const who = s ? visitorLabel(s.visitorId, s.visitor) : "a chat";
      const link = h("button", { type: "button", class: "link" }, `${f.due ? "Due now" : "Due"} ${dateTime(f.dueAt)}: ${who}`);
      link.addEventListener("click", () => open(f.sessionId));
      return h("li", { class: f.due ? "follow-up due" : "follow-up", "data-session-id": f.sessionId }, link);
    });
    const notes = this.inbox.notifications.map((n) => {
      const link = h("button", { type: "button", class: "link" }, n.text);
      link.addEventListener("click", () => open(n.sessionId));
      return h("li", { class: `notification notification-${n.kind}`, "data-session-id": n.sessionId }, link, h("span", { class: "when" }, clock(n.at)));
    });
    this.panel.replaceChildren(
      h("h2", {}, "Follow-ups"), followUps.length ? h("ul", { class: "follow-ups" }, ...followUps) : h("p", {}, "No follow-ups."),
      h("h2", {}, "Notifications"), notes.length ? h("ul", { class: "notifications" }, ...notes) : h("p", {}, "Nothing yet."));
  }
}
