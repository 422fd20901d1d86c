// A session's details beside the list: who the visitor is (browser, OS, page, referrer, location, their local
// time), their previous chats, and the actions: Assign to Me, assign to another agent, transfer with a note,
// resolve, open the chat; its labels (add, remove), its private notes, and for a resolved chat: reopen or follow up.
// It follows the live desk, so an action taken anywhere shows here at once.
import { h, text } from "../../dom";
import { assignTo, assignToMe, loadTeam, resolve, transfer, type TeamMember } from "../commands";
import type { DashboardContext } from "../context";
import { AgentHubMethods, callAgentHub, type ChatSessionSnapshot, type SessionSummary } from "../../protocol";
import { resolvedChatActions } from "../followUps/resolvedChatActions";
import { chatLabelEditor } from "../labels/chatLabels";
import { notesList } from "./notesList";
import { refusalOf } from "../errors";
import { browserLabel, dateTime, duration, localTime, locationLabel, safeHref, visitorLabel, waitOf } from "../format";
import { statusBadge } from "../statusBadge";

export class DetailsPanel {
  readonly element = h("aside", { class: "details", "aria-label": "Session details", hidden: true });
  private sessionId: string | null = null;
  private shown: SessionSummary | null = null;
  private readonly localTimeCell = h("dd");

  constructor(private readonly ctx: () => DashboardContext) {
    setInterval(() => this.shown && text(this.localTimeCell, localTime(this.shown.visitor?.timeZone)), 15_000);
  }

  /** Shows a session; called again by the shell on every desk change. */
  show(sessionId: string): void {
    this.sessionId = sessionId;
    this.element.hidden = false;
    void this.ctx().labels.load().catch(() => undefined); // labels made on another dashboard since (the panel redraws)
    const live = this.ctx().desk.get(sessionId);
    if (live) this.render(live, true);
    else void callAgentHub(this.ctx().hub, AgentHubMethods.GetSession, sessionId).then((s) => this.render(s, true), (e) => this.ctx().toast(refusalOf(e).message, "error"));
  }

  /** force: redraw even when the chat did not change (the tenant's labels did). */
  refresh(force = false): void {
    if (!this.sessionId || this.element.hidden) return;
    const live = this.ctx().desk.get(this.sessionId);
    if (live && (force || JSON.stringify(live) !== JSON.stringify(this.shown))) this.render(live, false);
    else if (force && this.shown) this.render(this.shown, false);
  }

  close(): void {
    this.element.hidden = true;
    this.sessionId = null;
    this.shown = null;
  }

  private render(s: SessionSummary, focus: boolean): void {
    this.shown = s;
    const v = s.visitor ?? {};
    const name = visitorLabel(s.visitorId, v);
    const closeButton = h("button", { type: "button", class: "close", "aria-label": "Close details" }, "×");
    closeButton.addEventListener("click", () => this.close());

    text(this.localTimeCell, localTime(v.timeZone));
    const rows: [string, Node | string][] = [
      ["Status", statusBadge(s.status)],
      ["Email", v.email ?? "—"],
      ["Location", locationLabel(v)],
      ["Local time", this.localTimeCell],
      ["Page", link(v.pageUrl, v.pageTitle)],
      ["Referrer", link(v.referrer, null)],
      ["Browser", browserLabel(v)],
      ["Language", v.language ?? "—"],
      ["Started", dateTime(s.createdAt)],
      ["Waited", duration(waitOf(s, Date.now()))],
      ["Agent", s.assignedAgent?.displayName ?? "—"],
      ["AI confidence", s.aiConfidence == null ? "—" : `${Math.round(s.aiConfidence * 100)}%`],
    ];
    const facts = h("dl", { class: "facts" });
    for (const [label, value] of rows) {
      const dd = value === this.localTimeCell ? this.localTimeCell : h("dd", {}, value);
      facts.append(h("dt", {}, label), dd);
    }

    if (s.assignedAgent) void this.addAssignmentReason(s.sessionId, facts);

    const heading = h("h2", { tabindex: "-1" }, name);
    const changed = (session: ChatSessionSnapshot) => { if (session.sessionId === this.sessionId) this.render(session, false); };
    const labels = h("section", { class: "details-labels", "aria-label": "Chat labels" }, h("h3", {}, "Labels"),
      chatLabelEditor(this.ctx(), s.sessionId, s.labels ?? [], changed));
    const snapshot = s as Partial<ChatSessionSnapshot>;
    const followUp = s.status === "resolved"
      ? [resolvedChatActions(this.ctx(), s.sessionId, { at: snapshot.followUpAt, agent: snapshot.followUpAgent?.displayName }, changed)]
      : [];
    this.element.replaceChildren(h("div", { class: "details-head" }, heading, closeButton), this.actions(s, name), ...followUp, labels, facts,
      notesList(this.ctx(), s.sessionId), this.previousChats(s));
    if (focus) heading.focus();
  }

  /** "Why this agent": the rule, who was considered and who was skipped and why (read from the full session). */
  private async addAssignmentReason(sessionId: string, facts: HTMLElement): Promise<void> {
    const reason = (await callAgentHub(this.ctx().hub, AgentHubMethods.GetSession, sessionId).catch(() => null))?.assignmentReason;
    if (!reason || this.shown?.sessionId !== sessionId) return;
    const skipped = reason.skipped.map((k) => `${k.agentId} (${k.why})`).join(", ");
    facts.append(h("dt", {}, "Why this agent"), h("dd", { class: "assignment-reason" }, reason.summary,
      reason.considered.length ? h("div", { class: "muted" }, `Considered: ${reason.considered.join(", ")}`) : "",
      skipped ? h("div", { class: "muted" }, `Skipped: ${skipped}`) : ""));
  }

  private actions(s: SessionSummary, name: string): HTMLElement {
    const ctx = this.ctx();
    const box = h("div", { class: "details-actions" });
    // An agent has answered: the answer may be proposed as a learned answer (an admin approves it on the Knowledge page).
    if (s.status === "active_chat" || (s.status === "resolved" && s.assignedAgent)) box.append(this.goodAnswerButton(s.sessionId));
    if (s.status === "resolved") return box;
    if (s.status === "waiting_for_agent") {
      const mine = h("button", { type: "button", class: "primary" }, "Assign to Me");
      mine.addEventListener("click", () => void assignToMe(ctx, s.sessionId).then((ok) => ok && ctx.openChat(s.sessionId)));
      box.append(mine);
    }
    const open = h("button", { type: "button" }, "Open chat");
    open.addEventListener("click", () => ctx.openChat(s.sessionId));
    box.append(open);

    // Assign (waiting) or transfer (assigned/active) to another agent, picked from the team.
    const waiting = s.status === "waiting_for_agent";
    const pick = h("select", { "aria-label": waiting ? `Assign ${name} to` : `Transfer ${name} to` }, h("option", { value: "" }, "Choose an agent…"));
    const note = h("textarea", { rows: "2", maxlength: "1000", placeholder: "Note for the next agent (optional)", "aria-label": "Transfer note" });
    const go = h("button", { type: "button" }, waiting ? "Assign" : "Transfer");
    void loadTeam(ctx).then((team: TeamMember[]) => {
      for (const m of team) {
        if (m.agentId === s.assignedAgent?.agentId) continue;
        pick.append(h("option", { value: m.agentId }, `${m.displayName} (${m.status}) · ${m.openChats} open`));
      }
    });
    go.addEventListener("click", async () => {
      if (!pick.value) return ctx.toast("Choose an agent first.", "error");
      const ok = waiting ? await assignTo(ctx, s.sessionId, pick.value) : await transfer(ctx, s.sessionId, pick.value, note.value);
      if (ok) ctx.toast(waiting ? "Assigned." : "Transferred.");
    });
    const handOff = h("div", { class: "handoff" }, pick);
    if (!waiting) handOff.append(note);
    handOff.append(go);
    box.append(handOff);

    if (!waiting) {
      const done = h("button", { type: "button", class: "resolve" }, "Resolve");
      done.addEventListener("click", () => void resolve(ctx, s.sessionId).then((ok) => ok && ctx.toast("Chat resolved.")));
      box.append(done);
    }
    return box;
  }

  private goodAnswerButton(sessionId: string): HTMLElement {
    const ctx = this.ctx();
    const good = h("button", { type: "button", class: "good-answer" }, "Good answer");
    good.addEventListener("click", () => void callAgentHub(ctx.hub, AgentHubMethods.MarkGoodAnswer, sessionId).then(
      () => ctx.toast("Proposed as a learned answer: approve it on the Knowledge page."),
      (e: unknown) => ctx.toast(refusalOf(e).message, "error")));
    return good;
  }

  private previousChats(s: SessionSummary): HTMLElement {
    const list = h("ul", { class: "previous" }, h("li", {}, "Loading…"));
    const section = h("section", { "aria-label": "Previous chats" }, h("h3", {}, "Previous chats"), list);
    void callAgentHub(this.ctx().hub, AgentHubMethods.GetVisitorChats, s.visitorId).then((chats) => {
      const past = chats.filter((c) => c.sessionId !== s.sessionId);
      list.replaceChildren(...(past.length === 0 ? [h("li", {}, "None")] : past.map((c) =>
        h("li", {}, statusBadge(c.status), ` ${dateTime(c.createdAt)} · ${c.assignedAgent?.displayName ?? "no agent"} · ${c.lastSeq} messages${c.rating ? ` · ${"★".repeat(c.rating.stars)}` : ""}`))));
    }, () => list.replaceChildren(h("li", {}, "Could not load previous chats.")));
    return section;
  }
}

function link(url: string | null | undefined, label: string | null | undefined): Node | string {
  const href = safeHref(url);
  if (!url) return "—";
  return href ? h("a", { href, target: "_blank", rel: "noopener noreferrer" }, label?.trim() || url) : url;
}
