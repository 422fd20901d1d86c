// The chat's lifecycle in the widget: start one, resume the stored one after a reload or reconnect (exactly the
// messages after the last one held), follow its status ("Alex joined", the queue position, resolved → rating), end it,
// and forget it for a new one.
import { callVisitorHub, parseHubRefusal, VisitorHubMethods, type VisitorSessionView } from "../protocol";
import { h } from "../dom";
import { look, previewMode, store } from "./config";
import { connect } from "./connection";
import { showIntro, visitorMetadata } from "./intro";
import { applyReceipts, compose, fill, receive } from "./messages";
import { hideRating, resetRating, showRating } from "./rating";
import { newLog, noReceipts, state } from "./state";
import { attachBtn, composer, endBtn, focusFirst, input, introEl, log, note, setStatus, showTyping, statusEl } from "./view";

export async function startChat(message?: string): Promise<void> {
  setStatus("Connecting…");
  try {
    const c = await connect();
    const r = await callVisitorHub(c, VisitorHubMethods.StartChat, visitorMetadata());
    resetLog();
    adopt(r.session, r.queuePosition, r.aheadAtLeast ?? null);
    await fill();
    if (message) compose(message);
    input.focus();
  } catch (e) {
    showProblem(e, () => startChat(message));
  }
}

/** After a reload or reconnect: the stored chat, and exactly the messages after the last one held. */
export async function resume(): Promise<void> {
  const id = state.session?.sessionId ?? store.get("session");
  if (!id) { renderStatus(); return; }
  try {
    const c = await connect();
    const r = await callVisitorHub(c, VisitorHubMethods.Resume, id, state.log.lastRead);
    adopt(r.session, r.queuePosition ?? null, r.aheadAtLeast ?? null);
    await receive(r.messages.messages);
    if (r.messages.hasMore) await fill();
  } catch (e) {
    const code = parseHubRefusal(e)?.code;
    if (code === "unknown_session" || code === "not_your_session") { forget(); introduce(); return; }
    showProblem(e, resume);
  }
}

export async function endChat(): Promise<void> {
  if (!state.session) return;
  try { applySession(await callVisitorHub(await connect(), VisitorHubMethods.CloseChat, state.session.sessionId)); } catch (e) { showProblem(e, resume); }
}

/** The estimate in words, rounded up to whole minutes: the visitor wants a rough idea, not a countdown. */
function aboutWait(seconds: number | null, about = "about"): string {
  if (seconds === null) return "";
  return seconds < 60 && about === "about" ? " (less than a minute)" : ` (${about} ${Math.ceil(seconds / 60)} min)`;
}

function adopt(s: VisitorSessionView, position: number | null, aheadAtLeast: number | null): void {
  state.session = s;
  store.set("session", s.sessionId);
  state.queuePosition = position;
  state.aheadAtLeast = aheadAtLeast;
  introEl.hidden = true;
  applySession(s);
}

export function applySession(s: VisitorSessionView): void {
  const before = state.session;
  state.session = { ...s };
  if (s.assignedAgent && s.assignedAgent.displayName !== state.agentName) {
    state.agentName = s.assignedAgent.displayName;
    note(`${state.agentName} joined`, state.log.lastRead);
  }
  if (s.status !== "waiting_for_agent") { state.queuePosition = null; state.aheadAtLeast = null; }
  if (s.receipts) applyReceipts(s.receipts);
  if (s.status === "resolved" && before?.status !== "resolved" && state.log.messages.length + state.mine.size > 0) note("Chat resolved", state.log.lastRead);
  if (s.lastSeq > state.log.lastRead) void fill();
  renderStatus();
}

export function renderStatus(): void {
  const s = state.session;
  composer.hidden = !s || s.status === "resolved";
  attachBtn.hidden = !state.token?.attachments;
  endBtn.hidden = !s || s.status === "resolved";
  if (!s) { setStatus(idleStatus()); return; }
  if (s.status === "waiting_for_agent")
    setStatus(state.queuePosition ? `Waiting for an agent… you are number ${state.queuePosition} in line${aboutWait(state.estimatedWaitSeconds)}`
      // Further back than the first places: how many are ahead at least, and at least that place's wait.
      : state.aheadAtLeast ? `Waiting for an agent… at least ${state.aheadAtLeast} people are ahead of you${aboutWait(state.estimatedWaitSeconds, "more than")}`
      : "Waiting for an agent…");
  else if (s.status === "resolved") setStatus("Chat resolved");
  else setStatus(`You are chatting with ${state.agentName || "an agent"}`);
  if (s.status === "resolved") showRating(s.sessionId, !!s.rating || state.ratedElsewhere, { rate, again: startOver });
  else hideRating();
}

async function rate(stars: number, feedback: string | null, anonymous: boolean): Promise<boolean> {
  const s = state.session;
  if (!s) return true;
  try {
    applySession(await callVisitorHub(await connect(), VisitorHubMethods.RateChat, s.sessionId, stars, feedback, anonymous));
    return true;
  } catch (e) {
    if (parseHubRefusal(e)?.code !== "already_rated") return false;
    state.ratedElsewhere = true;
    renderStatus();
    return true;
  }
}

function startOver(): void {
  forget();
  introduce();
  focusFirst();
}

/** The greeting and Start chat button, for a visitor without a chat. */
export function introduce(): void {
  // The preview's form starts nothing: it only shows how the form looks.
  showIntro(previewMode ? async () => {} : startChat);
  renderStatus();
}

function showProblem(e: unknown, retry: () => Promise<void>): void {
  // Connect refusals come as the route's error code (connection.ts), hub refusals as "HubException: code: …".
  const code = parseHubRefusal(e)?.code ?? String((e as Error)?.message ?? "");
  const words: Record<string, string> = {
    slow_down: "Too many attempts: please wait a moment.",
    queue_full: "The queue is full: please try again in a few minutes.",
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
  state.session = null;
  store.set("session", null);
  resetLog();
  resetRating();
}

function resetLog(): void {
  log.replaceChildren();
  state.log = newLog();
  state.mine.clear();
  state.receipts = noReceipts;
  state.ratedElsewhere = false;
  state.ackedDelivered = 0; state.ackedRead = 0; state.agentName = ""; state.queuePosition = null; state.aheadAtLeast = null; state.estimatedWaitSeconds = null;
  showTyping("");
}

/** Before a chat: when the team is back (in the visitor's own time), or how soon it usually replies. */
function idleStatus(): string {
  if (!look.open) {
    const back = look.backAt ? new Date(look.backAt).toLocaleString([], { weekday: "long", hour: "2-digit", minute: "2-digit" }) : "";
    return back ? `We're away. Back ${back}, your time. Leave a message:` : "We're away. Leave a message:";
  }
  if (look.reply !== null) return look.reply < 60 ? "We usually reply in under a minute." : `We usually reply in about ${Math.round(look.reply / 60)} minutes.`;
  return look.subtitle || (look.prechat ? "Tell us who you are, then start a chat." : "Start a chat: we usually answer in minutes.");
}
