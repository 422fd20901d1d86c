// The chat's private notes in the details panel: in order, each with the message it followed, in the notes' own
// style (agents only; the visitor never sees them). Read with GetNotes each time the panel draws the chat.
import { h } from "../../dom";
import type { DashboardContext } from "../context";
import { dateTime } from "../format";
import { AgentHubMethods, callAgentHub } from "../../protocol";

export function notesList(ctx: DashboardContext, sessionId: string): HTMLElement {
  const list = h("ol", { class: "details-notes" }, h("li", { class: "muted" }, "Loading…"));
  void callAgentHub(ctx.hub, AgentHubMethods.GetNotes, sessionId).then((notes) => {
    list.replaceChildren(...(notes.length === 0 ? [h("li", { class: "muted" }, "No notes.")] : notes.map((n) =>
      h("li", { class: "note-entry", "data-note-seq": String(n.seq) },
        h("div", { class: "note-meta" },
          `${n.kind === "transfer" ? "Transfer note" : "Private note"} · ${n.author.displayName} · ${dateTime(n.writtenAt)}`,
          n.afterMessageSeq > 0 ? ` · after message ${n.afterMessageSeq}` : " · before the first message"),
        h("p", { class: "note-text" }, n.text)))));
  }, () => list.replaceChildren(h("li", { class: "muted" }, "Could not load the notes.")));
  return h("section", { class: "details-notes-box", "aria-label": "Private notes" }, h("h3", {}, "Private notes (agents only)"), list);
}
