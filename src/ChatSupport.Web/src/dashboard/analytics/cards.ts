// The report's cards: the chat counts, the four durations (median first, then mean, p90, n and the share within
// target), and satisfaction (CSAT, mean stars, response rate). Each card is a small labelled group; its numbers carry
// data-metric so the tests (and the totals export) name them the same way.
import { h } from "../../dom";
import type { AnalyticsReport, DurationStats, TargetedDurationStats } from "../../protocol";
import { count, humanDuration, percent, stars } from "./numbers";

export const countCards: { key: "started" | "assigned" | "resolved" | "abandoned" | "missed" | "reopened"; label: string; hint: string }[] = [
  { key: "started", label: "Chats started", hint: "visitors who opened a chat" },
  { key: "assigned", label: "Assigned", hint: "taken by an agent" },
  { key: "resolved", label: "Resolved", hint: "ended after an agent answered" },
  { key: "abandoned", label: "Abandoned", hint: "closed before any answer" },
  { key: "missed", label: "Missed", hint: "waited past the assignment target" },
  { key: "reopened", label: "Reopened", hint: "resolved chats an agent reopened" },
];

export const durationCards: { key: "waitToAssignment" | "firstResponse" | "responseTime" | "resolutionTime"; label: string }[] = [
  { key: "waitToAssignment", label: "Wait to assignment" },
  { key: "firstResponse", label: "First response" },
  { key: "responseTime", label: "Response time" },
  { key: "resolutionTime", label: "Resolution time" },
];

function card(metric: string, title: string, value: string, ...rest: Node[]): HTMLElement {
  const id = `analytics-card-${metric}`;
  return h("section", { class: "analytics-card", "data-metric": metric, "aria-labelledby": id },
    h("h3", { id }, title),
    h("p", { class: "value" }, value),
    ...rest);
}

function facts(rows: [string, string][]): HTMLElement {
  return h("dl", { class: "card-facts" }, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function durationCard(key: string, label: string, d: DurationStats | TargetedDurationStats): HTMLElement {
  const rows: [string, string][] = [["Mean", humanDuration(d.mean)], ["90th percentile", humanDuration(d.p90)], ["Measured", count(d.n)]];
  // The server may send targetSeconds: null on the durations without a target: only a number is a target.
  const target = (d as Partial<TargetedDurationStats>).targetSeconds;
  if (typeof target === "number") rows.push([`Within ${humanDuration(target)}`, percent((d as TargetedDurationStats).withinTarget)]);
  const c = card(key, label, humanDuration(d.median), facts(rows));
  c.querySelector(".value")!.prepend(h("span", { class: "muted small" }, "median "));
  return c;
}

export function reportCards(report: AnalyticsReport): HTMLElement {
  const s = report.satisfaction;
  return h("div", { class: "analytics-cards" },
    h("div", { class: "card-row counts", role: "group", "aria-label": "Chats" },
      ...countCards.map((c) => card(c.key, c.label, count(report.totals[c.key]), h("p", { class: "muted small" }, c.hint)))),
    h("div", { class: "card-row durations", role: "group", "aria-label": "Durations" },
      ...durationCards.map((c) => durationCard(c.key, c.label, report[c.key]))),
    h("div", { class: "card-row satisfaction", role: "group", "aria-label": "Satisfaction" },
      card("csat", "CSAT", percent(s.csat), h("p", { class: "muted small" }, `ratings of 4 or 5 stars, of ${count(s.ratings)}`)),
      card("meanStars", "Mean stars", stars(s.meanStars), h("p", { class: "muted small" }, "out of 5")),
      card("responseRate", "Response rate", percent(s.responseRate), h("p", { class: "muted small" }, "ratings per resolved chat")),
      targetsCard(report.totals)));
}

/** The share of response-time targets met (assignment, first reply, next reply, resolution), of those that ended met or missed. */
function targetsCard(t: AnalyticsReport["totals"]): HTMLElement {
  const met = t.targetsMet ?? 0;
  const missed = t.targetsMissed ?? 0;
  return card("targetsMet", "Targets met", percent(t.targetsMetShare ?? null),
    h("p", { class: "muted small" }, `${count(met)} met, ${count(missed)} missed response-time targets`));
}
