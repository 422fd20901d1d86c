// One resolved chat's transcript: who, when, the rating, its labels, every message (read a page at a time) with the
// private notes in place (after the message each followed, marked internal: this view is for admins, like the
// archive), its exports, and what can still be done with it: label it, reopen it, or set a follow-up.
import { h } from "../../dom";
import type { DashboardContext } from "../context";
import { dateTime } from "../format";
import { refusalOf } from "../http";
import { resolvedChatActions } from "../followUps/resolvedChatActions";
import { chatLabelEditor } from "../labels/chatLabels";
import { type ArchivedChat, type TranscriptNote, type TranscriptPage, exportFormats, starsText, visitorOf } from "./archiveTypes";

export async function showTranscript(panel: HTMLElement, ctx: DashboardContext, chat: ArchivedChat): Promise<void> {
  const log = h("ol", { class: "transcript-log", "aria-label": "Messages" });
  const close = h("button", { type: "button" }, "Close");
  close.addEventListener("click", () => { panel.hidden = true; panel.replaceChildren(); });
  const base = `/api/archive/chats/${encodeURIComponent(chat.sessionId)}`;
  const rating = chat.rating
    ? h("p", { class: "transcript-rating" },
        h("span", { class: "stars", "aria-label": `${chat.rating.stars} out of 5 stars` }, starsText(chat.rating.stars)),
        ` rated ${dateTime(chat.rating.ratedAt)}${chat.rating.anonymous ? " (anonymous)" : ""}`,
        ...(chat.rating.feedback ? [h("q", { class: "feedback" }, chat.rating.feedback)] : []))
    : h("p", { class: "transcript-rating muted" }, "No rating");

  const labels = h("div", { class: "transcript-labels" });
  const showLabels = (ids: readonly string[]) =>
    labels.replaceChildren(chatLabelEditor(ctx, chat.sessionId, ids, (s) => showLabels(s.labels ?? [])));
  showLabels(chat.labels ?? []);
  const actions = resolvedChatActions(ctx, chat.sessionId, {}, (s) => {
    if (s.status !== "resolved") actions.replaceChildren(h("p", { class: "muted" }, "Reopened: the chat is open on the desk again."));
  });

  panel.replaceChildren(
    h("div", { class: "transcript-head" },
      h("h3", {}, `Chat with ${visitorOf(chat)}`), h("span", { class: "spacer" }), close),
    h("p", { class: "muted" }, `Agent: ${chat.agent?.displayName ?? "none"} · resolved ${dateTime(chat.resolvedAt)}`),
    rating,
    labels,
    actions,
    h("p", { class: "exports" }, "Download transcript: ",
      ...exportFormats.map((f) => h("a", { href: `${base}/export?format=${f.format}`, download: "", class: "export-one", "data-format": f.format }, f.label))),
    log);
  panel.hidden = false;
  close.focus();

  const notesResponse = await ctx.api(`${base}/notes`);
  const notes = notesResponse.ok ? ((await notesResponse.json()) as TranscriptNote[]).sort((a, b) => a.seq - b.seq) : [];
  let nextNote = 0;
  const notesUpTo = (seq: number) => {
    for (; nextNote < notes.length && notes[nextNote].afterMessageSeq <= seq; nextNote++) log.append(noteItem(notes[nextNote]));
  };

  let after = 0;
  for (;;) {
    const response = await ctx.api(`${base}/messages?afterSeq=${after}&max=200`);
    if (!response.ok) { ctx.toast(await refusalOf(response), "error"); return; }
    const page = (await response.json()) as TranscriptPage;
    for (const m of page.messages) {
      notesUpTo(m.seq - 1);
      log.append(h("li", { class: `msg-${m.sender}` },
        h("span", { class: "sender" }, m.senderName ?? (m.sender === "agent" ? "Agent" : "Visitor")),
        h("time", { datetime: m.sentAt }, dateTime(m.sentAt)),
        h("p", { class: "msg-text" }, m.text)));
    }
    if (!page.hasMore || page.messages.length === 0) break;
    after = page.messages[page.messages.length - 1].seq;
  }
  notesUpTo(Number.MAX_SAFE_INTEGER);
  if (log.childElementCount === 0) log.append(h("li", { class: "muted" }, "No messages."));
}

/** A private note in the transcript: its own style and words ("Internal note"), never a message's class. */
function noteItem(n: TranscriptNote): HTMLElement {
  return h("li", { class: "transcript-note", "data-note-seq": String(n.seq) },
    h("span", { class: "sender" }, `${n.kind === "transfer" ? "Transfer note" : "Internal note"} · ${n.author.displayName}`),
    h("time", { datetime: n.writtenAt }, dateTime(n.writtenAt)),
    h("p", { class: "note-text" }, n.text));
}
