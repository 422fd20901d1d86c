// "Needs review": chats rated 1–2 stars that nobody has reviewed yet (GetReviews, newest rating first). An agent
// reads the chat, writes what was done about it, and marks it reviewed; it then leaves the list for everyone. A low
// rating's live notification (AgentNotified, kind low_rating: the review is stored before it is sent) reads the list again.
import { h } from "../../dom";
import type { DashboardContext } from "../context";
import { refusalOf } from "../errors";
import { dateTime } from "../format";
import { AgentHubMethods, callAgentHub, ClientEvents, onServerEvent, type ChatReview } from "../../protocol";
import { starsText } from "./archiveTypes";

export interface NeedsReview { element: HTMLElement; load(): Promise<void>; }

export function needsReview(ctx: DashboardContext, openTranscript: (sessionId: string) => void): NeedsReview {
  const heading = h("h3", {}, "Needs review");
  const list = h("ul", { class: "review-list" });
  const element = h("section", { class: "needs-review", "aria-label": "Needs review" }, heading, list);
  // Entries are kept by chat while listed: a reload (a new low rating, the view shown again) never wipes a note being typed.
  const items = new Map<string, HTMLElement>();

  function item(r: ChatReview): HTMLElement {
    const note = h("textarea", { rows: "2", maxlength: "4000", placeholder: "What was done about it", "aria-label": "Review note" });
    const done = h("button", { type: "button", class: "primary" }, "Mark reviewed");
    done.addEventListener("click", async () => {
      if (!note.value.trim()) return ctx.toast("Write a note on what was done first.", "error");
      try {
        await callAgentHub(ctx.hub, AgentHubMethods.MarkReviewed, r.sessionId, note.value.trim());
        ctx.toast("Marked reviewed.");
        await load();
      } catch (e) {
        ctx.toast(refusalOf(e).message, "error");
      }
    });
    const show = h("button", { type: "button", class: "link" }, "Show chat");
    show.addEventListener("click", () => openTranscript(r.sessionId));
    return h("li", { "data-session": r.sessionId },
      h("p", {},
        h("span", { class: "stars", "aria-label": `${r.stars} out of 5 stars` }, starsText(r.stars)),
        ` ${r.agent?.displayName ?? "no agent"} · rated ${dateTime(r.ratedAt)} `, show),
      ...(r.feedback ? [h("q", { class: "feedback" }, r.feedback)] : []),
      h("div", { class: "review-form" }, note, done));
  }

  async function load(): Promise<void> {
    try {
      const reviews = await callAgentHub(ctx.hub, AgentHubMethods.GetReviews);
      heading.textContent = `Needs review (${reviews.length})`;
      const listed = new Set(reviews.map((r) => r.sessionId));
      for (const id of items.keys()) if (!listed.has(id)) items.delete(id);
      const entries = reviews.map((r) => {
        if (!items.has(r.sessionId)) items.set(r.sessionId, item(r));
        return items.get(r.sessionId)!;
      });
      const same = entries.length > 0 && entries.length === list.children.length && entries.every((e, i) => list.children[i] === e);
      if (!same) list.replaceChildren(...(entries.length === 0 ? [h("li", { class: "muted" }, "No low ratings waiting.")] : entries)); // unchanged: focus stays
    } catch (e) {
      list.replaceChildren(h("li", { class: "muted" }, refusalOf(e).message));
    }
  }

  onServerEvent(ctx.hub, ClientEvents.AgentNotified, (e) => { if (e.notification.kind === "low_rating") void load(); });
  return { element, load };
}
