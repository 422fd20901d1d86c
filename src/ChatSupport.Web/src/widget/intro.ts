// Before a chat: a greeting and "Start chat", with name and email fields when the tag asks for a pre-chat form
// (data-prechat="true"), and the page and browser details StartChat sends along.
import { h } from "../dom";
import type { VisitorMetadata } from "../protocol";
import { describeUserAgent } from "../ua";
import { clip, look } from "./config";
import { introEl } from "./view";

/** Outside working hours the same form leaves a message: it becomes a chat in the queue marked offline message. */
export function showIntro(onStart: (message?: string) => Promise<void>): void {
  introEl.hidden = false;
  const offline = !look.open;
  const start = h("button", { class: "primary", type: "submit" }, offline ? "Send message" : "Start chat");
  const children: Node[] = [h("p", {}, look.welcome)];
  // The leave-a-message form always asks both (someone must be able to write back); the pre-chat form its chosen fields.
  const fields = offline ? ["name", "email"] : look.prechat ? look.fields : [];
  if (fields.includes("name"))
    children.push(h("div", { class: "field" }, h("label", { for: "cs-name" }, "Name"), h("input", { id: "cs-name", name: "name", autocomplete: "name", maxlength: "100" })));
  if (fields.includes("email"))
    children.push(h("div", { class: "field" }, h("label", { for: "cs-email" }, "Email"), h("input", { id: "cs-email", name: "email", type: "email", autocomplete: "email", maxlength: "254" })));
  const message = h("textarea", { id: "cs-message", name: "message", rows: "3", maxlength: "4000", required: "" });
  if (offline) children.push(h("div", { class: "field" }, h("label", { for: "cs-message" }, "Message"), message));
  const form = h("form", { class: "intro" }, ...children, start);
  // Redrawn for a settings change while the visitor types: what they wrote stays.
  for (const old of introEl.querySelectorAll<HTMLInputElement>("input, textarea")) {
    const now = form.querySelector<HTMLInputElement>(`[name=${old.name}]`);
    if (now) now.value = old.value;
  }
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    start.disabled = true;
    void onStart(offline ? message.value.trim().slice(0, 4000) || undefined : undefined).finally(() => { start.disabled = false; });
  });
  introEl.replaceChildren(form);
}

/** Who the visitor says they are and where they are, clipped to the server's limits (docs/protocol.md). */
export function visitorMetadata(): VisitorMetadata {
  const ua = navigator.userAgent;
  const { browser, operatingSystem } = describeUserAgent(ua);
  let timeZone: string | null = null;
  try { timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch { /* old browser */ }
  const form = introEl.querySelector("form");
  const field = (n: string) => (form?.querySelector<HTMLInputElement>(`[name=${n}]`)?.value ?? "").trim();
  return {
    name: clip(field("name"), 100), email: clip(field("email"), 254),
    browser: clip(browser, 64), operatingSystem: clip(operatingSystem, 64), userAgent: clip(ua, 512),
    pageUrl: clip(location.href, 2048), pageTitle: clip(document.title, 300), referrer: clip(document.referrer, 2048),
    language: clip(navigator.language, 64), timeZone: clip(timeZone, 64),
  };
}
