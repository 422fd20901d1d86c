// Where the widget runs: its own <script> tag (tenant, pre-chat form, the server's origin) and the page's
// localStorage, namespaced per tenant. Read once, when the script runs.
const script = (document.currentScript as HTMLScriptElement | null)
  ?? document.querySelector<HTMLScriptElement>("script[data-tenant][src*='widget.js']");

export const tenant = script?.dataset.tenant ?? "";
export const prechat = script?.dataset.prechat === "true";
/** The Settings page's live preview (data-preview="true"): drawn from the page's draft, never connects or stores. */
export const previewMode = script?.dataset.preview === "true";
/** The server that served widget.js: tokens and the hub live there, not on the host page's origin. */
export const base = script ? new URL(script.src, location.href).origin : location.origin;

const key = (name: string) => `chatsupport.${tenant}.${name}`;
// Storage can throw (private mode, blocked cookies): the widget then works without surviving a reload.
export const store = {
  get: (n: string) => { try { return previewMode ? null : localStorage.getItem(key(n)); } catch { return null; } },
  set: (n: string, v: string | null) => { try { if (previewMode) return; v === null ? localStorage.removeItem(key(n)) : localStorage.setItem(key(n), v); } catch { /* private mode */ } },
};

/**
 * The tenant's public settings as applied (appearance.ts fills it from GET /api/visitor/settings): texts are set as
 * text only, never markup; the colour and offsets are checked again here before they reach CSS.
 */
export const look = {
  welcome: "Hi! Questions about your order or our products? We are here to help.",
  subtitle: "",
  names: true,
  prechat,
  /** The pre-chat form's fields (the settings' preChatFields). */
  fields: ["name", "email"] as string[],
  open: true,
  backAt: null as string | null,
  reply: null as number | null,
};

export const clip = (s: string | null | undefined, max: number) => (s ? s.slice(0, max) : null);
/** A client message id the server accepts ([A-Za-z0-9._-]), also on browsers without crypto.randomUUID. */
export const newId = () => (crypto.randomUUID ? crypto.randomUUID() : Date.now().toString(36) + Math.random().toString(36).slice(2)).replace(/[^A-Za-z0-9._-]/g, "");
