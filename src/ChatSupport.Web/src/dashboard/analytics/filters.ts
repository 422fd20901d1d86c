// The Analytics filter bar: range preset, custom dates, grouping, agent, and a refresh button. Any change applies at
// once; the time zone is the browser's and is only shown.
import { h } from "../../dom";
import type { TeamMember } from "../../protocol";
import { type AnalyticsFilter, browserTimeZone, groupings, presetDates, presets, type RangePreset } from "./query";

export interface FilterBar {
  element: HTMLFormElement;
  set(filter: AnalyticsFilter): void;
  setAgents(team: TeamMember[], extra: { agentId: string; agentName: string }[]): void;
}

export function filterBar(onChange: (f: AnalyticsFilter) => void, onRefresh: () => void): FilterBar {
  const range = h("select", { name: "range" }, ...presets.map((p) => h("option", { value: p.value }, p.label)));
  const from = h("input", { type: "date", name: "from", required: true });
  const to = h("input", { type: "date", name: "to", required: true });
  const groupBy = h("select", { name: "groupBy" }, ...groupings.map((g) => h("option", { value: g.value }, g.label)));
  const agent = h("select", { name: "agent" }, h("option", { value: "" }, "All agents"));
  const refresh = h("button", { type: "submit" }, "Refresh");
  let agentWanted = "";

  const element = h("form", { class: "analytics-filters", "aria-label": "Analytics filter" },
    h("label", {}, "Range ", range),
    h("label", {}, "From ", from),
    h("label", {}, "To ", to),
    h("label", {}, "Group by ", groupBy),
    h("label", {}, "Agent ", agent),
    h("span", { class: "muted tz" }, `Time zone: ${browserTimeZone()}`),
    refresh);

  const current = (): AnalyticsFilter => ({
    range: range.value as RangePreset, from: from.value, to: to.value,
    groupBy: groupBy.value as AnalyticsFilter["groupBy"], agent: agent.value || agentWanted,
  });

  range.addEventListener("change", () => {
    const dates = presetDates(range.value as RangePreset);
    if (dates) {
      from.value = dates.from;
      to.value = dates.to;
    }
    if (range.value === "today" && groupBy.value !== "hour") groupBy.value = "hour";
    else if (range.value !== "today" && range.value !== "custom" && groupBy.value === "hour") groupBy.value = "day";
    onChange(current());
  });
  for (const date of [from, to]) {
    date.addEventListener("change", () => {
      if (!from.value || !to.value) return;
      range.value = "custom";
      onChange(current());
    });
  }
  groupBy.addEventListener("change", () => onChange(current()));
  agent.addEventListener("change", () => { agentWanted = agent.value; onChange(current()); });
  element.addEventListener("submit", (e) => { e.preventDefault(); onRefresh(); });

  return {
    element,
    set(f) {
      range.value = f.range;
      from.value = f.from;
      to.value = f.to;
      groupBy.value = f.groupBy;
      agentWanted = f.agent;
      if ([...agent.options].some((o) => o.value === f.agent)) agent.value = f.agent;
      else agent.append(h("option", { value: f.agent, selected: true }, f.agent));
    },
    setAgents(team, extra) {
      // The team (GetTeam), plus anyone the report names who left it: their chats still count.
      const names = new Map<string, string>();
      for (const a of extra) names.set(a.agentId, a.agentName);
      for (const t of team) names.set(t.agentId, t.displayName);
      if (agentWanted && !names.has(agentWanted)) names.set(agentWanted, agentWanted);
      const sorted = [...names].sort((a, b) => a[1].localeCompare(b[1]));
      agent.replaceChildren(h("option", { value: "" }, "All agents"),
        ...sorted.map(([id, name]) => h("option", { value: id, selected: id === agentWanted }, name)));
    },
  };
}
