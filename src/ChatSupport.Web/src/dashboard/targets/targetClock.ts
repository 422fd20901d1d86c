// Response-time targets on the dashboard: a chat's clocks come from the server (startedAt, dueAt, missed) only when a
// target starts, stops or is missed; the countdown, amber at 75 % of the target's time and red once it has run out,
// is computed here every second. The server's "missed" and the local "time's up" agree: red from the due time on.
import { h, text } from "../../dom";
import type { SessionSummary, TargetClock, TargetName } from "../../protocol";
import { duration } from "../format";

export type TargetState = "ok" | "amber" | "red";

export const targetWords: Record<TargetName, string> = {
  assignment: "Assignment",
  first_reply: "First reply",
  next_reply: "Next reply",
  resolution: "Resolution",
};

/** The share of a target's time after which it shows amber. */
export const amberAt = 0.75;

/** The clock a chat shows: the soonest target still running; when every one has been missed, the first missed one. */
export function shownTarget(targets: TargetClock[] | undefined): TargetClock | undefined {
  const all = targets ?? [];
  const running = all.filter((t) => !t.missed).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return running[0] ?? all[0];
}

export function targetState(t: TargetClock, now: number): { state: TargetState; leftMs: number } {
  const start = Date.parse(t.startedAt);
  const due = Date.parse(t.dueAt);
  const leftMs = due - now;
  if (t.missed || leftMs <= 0) return { state: "red", leftMs };
  return { state: now - start >= amberAt * (due - start) ? "amber" : "ok", leftMs };
}

/** "Soonest target" order: the chat whose shown target ends first on top (missed ones first), chats without one last. */
export function orderBySoonestTarget(sessions: SessionSummary[]): SessionSummary[] {
  const due = (s: SessionSummary) => {
    const t = shownTarget(s.targets);
    return t ? Date.parse(t.dueAt) : Number.POSITIVE_INFINITY;
  };
  return [...sessions].sort((a, b) => due(a) - due(b) || a.createdAt.localeCompare(b.createdAt));
}

/** A countdown element; `update` repaints it from the chat's clocks and the time (cheap: called every second). */
export function targetCountdown(): { element: HTMLElement; update(targets: TargetClock[] | undefined, now: number): void } {
  const element = h("span", { class: "target" });
  return {
    element,
    update(targets, now) {
      const t = shownTarget(targets);
      if (!t) {
        element.hidden = true;
        element.dataset.state = "none";
        return;
      }
      element.hidden = false;
      const { state, leftMs } = targetState(t, now);
      element.dataset.state = state;
      element.dataset.target = t.target;
      const words = state === "red" ? `${targetWords[t.target]} missed by ${duration(-leftMs)}` : `${targetWords[t.target]} in ${duration(leftMs)}`;
      element.title = state === "red" ? "Target missed" : state === "amber" ? "Target about to be missed" : "Time left on the target";
      text(element, words);
    },
  };
}
