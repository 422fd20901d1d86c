// The ChatSupport visitor widget: <script src="https://HOST/widget.js" data-tenant="ID" [data-prechat="true"] async>.
// Everything lives in one shadow root; the only global is window.ChatSupportWidget (this module's exports).
// It speaks docs/protocol.md through src/protocol/: POST /api/visitor/token, then the visitor hub (/hubs/visitor).
// This file: the launcher and panel, the composer's keys and typing, and boot.
import { callVisitorHub, VisitorHubMethods } from "../protocol";
import type { WidgetSettingsView } from "../protocol";
import { follow, show, whenChanged } from "./appearance";
import { previewMode, store, tenant } from "./config";
import { onNewConnection } from "./connection";
import { subscribe } from "./events";
import "./attach";
import { compose, scheduleAck } from "./messages";
import { endChat, introduce, renderStatus, resume } from "./session";
import { state } from "./state";
import { body, closeBtn, composer, endBtn, focusFirst, host, input, introEl, launcher, panel, renderBadge, rootEl } from "./view";

let typingTimer = 0, typingSent = false;

export function open(): void {
  panel.hidden = false;
  rootEl.classList.add("open");
  launcher.setAttribute("aria-expanded", "true");
  store.set("open", "1");
  state.unread = 0;
  renderBadge(0);
  if (!state.session && introEl.hidden && !store.get("session")) introduce();
  focusFirst();
  body.scrollTop = body.scrollHeight;
  scheduleAck();
}

export function close(): void {
  panel.hidden = true;
  rootEl.classList.remove("open");
  launcher.setAttribute("aria-expanded", "false");
  store.set("open", null);
  launcher.focus();
}

function setTyping(isTyping: boolean): void {
  if (state.session && state.hub) callVisitorHub(state.hub, VisitorHubMethods.SetTyping, state.session.sessionId, isTyping).catch(() => {});
}

function stopTyping(): void {
  clearTimeout(typingTimer);
  if (typingSent) setTyping(false);
  typingSent = false;
}

launcher.addEventListener("click", () => (panel.hidden ? open() : close()));
closeBtn.addEventListener("click", close);
panel.addEventListener("keydown", (ev) => { if (ev.key === "Escape") close(); });
endBtn.addEventListener("click", () => void endChat());
composer.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const value = input.value.trim();
  if (!value || !state.session) return;
  input.value = "";
  stopTyping();
  compose(value.slice(0, 4000));
});
input.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); composer.requestSubmit(); }
});
input.addEventListener("input", () => {
  if (!state.session || !state.hub) return;
  if (!typingSent) { typingSent = true; setTyping(true); }
  clearTimeout(typingTimer);
  typingTimer = window.setTimeout(stopTyping, 3000);
});
document.addEventListener("visibilitychange", scheduleAck);

export const version = "1";
/** The Settings page's live preview: draws this view (the page's draft) with this very code, as a visitor would see it. */
export function preview(v: WidgetSettingsView): void {
  if (previewMode) show(v);
}
function boot(): void {
  if (!tenant) { console.warn("ChatSupport widget: data-tenant is missing on the script tag"); return; }
  if (document.getElementById("chatsupport-widget")) return;
  onNewConnection(subscribe);
  document.body.append(host);
  whenChanged(() => { if (!state.session && !introEl.hidden) introduce(); else renderStatus(); });
  if (previewMode) { introduce(); open(); return; }
  follow();
  if (store.get("session")) { introEl.hidden = true; void resume(); } else renderStatus();
  if (store.get("open")) open();
}
if (document.body) boot(); else document.addEventListener("DOMContentLoaded", boot);
