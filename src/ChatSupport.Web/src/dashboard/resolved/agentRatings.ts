// The average rating and count per agent, from the archive's running totals.
import { h } from "../../dom";
import type { AgentRatingStats } from "./archiveTypes";

export function agentRatingsTable(stats: AgentRatingStats[]): HTMLElement {
  if (stats.length === 0) return h("p", { class: "muted" }, "No ratings yet.");
  return h("table", { class: "agent-ratings" },
    h("caption", {}, "Ratings by agent"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Agent"), h("th", { scope: "col" }, "Average"), h("th", { scope: "col" }, "Ratings"))),
    h("tbody", {}, ...stats.map((s) => h("tr", { "data-agent": s.agentId },
      h("td", {}, s.agentName),
      h("td", { class: "average" }, s.average.toFixed(2)),
      h("td", { class: "count" }, String(s.count))))));
}
