// The chat's messages in the widget: reading them gap-free (history pages after the last one held), showing each
// once, sending the visitor's own (a retry reuses the client message id, so the server stores it once), their
// receipts (sending, sent, delivered, read), and telling the server what the visitor received and saw.
import { HubConnectionState } from "@microsoft/signalr";
import { h } from "../dom";
import { callVisitorHub, parseHubRefusal, retryWhenBusy, VisitorHubMethods, type Receipts, type VisitorMessageView } from "../protocol";
import { newId } from "./config";
import { connect } from "./connection";
import { state } from "./state";
import { bubble, clock, insertInOrder, log, panel, renderBadge, scrollToEnd, showTyping } from "./view";

const historyPage = 200;
let filling: Promise<void> | null = null;
let ackTimer = 0, agentTypingTimer = 0;

/** Reads every message after the last one held (gaps, pages). */
export function fill(): Promise<void> {
  filling ??= (async () => {
    try {
      while (state.session && state.hub) {
        const page = await callVisitorHub(state.hub, VisitorHubMethods.GetHistory, state.session.sessionId, state.log.lastRead, historyPage);
        await receive(page.messages, true);
        if (!page.hasMore) break;
      }
    } catch { /* the next event or reconnect tries again */ } finally { filling = null; }
  })();
  return filling;
}

/** Messages from an event, Resume or a history page (fromHistory: read in order, so they cannot leave a gap). */
export async function receive(messages: VisitorMessageView[], fromHistory = false): Promise<void> {
  let gap = false;
  for (const m of [...messages].sort((a, b) => a.seq - b.seq)) {
    if (state.log.has(m.seq)) continue;                          // one copy per seq
    if (fromHistory) state.log.addRead([m]);
    else if (state.log.addLive(m) === "gap") gap = true;
    show(m);
  }
  renderMine();
  renderBadge(state.unread);
  scheduleAck();
  if (gap) await fill();
}

function show(m: VisitorMessageView): void {
  const own = m.sender === "visitor" && m.clientMessageId ? state.mine.get(m.clientMessageId) : undefined;
  if (own) { own.seq = m.seq; own.failed = false; own.el.classList.remove("failed"); insertInOrder(m.seq, own.el); }
  else {
    const el = bubble(m, state.agentName);
    if (m.sender === "system" && m.senderName === automaticAnswer) el.append(talkToPersonButton());
    insertInOrder(m.seq, el);
    // The visitor's own messages from history (after a reload) show their receipts too.
    if (m.sender === "visitor") state.mine.set(m.clientMessageId || `seq-${m.seq}`, { el, metaEl: el.querySelector(".meta")!, seq: m.seq, failed: false, text: m.text, time: clock(m.sentAt) });
  }
  if (m.sender === "agent") { showAgentTyping(false); if (panel.hidden) state.unread++; }
}

/** The automatic first answer's sender name (the server's ChatSessionGrain.AutomaticAnswerSender). */
const automaticAnswer = "Automatic answer";

/** Under the automatic answer: the visitor asks for a person and keeps their place in the queue (the server records it once). */
function talkToPersonButton(): HTMLElement {
  const button = h("button", { type: "button", class: "talk-to-person" }, "Talk to a person") as HTMLButtonElement;
  button.addEventListener("click", () => {
    if (!state.session) return;
    button.disabled = true;
    void connect().then((hub) => callVisitorHub(hub, VisitorHubMethods.TalkToPerson, state.session!.sessionId))
      .then(() => button.remove(), () => { button.disabled = false; });
  });
  return button;
}

export function showAgentTyping(isTyping: boolean): void {
  clearTimeout(agentTypingTimer);
  showTyping(isTyping ? `${state.agentName || "The agent"} is typing…` : "");
  // A lost "stopped typing" (a closed tab) must not leave the indicator on forever.
  if (isTyping) agentTypingTimer = window.setTimeout(() => showTyping(""), 10_000);
}

/** Shows the visitor's new message at once (Sending…) and sends it. */
export function compose(value: string): void {
  const clientMessageId = newId();
  const metaEl = h("div", { class: "meta" });
  const el = h("li", { class: "msg visitor", "data-seq": String(Number.MAX_SAFE_INTEGER), "data-client-id": clientMessageId },
    h("span", { class: "sr" }, "You: "), h("div", { class: "bubble" }, value), metaEl);
  state.mine.set(clientMessageId, { el, metaEl, seq: null, failed: false, text: value });
  log.append(el);
  scrollToEnd();
  void send(clientMessageId);
}

async function send(clientMessageId: string): Promise<void> {
  const m = state.mine.get(clientMessageId);
  const session = state.session;
  if (!m || !session) return;
  m.failed = false;
  m.el.classList.remove("failed");
  renderMine();
  try {
    const c = await connect();
    const ack = await retryWhenBusy(() => callVisitorHub(c, VisitorHubMethods.SendMessage, session.sessionId, clientMessageId, m.text));
    m.seq = ack.seq;
    m.time = clock(ack.sentAt);
    if (!state.log.has(ack.seq)) {
      const gap = state.log.addLive({ seq: ack.seq, clientMessageId: ack.clientMessageId, sender: "visitor", text: m.text, sentAt: ack.sentAt }) === "gap";
      insertInOrder(ack.seq, m.el);
      if (gap) void fill();
    }
  } catch (e) {
    m.failed = true;
    m.el.classList.add("failed");
    if (parseHubRefusal(e)?.code === "chat_resolved") m.metaEl.textContent = "Not sent: the chat is resolved";
  }
  renderMine();
}

function renderMine(): void {
  const r = state.receipts;
  for (const [id, m] of state.mine) {
    const label = m.failed ? "Not sent" : m.seq === null ? "Sending…"
      : m.seq <= r.agentReadSeq ? "Read" : m.seq <= r.agentDeliveredSeq ? "Delivered" : "Sent";
    if (m.metaEl.dataset.state === label + m.time) continue;
    m.metaEl.dataset.state = label + m.time;
    m.el.dataset.status = label.toLowerCase().replace(/[^a-z]/g, "");
    m.metaEl.replaceChildren(m.time && m.seq !== null && !m.failed ? `${m.time} · ${label}` : label);
    if (m.failed) {
      const retry = h("button", { type: "button", "aria-label": "Retry sending this message" }, "Retry");
      retry.addEventListener("click", () => void send(id));
      m.metaEl.append(retry);
    }
  }
}

export function applyReceipts(r: Receipts): void {
  state.receipts = r;
  renderMine();
}

/** Tells the server which agent messages this widget holds (delivered) and has shown (read). */
export function scheduleAck(): void {
  clearTimeout(ackTimer);
  ackTimer = window.setTimeout(() => {
    const { session, hub } = state;
    if (!session || !hub || hub.state !== HubConnectionState.Connected) return;
    const seen = !panel.hidden && document.visibilityState === "visible";
    const delivered = state.log.lastRead, read = seen ? delivered : state.ackedRead;
    if (delivered <= state.ackedDelivered && read <= state.ackedRead) return;
    state.ackedDelivered = delivered; state.ackedRead = read;
    callVisitorHub(hub, VisitorHubMethods.Acknowledge, session.sessionId, delivered, read)
      .catch(() => { state.ackedDelivered = 0; state.ackedRead = 0; });
  }, 250);
}
