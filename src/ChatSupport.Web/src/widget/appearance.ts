// The tenant's public settings (docs/protocol.md, GET /api/visitor/settings): read at load and every 30 s, so an
// open widget shows a saved change within a minute (the route's cache lives at most 15 s). Texts go in as text only;
// the colour must be #rrggbb and the offsets whole pixels before they reach CSS, whatever the server sent.
import { text } from "../dom";
import { base, look, prechat, tenant } from "./config";
import { launcher, placeEl, rootEl, title } from "./view";

interface Texts { launcherLabel: string; title: string; subtitle: string; welcome: string }
interface View {
  version: number; language: string; open: boolean; backAt: string | null; expectedReplySeconds: number | null;
  appearance: {
    primaryColor: string; position: string; offsetX: number; offsetY: number; showAgentNames: boolean;
    preChatForm: boolean; texts: Record<string, Texts>;
  };
}

const REFRESH_MS = 30_000;
let applied = "";

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
  look.open = v.open !== false;
  look.backAt = v.backAt;
  look.reply = v.expectedReplySeconds;
}

/** Loads the settings, then again every 30 s; calls back when something the visitor sees changed. */
export function follow(changed: () => void): void {
  const load = async () => {
    try {
      const r = await fetch(`${base}/api/visitor/settings?tenant=${encodeURIComponent(tenant)}`);
      if (!r.ok) return;
      const body = await r.text();
      if (body === applied) return;
      applied = body;
      apply(JSON.parse(body) as View);
      changed();
    } catch { /* offline or blocked: the widget keeps what it has */ }
  };
  void load();
  setInterval(load, REFRESH_MS);
}
