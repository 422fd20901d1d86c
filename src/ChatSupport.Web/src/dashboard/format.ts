// Words and numbers as agents read them.
import type { SessionSummary, VisitorMetadata } from "../protocol";

export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${String(m % 60).padStart(2, "0")}m`;
}

/** How long the visitor waited: still ticking while waiting, fixed once an agent took the chat. */
export function waitOf(s: SessionSummary, now: number): number {
  const end = s.status === "waiting_for_agent" ? now : s.assignedAt ? Date.parse(s.assignedAt) : now;
  return end - Date.parse(s.createdAt);
}

/** The visitor's name, or a stable anonymous label from their id ("Visitor 3f2a"). */
export function visitorLabel(visitorId: string, v: VisitorMetadata | null | undefined): string {
  const name = v?.name?.trim();
  return name ? name : `Visitor ${visitorId.slice(0, 4)}`;
}

export function locationLabel(v: VisitorMetadata | null | undefined): string {
  const l = v?.location;
  if (!l) return "Unknown";
  return [l.city, l.country].filter(Boolean).join(", ") || "Unknown";
}

export function pageLabel(v: VisitorMetadata | null | undefined): string {
  return v?.pageTitle?.trim() || v?.pageUrl || "—";
}

export function browserLabel(v: VisitorMetadata | null | undefined): string {
  return [v?.browser, v?.operatingSystem].filter(Boolean).join(" · ") || "—";
}

export function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

/** The visitor's local time now, from the time zone their browser reported. */
export function localTime(timeZone: string | null | undefined, now = new Date()): string {
  if (!timeZone) return "—";
  try {
    return now.toLocaleTimeString([], { timeZone, hour: "2-digit", minute: "2-digit" }) + ` (${timeZone})`;
  } catch {
    return "—";
  }
}

/** Only http(s) links are ever made clickable: a visitor-reported "javascript:" URL stays text. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}
