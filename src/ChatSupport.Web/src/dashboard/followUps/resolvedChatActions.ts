// What an agent can do with a resolved chat: reopen it (back to active_chat with the agent who held it; the visitor's
// widget shows the thread on their next visit) or set a follow-up reminder for themselves (it lands in their
// follow-ups, in the Notifications menu, at that time). Shown in the details panel and the Resolved view's transcript.
import { h } from "../../dom";
import type { DashboardContext } from "../context";
import { refusalOf } from "../errors";
import { dateTime } from "../format";
import { AgentHubMethods, callAgentHub, type ChatSessionSnapshot } from "../../protocol";
import { followUpAt, followUpChoices, type FollowUpChoice } from "./followUpTimes";

export function resolvedChatActions(ctx: DashboardContext, sessionId: string, followUp: { at?: string | null; agent?: string | null },
  changed: (s: ChatSessionSnapshot) => void): HTMLElement {
  const reopen = h("button", { type: "button", class: "reopen" }, "Reopen");
  reopen.addEventListener("click", async () => {
    try {
      const session = await callAgentHub(ctx.hub, AgentHubMethods.Reopen, sessionId);
      ctx.desk.remember(session);
      ctx.toast("Chat reopened.");
      ctx.followUpSet(sessionId, null);
      changed(session);
      ctx.openChat(sessionId);
    } catch (e) {
      ctx.toast(refusalOf(e).message, "error");
    }
  });

  const choice = h("select", { "aria-label": "Follow up when" }, ...followUpChoices.map((c) => h("option", { value: c.value }, c.label)));
  const custom = h("input", { type: "datetime-local", "aria-label": "Follow-up time", hidden: true });
  choice.addEventListener("change", () => { custom.hidden = choice.value !== "custom"; });
  const set = h("button", { type: "button" }, "Set follow-up");
  const current = h("p", { class: "follow-up-current muted", role: "status" },
    followUp.at ? `Follow-up ${dateTime(followUp.at)}${followUp.agent ? ` (${followUp.agent})` : ""}` : "");
  set.addEventListener("click", async () => {
    const at = followUpAt(choice.value as FollowUpChoice, new Date(), custom.value);
    if (!at || Number.isNaN(at.getTime())) return ctx.toast("Choose the follow-up time first.", "error");
    try {
      const session = await callAgentHub(ctx.hub, AgentHubMethods.SetFollowUp, sessionId, at.toISOString());
      current.textContent = `Follow-up ${dateTime(session.followUpAt ?? at.toISOString())}`;
      ctx.toast(`Follow-up set for ${dateTime(at.toISOString())}.`);
      changed(session);
      ctx.followUpSet(sessionId, session.followUpAt ?? at.toISOString());
    } catch (e) {
      ctx.toast(refusalOf(e).message, "error");
    }
  });
  return h("div", { class: "resolved-actions", role: "group", "aria-label": "Follow up" },
    reopen, h("span", { class: "follow-up-form" }, choice, custom, set), current);
}
