// The Analytics view's filter: a range preset (or custom local dates), the grouping and an agent, in the browser's time
// zone. It lives in the URL's hash ("#analytics?range=7d&groupBy=day&agent=sam"), so a reload keeps it and a link
// ("View analytics" in the Resolved view, built by dates.ts) can open the view with a filter.
import type { AnalyticsGroupBy } from "../../protocol";
import { addDays, isDate, today } from "./dates";

export { addDays, analyticsHref, isDate, isoDate, today } from "./dates";

export type RangePreset = "today" | "7d" | "30d" | "90d" | "custom";

export interface AnalyticsFilter {
  range: RangePreset;
  /** Local dates yyyy-MM-dd, both included (for a preset: computed from today). */
  from: string;
  to: string;
  groupBy: AnalyticsGroupBy;
  /** An agent id, or "" for the whole team. */
  agent: string;
}

export const presets: { value: RangePreset; label: string; days: number }[] = [
  { value: "today", label: "Today", days: 1 },
  { value: "7d", label: "Last 7 days", days: 7 },
  { value: "30d", label: "Last 30 days", days: 30 },
  { value: "90d", label: "Last 90 days", days: 90 },
  { value: "custom", label: "Custom dates", days: 0 },
];

export const groupings: { value: AnalyticsGroupBy; label: string }[] = [
  { value: "hour", label: "Hour" }, { value: "day", label: "Day" }, { value: "week", label: "Week" },
];

/** The server's limit on a range (docs/analytics.md). */
export const maxRangeDays = 400;

/** The browser's IANA time zone: the report's days and hours are the agent's own. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** The dates a preset stands for today; custom keeps the dates given. */
export function presetDates(range: RangePreset, now = new Date()): { from: string; to: string } | null {
  const preset = presets.find((p) => p.value === range);
  if (!preset || preset.days === 0) return null;
  const to = today(now);
  return { from: addDays(to, 1 - preset.days), to };
}

const defaultGrouping = (range: RangePreset): AnalyticsGroupBy => (range === "today" ? "hour" : "day");

/** The filter a hash query holds; missing or malformed parts take their defaults (the last 7 days by day). */
export function parseFilter(q: URLSearchParams, now = new Date()): AnalyticsFilter {
  const from = q.get("from");
  const to = q.get("to");
  let range = (presets.some((p) => p.value === q.get("range")) ? q.get("range") : null) as RangePreset | null;
  if (!range) range = isDate(from) || isDate(to) ? "custom" : "7d";
  let dates = presetDates(range, now);
  if (!dates) {
    const end = isDate(to) ? to : today(now);
    dates = { from: isDate(from) ? from : addDays(end, -29), to: end };
  }
  const g = q.get("groupBy");
  const groupBy = groupings.some((x) => x.value === g) ? (g as AnalyticsGroupBy) : defaultGrouping(range);
  return { range, ...dates, groupBy, agent: q.get("agent") ?? "" };
}

/** The hash query of a filter: a preset is kept as its name (so "last 7 days" stays the last 7 days tomorrow). */
export function filterQuery(f: AnalyticsFilter): URLSearchParams {
  const q = new URLSearchParams({ range: f.range });
  if (f.range === "custom") {
    q.set("from", f.from);
    q.set("to", f.to);
  }
  q.set("groupBy", f.groupBy);
  if (f.agent) q.set("agent", f.agent);
  return q;
}

/** The routes' query (docs/analytics.md): from, to, tz, groupBy and agent. */
export function apiQuery(f: AnalyticsFilter, tz = browserTimeZone()): URLSearchParams {
  const q = new URLSearchParams({ from: f.from, to: f.to, tz, groupBy: f.groupBy });
  if (f.agent) q.set("agent", f.agent);
  return q;
}

export function includesToday(f: AnalyticsFilter, now = new Date()): boolean {
  const t = today(now);
  return f.from <= t && t <= f.to;
}
