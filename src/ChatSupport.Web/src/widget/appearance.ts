// The tenant's public settings (docs/protocol.md, GET /api/visitor/settings): read at load and every 30 s, so an
// open widget shows a saved change within a minute (the route's cache lives at most 15 s); a widget connected to the
// visitor hub is pushed a saved change at once (SettingsChanged, the same view). Texts go in as text only; the colour
// must be #rrggbb and the offsets whole pixels before they reach CSS, whatever the server sent.
import { text } from "../dom";
import type { WidgetSettingsView as View, WidgetTexts as Texts } from "../protocol";
import { base, look, prechat, tenant } from "./config";
import { launcher, placeEl, rootEl, title } from "./view";

const REFRESH_MS = 30_000;
let applied = "";
let onChange = () => {};

/** The visitor's language if the tenant has texts for it, else the tenant's own. */
function pick(texts: Record<string, Texts>, fallback: string): Texts | undefined {
  for (const l of navigator.languages ?? [navigator.language]) {
    const t = texts[l.slice(0, 2).toLowerCase()];
    if (t) return t;
  }
  return texts[fallback] ?? texts.en;
}

const px = (n: unknown) => (typeof n === "number" && n >= 0 && n <= 200 ? Math.round(n) : 20);

export function apply(v: View): void {
  const a = v.appearance, t = pick(a.texts ?? {}, v.language);
  if (/^#[0-9a-f]{6}$/i.test(a.primaryColor)) rootEl.style.setProperty("--cs-p", a.primaryColor);
  const side = a.position === "bottom_left" ? "left" : "right", other = side === "left" ? "right" : "left";
  text(placeEl, `:host{${side}:${px(a.offsetX)}px!important;${other}:auto!important;bottom:${px(a.offsetY)}px!important}`
    + (side === "left" ? ".launcher{margin-left:0}" : ""));
  if (t) {
    text(title, t.title);
    launcher.title = t.launcherLabel;
    look.welcome = t.welcome;
    look.subtitle = t.subtitle;
  }
  look.names = a.showAgentNames !== false;
  look.prechat = prechat || a.preChatForm === true;
  look.fields = Array.isArray(a.preChatFields) ? a.preChatFields : ["name", "email"];
  look.open = v.open !== false;
  look.backAt = v.backAt;
  look.reply = v.expectedReplySeconds;
}

/** Applies a view (read, pushed, or the Settings page's draft) unless it is the one shown; then calls back. */
export function show(v: View): void {
  const key = JSON.stringify(v);
  if (key === applied) return;
  applied = key;
  apply(v);
  onChange();
}

/** Calls back when something the visitor sees changed: the panel redraws what depends on it. */
export function whenChanged(changed: () => void): void {
  onChange = changed;
}

/** Loads the settings, then again every 30 s (the fallback for a widget the hub cannot push to). */
export function follow(): void {
  const load = async () => {
    try {
      const r = await fetch(`${base}/api/visitor/settings?tenant=${encodeURIComponent(tenant)}`);
      if (r.ok) show((await r.json()) as View);
    } catch { /* offline or blocked: the widget keeps what it has */ }
  };
  void load();
  setInterval(load, REFRESH_MS);
}
