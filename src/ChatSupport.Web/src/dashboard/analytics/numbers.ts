// Numbers of the report as people read them: durations in words ("1 min 12 s"), shares as percentages, "—" where
// there is nothing to measure.

export const none = "—";

/** Whole seconds as "42 s", "1 min 12 s", "2 h 5 min", "3 d 4 h"; null as "—". */
export function humanDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return none;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** A share 0–1 as "87 %" (one decimal under 10 %); null as "—". */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return none;
  const p = share * 100;
  return `${p > 0 && p < 10 ? p.toFixed(1) : Math.round(p)} %`;
}

export function count(n: number): string {
  return n.toLocaleString("en-GB");
}

/** Mean stars as "4.3"; null as "—". */
export function stars(mean: number | null | undefined): string {
  return mean === null || mean === undefined || !Number.isFinite(mean) ? none : mean.toFixed(1);
}

/** The literal local date and time of a series start ("2026-11-01T14:00:00+01:00"): shown as the server grouped it. */
export function bucketLabel(start: string, groupBy: "hour" | "day" | "week", short = false): string {
  const [y, m, d] = start.slice(0, 10).split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  const date = day.toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "short", ...(short ? {} : { weekday: "short" }) });
  if (groupBy === "hour") return short ? start.slice(11, 16) : `${date} ${start.slice(11, 16)}`;
  if (groupBy === "week") return short ? date : `Week of ${date}`;
  return date;
}
