// The ChatSupport visitor widget: <script src="https://HOST/widget.js" data-tenant="ID" [data-prechat="true"] async>.
// Everything lives in one shadow root; the only global is window.ChatSupportWidget (this module's exports).
// It speaks docs/protocol.md: POST /api/visitor/token, then the visitor hub (/hubs/visitor).
import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import { css } from "./styles";
import { h, icon, text } from "./dom";
import { describeUserAgent } from "./ua";

type Status = "waiting_for_agent" | "assigned_to_agent" | "active_chat" | "resolved";
interface ChatMessage { seq: number; clientMessageId?: string | null; sender: "visitor" | "agent"; senderName?: string | null; text: string; sentAt: string; }
interface Receipts { visitorDeliveredSeq: number; visitorReadSeq: number; agentDeliveredSeq: number; agentReadSeq: number; }
interface Session { sessionId: string; status: Status; assignedAgent?: { agentId: string; displayName: string } | null; rating?: unknown | null; lastSeq: number; receipts?: Receipts | null; }
interface MessagePage { messages: ChatMessage[]; hasMore: boolean; lastSeq: number; }
interface MessageAck { seq: number; clientMessageId: string; sentAt: string; duplicate: boolean; }
interface TokenAnswer { token: string; visitorId: string; expiresAt: string; }
interface Mine { el: HTMLElement; metaEl: HTMLElement; seq: number | null; failed: boolean; text: string; time?: string; }

const ICON_CHAT = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z";
const ICON_CLOSE = "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12 19 6.4 17.6 5 12 10.6z";

const script = (document.currentScript as HTMLScriptElement | null)
  ?? document.querySelector<HTMLScriptElement>("script[data-tenant][src*='widget.js']");
const tenant = script?.dataset.tenant ?? "";
const prechat = script?.dataset.prechat === "true";
const base = script ? new URL(script.src, location.href).origin : location.origin;
const key = (name: string) => `chatsupport.${tenant}.${name}`;
const store = {
  get: (n: string) => { try { return localStorage.getItem(key(n)); } catch { return null; } },
  set: (n: string, v: string | null) => { try { v === null ? localStorage.removeItem(key(n)) : localStorage.setItem(key(n), v); } catch { /* private mode */ } },
};
const clip = (s: string | null | undefined, max: number) => (s ? s.slice(0, max) : null);
const errorCode = (e: unknown) => /HubException: ([a-z_]+):/.exec(String((e as Error)?.message ?? e))?.[1] ?? "";
const newId = () => (crypto.randomUUID ? crypto.randomUUID() : Date.now().toString(36) + Math.random().toString(36).slice(2)).replace(/[^A-Za-z0-9._-]/g, "");

// ---------------------------------------------------------------- the view
const host = h("div", { id: "chatsupport-widget", "data-chatsupport": "" });
const shadow = host.attachShadow({ mode: "open" });
const statusEl = h("div", { class: "status", role: "status", "aria-live": "polite" });
const log = h("ol", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Messages" });
const typingEl = h("div", { class: "typing", "aria-live": "polite" });
const introEl = h("div", { class: "intro", hidden: true });
const rateEl = h("div", { hidden: true });
const body = h("div", { class: "body" }, introEl, log, rateEl, typingEl);
const input = h("textarea", { id: "cs-input", rows: "1", maxlength: "4000", placeholder: "Write a message…", "aria-label": "Message" });
const sendBtn = h("button", { class: "primary", type: "submit" }, "Send");
const composer = h("form", { class: "composer", hidden: true }, input, sendBtn);
const closeBtn = h("button", { type: "button", "aria-label": "Minimize chat" }, icon(ICON_CLOSE, 20));
const endBtn = h("button", { type: "button", class: "secondary", hidden: true, style: "padding:3px 8px;font-size:12px;color:#1f2328" }, "End chat");
const title = h("h2", { id: "cs-title" }, "Chat with us");
const panel = h("div", { class: "panel", role: "dialog", "aria-labelledby": "cs-title", hidden: true },
  h("div", { class: "head" }, title, endBtn, closeBtn), statusEl, body, composer);
const badge = h("span", { class: "badge", hidden: true, "aria-hidden": "true" });
const launcher = h("button", { class: "launcher", type: "button", "aria-label": "Open chat", "aria-expanded": "false", style: "position:relative" }, icon(ICON_CHAT, 28), badge);
const rootEl = h("div", { class: "root" }, panel, launcher);
shadow.append(h("style", {}, css), rootEl);

// ---------------------------------------------------------------- state
let hub: HubConnection | null = null;
let token: TokenAnswer | null = null;
let session: Session | null = null;
let lastSeq = 0;                                  // every message up to here is held
const held = new Map<number, HTMLElement>();      // seq → its element
const mine = new Map<string, Mine>();             // clientMessageId → own message
let receipts: Receipts = { visitorDeliveredSeq: 0, visitorReadSeq: 0, agentDeliveredSeq: 0, agentReadSeq: 0 };
let agentName = "";
let queuePosition: number | null = null;
let ackedDelivered = 0, ackedRead = 0, unread = 0;
let typingTimer = 0, typingSent = false, ackTimer = 0, agentTypingTimer = 0;
let connecting: Promise<HubConnection> | null = null;

// ---------------------------------------------------------------- connection
async function fetchToken(): Promise<TokenAnswer> {
  const previousToken = store.get("token");
  const res = await fetch(`${base}/api/visitor/token?tenant=${encodeURIComponent(tenant)}`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ previousToken }), credentials: "omit",
  });
  if (!res.ok) {
    const err = await res.json().catch(() => ({} as { error?: string }));
    throw new Error(err.error ?? `http_${res.status}`);
  }
  const answer = (await res.json()) as TokenAnswer;
  store.set("token", answer.token);
  return answer;
}

async function currentToken(): Promise<string> {
  if (!token || Date.parse(token.expiresAt) - Date.now() < 60_000) token = await fetchToken();
  return token.token;
}

function connect(): Promise<HubConnection> {
  if (hub && hub.state !== HubConnectionState.Disconnected) return Promise.resolve(hub);
  connecting ??= (async () => {
    try {
      await currentToken();
      const c = new HubConnectionBuilder()
        .withUrl(`${base}/hubs/visitor`, { accessTokenFactory: currentToken, withCredentials: false })
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (r) => Math.min(500 * 2 ** r.previousRetryCount, 10_000) })
        .configureLogging(LogLevel.None)
        .build();
      c.keepAliveIntervalInMilliseconds = 5000;
      c.serverTimeoutInMilliseconds = 15000;
      c.on("MessagePosted", (e: { sessionId: string; message: ChatMessage }) => { if (mineSession(e)) void receive([e.message]); });
      c.on("SessionChanged", (e: { sessionId: string; session: Session }) => { if (mineSession(e)) applySession(e.session); });
      c.on("QueuePositionChanged", (e: { sessionId: string; position: number | null }) => {
        if (mineSession(e)) { queuePosition = e.position; renderStatus(); }
      });
      c.on("ReceiptsChanged", (e: { sessionId: string; receipts: Receipts }) => { if (mineSession(e)) applyReceipts(e.receipts); });
      c.on("TypingChanged", (e: { sessionId: string; party: string; isTyping: boolean }) => {
        if (!mineSession(e) || e.party !== "agent") return;
        clearTimeout(agentTypingTimer);
        text(typingEl, e.isTyping ? `${agentName || "The agent"} is typing…` : "");
        if (e.isTyping) agentTypingTimer = window.setTimeout(() => text(typingEl, ""), 10_000);
      });
      c.onreconnecting(() => setStatus("Connection lost. Reconnecting…"));
      c.onreconnected(() => { void resume(); });
      await c.start();
      hub = c;
      return c;
    } finally {
      connecting = null;
    }
  })();
  return connecting;
}

const mineSession = (e: { sessionId?: string }) => !!session && (!e.sessionId || e.sessionId === session.sessionId);

// ---------------------------------------------------------------- chat lifecycle
function metadata() {
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

async function startChat(): Promise<void> {
  setStatus("Connecting…");
  try {
    const c = await connect();
    const r = await c.invoke<{ session: Session; queuePosition: number | null }>("StartChat", metadata());
    resetLog();
    adopt(r.session, r.queuePosition);
    await fill();
    input.focus();
  } catch (e) {
    showProblem(e, startChat);
  }
}

/** After a reload or reconnect: the stored chat, and exactly the messages after the last one held. */
async function resume(): Promise<void> {
  const id = session?.sessionId ?? store.get("session");
  if (!id) { renderStatus(); return; }
  try {
    const c = await connect();
    const r = await c.invoke<{ session: Session; messages: MessagePage; queuePosition: number | null }>("Resume", id, lastSeq);
    adopt(r.session, r.queuePosition);
    await receive(r.messages.messages);
    if (r.messages.hasMore) await fill();
  } catch (e) {
    const code = errorCode(e);
    if (code === "unknown_session" || code === "not_your_session") { forget(); showIntro(); return; }
    showProblem(e, resume);
  }
}

function adopt(s: Session, position: number | null): void {
  session = s;
  store.set("session", s.sessionId);
  queuePosition = position;
  introEl.hidden = true;
  applySession(s);
}

function applySession(s: Session): void {
  const before = session;
  session = { ...s };
  if (s.assignedAgent && s.assignedAgent.displayName !== agentName) {
    agentName = s.assignedAgent.displayName;
    note(`${agentName} joined`);
  }
  if (s.status !== "waiting_for_agent") queuePosition = null;
  if (s.receipts) applyReceipts(s.receipts);
  if (s.status === "resolved" && before?.status !== "resolved" && held.size + mine.size > 0) note("Chat resolved");
  if (s.lastSeq > lastSeq) void fill();
  renderStatus();
}

/** Reads every message after the last one held (gaps, pages). */
let filling: Promise<void> | null = null;
function fill(): Promise<void> {
  filling ??= (async () => {
    try {
      while (session && hub) {
        const page = await hub.invoke<MessagePage>("GetHistory", session.sessionId, lastSeq, 200);
        await receive(page.messages, true);
        if (!page.hasMore) break;
      }
    } catch { /* the next event or reconnect tries again */ } finally { filling = null; }
  })();
  return filling;
}

async function receive(messages: ChatMessage[], fromHistory = false): Promise<void> {
  let gap = false;
  for (const m of messages.sort((a, b) => a.seq - b.seq)) {
    if (m.seq <= lastSeq || held.has(m.seq)) continue;           // dedupe by seq
    if (m.seq > lastSeq + 1 && !fromHistory) gap = true;
    const own = m.sender === "visitor" && m.clientMessageId ? mine.get(m.clientMessageId) : undefined;
    if (own) { own.seq = m.seq; own.failed = false; own.el.classList.remove("failed"); insert(m.seq, own.el); }
    else {
      const el = bubble(m);
      insert(m.seq, el);
      // The visitor's own messages from history (after a reload) show their receipts too.
      if (m.sender === "visitor") mine.set(m.clientMessageId || `seq-${m.seq}`, { el, metaEl: el.querySelector(".meta")!, seq: m.seq, failed: false, text: m.text, time: clock(m.sentAt) });
    }
    if (m.sender === "agent") { clearTimeout(agentTypingTimer); text(typingEl, ""); if (panel.hidden) unread++; }
    while (held.has(lastSeq + 1)) lastSeq++;
  }
  if (fromHistory) while (held.has(lastSeq + 1)) lastSeq++;
  renderMine();
  renderBadge();
  scheduleAck();
  if (gap) await fill();
}

function insert(seq: number, el: HTMLElement): void {
  el.dataset.seq = String(seq);
  held.set(seq, el);
  const after = [...log.children].find((c) => Number((c as HTMLElement).dataset.seq ?? Infinity) > seq);
  log.insertBefore(el, after ?? null);
  body.scrollTop = body.scrollHeight;
}

function bubble(m: ChatMessage): HTMLElement {
  const who = m.sender === "agent" ? m.senderName || agentName || "Agent" : "You";
  const time = clock(m.sentAt);
  return h("li", { class: `msg ${m.sender}` },
    h("span", { class: "sr" }, `${who}: `), h("div", { class: "bubble" }, m.text),
    h("div", { class: "meta" }, m.sender === "agent" ? `${who} · ${time}` : time));
}

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function note(value: string): void {
  const li = h("li", { class: "note", "data-seq": String(lastSeq + 0.5) }, value);
  log.append(li);
  body.scrollTop = body.scrollHeight;
}

// ---------------------------------------------------------------- own messages
async function send(clientMessageId: string): Promise<void> {
  const m = mine.get(clientMessageId);
  if (!m || !session) return;
  m.failed = false;
  m.el.classList.remove("failed");
  renderMine();
  try {
    const c = await connect();
    const ack = await c.invoke<MessageAck>("SendMessage", session.sessionId, clientMessageId, m.text);
    m.seq = ack.seq;
    m.time = clock(ack.sentAt);
    if (!held.has(ack.seq)) { insert(ack.seq, m.el); while (held.has(lastSeq + 1)) lastSeq++; }
    if (ack.seq > lastSeq) void fill();
  } catch (e) {
    m.failed = true;
    m.el.classList.add("failed");
    if (errorCode(e) === "chat_resolved") m.el.querySelector(".meta")!.textContent = "Not sent: the chat is resolved";
  }
  renderMine();
}

function compose(value: string): void {
  const clientMessageId = newId();
  const metaEl = h("div", { class: "meta" });
  const el = h("li", { class: "msg visitor", "data-seq": String(Number.MAX_SAFE_INTEGER), "data-client-id": clientMessageId },
    h("span", { class: "sr" }, "You: "), h("div", { class: "bubble" }, value), metaEl);
  mine.set(clientMessageId, { el, metaEl, seq: null, failed: false, text: value });
  log.append(el);
  body.scrollTop = body.scrollHeight;
  void send(clientMessageId);
}

function renderMine(): void {
  for (const [id, m] of mine) {
    const state = m.failed ? "Not sent" : m.seq === null ? "Sending…"
      : m.seq <= receipts.agentReadSeq ? "Read" : m.seq <= receipts.agentDeliveredSeq ? "Delivered" : "Sent";
    if (m.metaEl.dataset.state === state + m.time) continue;
    m.metaEl.dataset.state = state + m.time;
    m.el.dataset.status = state.toLowerCase().replace(/[^a-z]/g, "");
    m.metaEl.replaceChildren(m.time && m.seq !== null && !m.failed ? `${m.time} · ${state}` : state);
    if (m.failed) {
      const retry = h("button", { type: "button", "aria-label": "Retry sending this message" }, "Retry");
      retry.addEventListener("click", () => void send(id));
      m.metaEl.append(retry);
    }
  }
}

function applyReceipts(r: Receipts): void {
  receipts = r;
  renderMine();
}

/** Tells the server which agent messages this widget holds (delivered) and has shown (read). */
function scheduleAck(): void {
  clearTimeout(ackTimer);
  ackTimer = window.setTimeout(() => {
    if (!session || !hub || hub.state !== HubConnectionState.Connected) return;
    const seen = !panel.hidden && document.visibilityState === "visible";
    const delivered = lastSeq, read = seen ? lastSeq : ackedRead;
    if (delivered <= ackedDelivered && read <= ackedRead) return;
    ackedDelivered = delivered; ackedRead = read;
    hub.invoke("Acknowledge", session.sessionId, delivered, read).catch(() => { ackedDelivered = 0; ackedRead = 0; });
  }, 250);
}

// ---------------------------------------------------------------- status, intro, rating
function setStatus(value: string): void {
  if (statusEl.textContent !== value) text(statusEl, value);
}

function renderStatus(): void {
  const s = session;
  composer.hidden = !s || s.status === "resolved";
  endBtn.hidden = !s || s.status === "resolved";
  if (!s) { setStatus(prechat ? "Tell us who you are, then start a chat." : "Start a chat: we usually answer in minutes."); return; }
  if (s.status === "waiting_for_agent")
    setStatus(queuePosition ? `Waiting for an agent… you are number ${queuePosition} in line` : "Waiting for an agent…");
  else if (s.status === "resolved") setStatus("Chat resolved");
  else setStatus(`You are chatting with ${agentName || "an agent"}`);
  if (s.status === "resolved") showRating(); else rateEl.hidden = true;
}

function showIntro(): void {
  introEl.hidden = false;
  const start = h("button", { class: "primary", type: "submit" }, "Start chat");
  const children: Node[] = [h("p", {}, "Hi! Questions about your order or our products? We are here to help.")];
  if (prechat) {
    children.push(
      h("div", { class: "field" }, h("label", { for: "cs-name" }, "Name"), h("input", { id: "cs-name", name: "name", autocomplete: "name", maxlength: "100" })),
      h("div", { class: "field" }, h("label", { for: "cs-email" }, "Email"), h("input", { id: "cs-email", name: "email", type: "email", autocomplete: "email", maxlength: "254" })));
  }
  const form = h("form", { class: "intro" }, ...children, start);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); start.disabled = true; void startChat().finally(() => { start.disabled = false; }); });
  introEl.replaceChildren(form);
  renderStatus();
}

let ratingShownFor = "";
function showRating(): void {
  if (!session) return;
  rateEl.hidden = false;
  if (ratingShownFor === session.sessionId + (session.rating ? ":rated" : "")) return;
  ratingShownFor = session.sessionId + (session.rating ? ":rated" : "");
  const again = h("button", { type: "button", class: "secondary" }, "Start a new chat");
  again.addEventListener("click", () => { forget(); showIntro(); focusFirst(); });
  if (session.rating) {
    rateEl.replaceChildren(h("div", { class: "thanks", role: "status" }, h("p", {}, "Thank you for your feedback!"), again));
    return;
  }
  let stars = 0;
  const starBox = h("div", { class: "stars" });
  const labels: HTMLLabelElement[] = [];
  for (let n = 1; n <= 5; n++) {
    const radio = h("input", { type: "radio", name: "stars", id: `cs-star-${n}`, value: String(n) });
    const label = h("label", { for: `cs-star-${n}`, title: `${n} star${n > 1 ? "s" : ""}` }, "★", h("span", { class: "sr" }, `${n} star${n > 1 ? "s" : ""}`));
    radio.addEventListener("change", () => { stars = n; labels.forEach((l, i) => l.classList.toggle("on", i < n)); submit.disabled = false; });
    labels.push(label);
    starBox.append(radio, label);
  }
  const feedback = h("textarea", { id: "cs-feedback", rows: "3", maxlength: "2000" });
  const anonymous = h("input", { type: "checkbox", id: "cs-anon" });
  const submit = h("button", { class: "primary", type: "submit", disabled: true }, "Send rating");
  const error = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "rating", "aria-label": "Rate this chat" },
    h("fieldset", {}, h("legend", {}, "How was this chat?"), starBox),
    h("div", { class: "field" }, h("label", { for: "cs-feedback" }, "Feedback (optional)"), feedback),
    h("label", { class: "check", for: "cs-anon" }, anonymous, "Submit anonymously"),
    submit, error);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!session || !stars || submit.disabled) return;
    submit.disabled = true;                                        // sent once
    try {
      const c = await connect();
      const s = await c.invoke<Session>("RateChat", session.sessionId, stars, feedback.value.trim() || null, anonymous.checked);
      applySession(s);
    } catch (e) {
      if (errorCode(e) === "already_rated") { session = { ...session, rating: true }; showRating(); return; }
      text(error, "Could not send the rating. Please try again.");
      submit.disabled = false;
    }
  });
  rateEl.replaceChildren(form);
  body.scrollTop = body.scrollHeight;
}

function showProblem(e: unknown, retry: () => Promise<void>): void {
  const code = errorCode(e) || String((e as Error)?.message ?? "");
  const words: Record<string, string> = {
    slow_down: "Too many attempts: please wait a moment.",
    origin_not_allowed: "Chat is not enabled for this site.",
    unknown_tenant: "Chat is not configured for this site.",
    priority_support_required: "Chat is not available for this site.",
    scale_plan_required: "Chat is not available for this site.",
  };
  setStatus(words[code] ?? "Could not reach support.");
  const again = h("button", { type: "button", class: "secondary", style: "margin-left:8px;padding:2px 8px" }, "Try again");
  again.addEventListener("click", () => void retry());
  statusEl.append(again);
}

function forget(): void {
  session = null;
  store.set("session", null);
  resetLog();
  rateEl.hidden = true;
  ratingShownFor = "";
}

function resetLog(): void {
  log.replaceChildren();
  held.clear();
  mine.clear();
  lastSeq = 0; ackedDelivered = 0; ackedRead = 0; agentName = ""; queuePosition = null;
  text(typingEl, "");
}

// ---------------------------------------------------------------- open / close, input
function focusFirst(): void {
  const target = !introEl.hidden ? introEl.querySelector<HTMLElement>("input, button")
    : !composer.hidden ? input : rateEl.querySelector<HTMLElement>("input, button");
  (target ?? closeBtn).focus();
}

function renderBadge(): void {
  badge.hidden = unread === 0;
  text(badge, String(unread));
  launcher.setAttribute("aria-label", unread ? `Open chat (${unread} unread)` : "Open chat");
}

export function open(): void {
  panel.hidden = false;
  rootEl.classList.add("open");
  launcher.setAttribute("aria-expanded", "true");
  store.set("open", "1");
  unread = 0;
  renderBadge();
  if (!session && introEl.hidden && !store.get("session")) showIntro();
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

launcher.addEventListener("click", () => (panel.hidden ? open() : close()));
closeBtn.addEventListener("click", close);
panel.addEventListener("keydown", (ev) => { if (ev.key === "Escape") close(); });
endBtn.addEventListener("click", async () => {
  if (!session) return;
  try { applySession(await (await connect()).invoke<Session>("CloseChat", session.sessionId)); } catch (e) { showProblem(e, resume); }
});
composer.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const value = input.value.trim();
  if (!value || !session) return;
  input.value = "";
  stopTyping();
  compose(value.slice(0, 4000));
});
input.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); composer.requestSubmit(); }
});
input.addEventListener("input", () => {
  if (!session || !hub) return;
  if (!typingSent) { typingSent = true; hub.invoke("SetTyping", session.sessionId, true).catch(() => {}); }
  clearTimeout(typingTimer);
  typingTimer = window.setTimeout(stopTyping, 3000);
});
function stopTyping(): void {
  clearTimeout(typingTimer);
  if (typingSent && session && hub) hub.invoke("SetTyping", session.sessionId, false).catch(() => {});
  typingSent = false;
}
document.addEventListener("visibilitychange", scheduleAck);

// ---------------------------------------------------------------- boot
export const version = "1";
function boot(): void {
  if (!tenant) { console.warn("ChatSupport widget: data-tenant is missing on the script tag"); return; }
  if (document.getElementById("chatsupport-widget")) return;
  document.body.append(host);
  if (store.get("session")) { introEl.hidden = true; void resume(); } else renderStatus();
  if (store.get("open")) open();
}
if (document.body) boot(); else document.addEventListener("DOMContentLoaded", boot);
