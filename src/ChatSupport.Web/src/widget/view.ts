// The widget's elements, all inside one shadow root (the host page's CSS cannot reach in, ours cannot leak out), and
// the small helpers that draw into them. No state and no protocol here.
import { h, icon, text } from "../dom";
import { css } from "../styles";
import { ICON_CLIP } from "../attachmentCard";
import type { VisitorMessageView } from "../protocol";
import { look } from "./config";

const ICON_CHAT = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z";
const ICON_CLOSE = "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12 19 6.4 17.6 5 12 10.6z";

export const host = h("div", { id: "chatsupport-widget", "data-chatsupport": "" });
const shadow = host.attachShadow({ mode: "open" });
export const statusEl = h("div", { class: "status", role: "status", "aria-live": "polite" });
// A list (its items are messages), announced as they come: role=log would make its <li> items orphans (axe: listitem).
export const log = h("ol", { class: "log", "aria-live": "polite", "aria-label": "Messages" });
export const typingEl = h("div", { class: "typing", "aria-live": "polite" });
export const introEl = h("div", { class: "intro", hidden: true });
export const rateEl = h("div", { hidden: true });
export const body = h("div", { class: "body" }, introEl, log, rateEl, typingEl);
export const input = h("textarea", { id: "cs-input", rows: "1", maxlength: "4000", placeholder: "Write a message…", "aria-label": "Message" });
const sendBtn = h("button", { class: "primary", type: "submit" }, "Send");
/** Attach a file: shown only when the workspace's plan has attachments (renderStatus). */
export const attachBtn = h("button", { type: "button", class: "secondary attach", "aria-label": "Attach a file", hidden: true }, icon(ICON_CLIP, 20));
export const fileInput = h("input", { type: "file", multiple: true, hidden: true, "aria-hidden": "true" });
export const composer = h("form", { class: "composer", hidden: true }, attachBtn, fileInput, input, sendBtn);
export const closeBtn = h("button", { type: "button", "aria-label": "Minimize chat" }, icon(ICON_CLOSE, 20));
export const endBtn = h("button", { type: "button", class: "secondary", hidden: true }, "End chat");
export const title = h("h2", { id: "cs-title" }, "Chat with us");
export const panel = h("div", { class: "panel", role: "dialog", "aria-labelledby": "cs-title", hidden: true },
  h("div", { class: "head" }, title, endBtn, closeBtn), statusEl, body, composer);
const badge = h("span", { class: "badge", hidden: true, "aria-hidden": "true" });
export const launcher = h("button", { class: "launcher", type: "button", "aria-label": "Open chat", "aria-expanded": "false", style: "position:relative" }, icon(ICON_CHAT, 28), badge);
export const rootEl = h("div", { class: "root" }, panel, launcher);
/** The position and offsets from the settings: a rule of the shadow tree, so the host page cannot override it. */
export const placeEl = h("style", {});
shadow.append(h("style", {}, css), placeEl, rootEl);

export function setStatus(value: string): void {
  if (statusEl.textContent !== value) text(statusEl, value);
}

export const scrollToEnd = () => { body.scrollTop = body.scrollHeight; };

export function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** Places a message's element in sequence-number order (own sends wait at the end until acknowledged). */
export function insertInOrder(seq: number, el: HTMLElement): void {
  el.dataset.seq = String(seq);
  const after = [...log.children].find((c) => Number((c as HTMLElement).dataset.seq ?? Infinity) > seq);
  log.insertBefore(el, after ?? null);
  scrollToEnd();
}

/** A line between messages ("Alex joined"), placed after the message it follows. */
export function note(value: string, afterSeq: number): void {
  log.append(h("li", { class: "note", "data-seq": String(afterSeq + 0.5) }, value));
  scrollToEnd();
}

export function bubble(m: VisitorMessageView, agentName: string): HTMLElement {
  // Automated messages say so; agents' names only when the settings show them.
  const who = m.sender === "system" ? "Automated" : m.sender === "agent" ? (look.names && (m.senderName || agentName)) || "Agent" : "You";
  const time = clock(m.sentAt);
  return h("li", { class: `msg ${m.sender}` },
    h("span", { class: "sr" }, `${who}: `), m.attachment ? fileCard(m) : h("div", { class: "bubble" }, m.text),
    h("div", { class: "meta" }, m.sender === "visitor" ? time : `${who} · ${time}`));
}

/** Set by attach.ts: how a message's file is drawn (kept out of this file, which knows no protocol). */
let fileCard: (m: VisitorMessageView) => HTMLElement = (m) => h("div", { class: "bubble" }, m.text);
export const setFileCard = (draw: typeof fileCard) => { fileCard = draw; };

export function renderBadge(unread: number): void {
  badge.hidden = unread === 0;
  text(badge, String(unread));
  launcher.setAttribute("aria-label", unread ? `Open chat (${unread} unread)` : "Open chat");
}

export function focusFirst(): void {
  const target = !introEl.hidden ? introEl.querySelector<HTMLElement>("input, button")
    : !composer.hidden ? input : rateEl.querySelector<HTMLElement>("input, button");
  (target ?? closeBtn).focus();
}

export function showTyping(value: string): void {
  text(typingEl, value);
}
