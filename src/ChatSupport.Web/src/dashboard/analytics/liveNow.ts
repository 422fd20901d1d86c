// "Live now": computed in the page from the live desk the shell keeps (open chats by status, the longest current wait)
// and the team (agents online, each one's open chats). Redrawn on every desk change, and each second while someone
// waits (the wait keeps growing). "Today so far" is today's report (the page reads it again after desk changes).
import { h, text } from "../../dom";
import type { AnalyticsTotals, ChatStatus, SessionSummary, TeamMember } from "../../protocol";
import { statusLabels } from "../context";
import { count, humanDuration } from "./numbers";

const todayFacts: { key: "started" | "resolved" | "abandoned" | "missed"; label: string }[] = [
  { key: "started", label: "Started" }, { key: "resolved", label: "Resolved" },
  { key: "abandoned", label: "Abandoned" }, { key: "missed", label: "Missed" },
];

const openStatuses: ChatStatus[] = ["waiting_for_agent", "assigned_to_agent", "active_chat"];

export interface LiveNow {
  element: HTMLElement;
  render(sessions: SessionSummary[], team: TeamMember[], now?: number): void;
  /** Today's totals so far (in the page's time zone), or null while unknown. */
  renderToday(totals: AnalyticsTotals | null): void;
}

export function liveNowCard(): LiveNow {
  const counts = new Map(openStatuses.map((st) => [st, h("dd", { "data-status": st }, "0")]));
  const open = h("dd", { class: "open-total" }, "0");
  const wait = h("dd", { class: "longest-wait" }, "—");
  const online = h("dd", { class: "agents-online" }, "0");
  const agents = h("ul", { class: "live-agents" });
  const today = new Map(todayFacts.map((f) => [f.key, h("dd", { "data-today": f.key }, "—")]));
  const element = h("section", { class: "analytics-card live-now", "aria-labelledby": "analytics-live-title" },
    h("h2", { id: "analytics-live-title" }, "Live now"),
    h("dl", { class: "card-facts" },
      h("dt", {}, "Open chats"), open,
      ...openStatuses.flatMap((st) => [h("dt", {}, statusLabels[st]), counts.get(st)!]),
      h("dt", {}, "Longest wait"), wait,
      h("dt", {}, "Agents online"), online),
    agents,
    h("h3", { id: "analytics-today-title" }, "Today so far"),
    h("dl", { class: "card-facts today-so-far", "aria-labelledby": "analytics-today-title" },
      ...todayFacts.flatMap((f) => [h("dt", {}, f.label), today.get(f.key)!])));

  return {
    element,
    render(sessions, team, now = Date.now()) {
      const live = sessions.filter((x) => x.status !== "resolved");
      text(open, String(live.length));
      for (const st of openStatuses) text(counts.get(st)!, String(live.filter((x) => x.status === st).length));
      const waiting = live.filter((x) => x.status === "waiting_for_agent").map((x) => Date.parse(x.createdAt)).filter(Number.isFinite);
      text(wait, waiting.length ? humanDuration(Math.floor((now - Math.min(...waiting)) / 1000)) : "No one waiting");
      // Each agent's open chats from the live desk (the team list is read less often); online from the team.
      const held = new Map<string, number>();
      for (const x of live) if (x.assignedAgent) held.set(x.assignedAgent.agentId, (held.get(x.assignedAgent.agentId) ?? 0) + 1);
      const on = team.filter((t) => t.online);
      text(online, String(on.length));
      agents.replaceChildren(...on.map((t) => h("li", { "data-agent": t.agentId },
        `${t.displayName}: ${held.get(t.agentId) ?? 0} open`)));
    },
    renderToday(totals) {
      for (const f of todayFacts) text(today.get(f.key)!, totals ? count(totals[f.key]) : "—");
    },
  };
}
