// One resolved chat's transcript: who, when, the rating, every message (read a page at a time), and its exports.
import { h } from "../../dom";
import type { DashboardContext } from "../context";
import { dateTime } from "../format";
import { refusalOf } from "../http";
import { type ArchivedChat, type TranscriptPage, exportFormats, starsText, visitorOf } from "./archiveTypes";

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

  panel.replaceChildren(
    h("div", { class: "transcript-head" },
      h("h3", {}, `Chat with ${visitorOf(chat)}`), h("span", { class: "spacer" }), close),
    h("p", { class: "muted" }, `Agent: ${chat.agent?.displayName ?? "none"} · resolved ${dateTime(chat.resolvedAt)}`),
    rating,
    h("p", { class: "exports" }, "Download transcript: ",
      ...exportFormats.map((f) => h("a", { href: `${base}/export?format=${f.format}`, download: "", class: "export-one", "data-format": f.format }, f.label))),
    log);
  panel.hidden = false;
  close.focus();

  let after = 0;
  for (;;) {
    const response = await ctx.api(`${base}/messages?afterSeq=${after}&max=200`);
    if (!response.ok) { ctx.toast(await refusalOf(response), "error"); return; }
    const page = (await response.json()) as TranscriptPage;
    for (const m of page.messages) {
      log.append(h("li", { class: `msg-${m.sender}` },
        h("span", { class: "sender" }, m.senderName ?? (m.sender === "agent" ? "Agent" : "Visitor")),
        h("time", { datetime: m.sentAt }, dateTime(m.sentAt)),
        h("p", { class: "msg-text" }, m.text)));
    }
    if (!page.hasMore || page.messages.length === 0) break;
    after = page.messages[page.messages.length - 1].seq;
  }
  if (log.childElementCount === 0) log.append(h("li", { class: "muted" }, "No messages."));
}
