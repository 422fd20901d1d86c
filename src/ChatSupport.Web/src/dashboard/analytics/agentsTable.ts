// Per agent over the range: chats handled (assigned to them, or transferred to them), transfers in and out, resolved,
// the medians of first response and response time, ratings, CSAT and mean stars.
import { h } from "../../dom";
import type { AgentAnalytics } from "../../protocol";
import { count, humanDuration, none, percent, stars } from "./numbers";

export const agentColumns: { label: string; value: (a: AgentAnalytics) => string; cls: string }[] = [
  { label: "Handled", value: (a) => count(a.handled), cls: "handled" },
  { label: "Transfers in", value: (a) => count(a.transfersIn), cls: "transfers-in" },
  { label: "Transfers out", value: (a) => count(a.transfersOut), cls: "transfers-out" },
  { label: "Resolved", value: (a) => count(a.resolved), cls: "resolved" },
  { label: "Reopened", value: (a) => count(a.reopened ?? 0), cls: "reopened" },
  { label: "First response (median)", value: (a) => humanDuration(a.firstResponse?.median), cls: "first-response" },
  { label: "Response time (median)", value: (a) => humanDuration(a.responseTime?.median), cls: "response-time" },
  { label: "Ratings", value: (a) => count(a.ratings), cls: "ratings" },
  { label: "CSAT", value: (a) => percent(a.csat), cls: "csat" },
  { label: "Mean stars", value: (a) => stars(a.meanStars), cls: "mean-stars" },
  { label: "Targets met", value: (a) => percent(a.targetsMetShare ?? null), cls: "targets-met" },
];

export function agentsTable(agents: AgentAnalytics[]): HTMLElement {
  if (agents.length === 0) return h("p", { class: "muted" }, `No agent handled a chat in this range. ${none}`);
  return h("table", { class: "analytics-table agents-table" },
    h("caption", {}, "Chats and ratings per agent"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Agent"), ...agentColumns.map((c) => h("th", { scope: "col" }, c.label)))),
    h("tbody", {}, ...agents.map((a) => h("tr", { "data-agent": a.agentId },
      h("th", { scope: "row" }, a.agentName || a.agentId),
      ...agentColumns.map((c) => h("td", { class: c.cls }, c.value(a)))))));
}
