// Local dates (yyyy-MM-dd) and the link that opens the Analytics view on a range: the one part of the view the main
// bundle holds (the Resolved view's "View analytics" link), so it is kept apart from the rest of query.ts.
const pad = (n: number) => String(n).padStart(2, "0");

/** A local date as yyyy-MM-dd. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function isDate(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
}

/** yyyy-MM-dd plus (or minus) whole days, by the calendar (a DST change does not move it). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return isoDate(new Date(y, m - 1, d + days));
}

export function today(now = new Date()): string {
  return isoDate(now);
}

/** A link that opens the Analytics view on these local dates (either may be empty) and agent. */
export function analyticsHref(from: string, to: string, agent: string): string {
  const q = new URLSearchParams({ range: "custom" });
  const end = isDate(to) ? to : today();
  q.set("from", isDate(from) ? from : addDays(end, -29));
  q.set("to", end);
  if (agent) q.set("agent", agent);
  return `#analytics?${q}`;
}
