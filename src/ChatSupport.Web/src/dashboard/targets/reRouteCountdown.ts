// Re-route on the dashboard: a chat whose agent has not answered goes back to the queue at the server's
// reRouteDueAt (sent with the session, never every second); the line counting down to it is computed here.
import { h, text } from "../../dom";
import type { ChatSessionSnapshot } from "../../protocol";
import { duration } from "../format";

/**
 * A line under the chat's header, for the agent who holds the chat (it is theirs to answer); `update` repaints it
 * from the session and the time (called every second).
 */
export function reRouteCountdown(): { element: HTMLElement; update(session: ChatSessionSnapshot | null, mine: boolean, now: number): void } {
  const element = h("p", { class: "re-route", hidden: true });
  return {
    element,
    update(session, mine, now) {
      const due = session?.reRouteDueAt ? Date.parse(session.reRouteDueAt) : NaN;
      element.hidden = !mine || Number.isNaN(due) || session?.status !== "assigned_to_agent";
      if (element.hidden) return;
      const left = due - now;
      // Past the due time the server's re-route is on its way (its check runs on the second).
      text(element, left > 0 ? `No reply yet: back to the queue in ${duration(left)}` : "No reply in time: going back to the queue");
    },
  };
}
