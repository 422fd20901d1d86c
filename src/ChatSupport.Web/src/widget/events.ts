// The visitor hub's events, wired on every new connection: each one about this widget's chat updates it; a reconnect
// resumes the chat, reading exactly what was missed.
import type { HubConnection } from "@microsoft/signalr";
import { ClientEvents, onServerEvent } from "../protocol";
import { applyReceipts, receive, showAgentTyping } from "./messages";
import { applySession, renderStatus, resume } from "./session";
import { isMine, state } from "./state";
import { setStatus } from "./view";

export function subscribe(c: HubConnection): void {
  onServerEvent(c, ClientEvents.MessagePosted, (e) => { if (isMine(e)) void receive([e.message]); });
  onServerEvent(c, ClientEvents.SessionChanged, (e) => { if (isMine(e)) applySession(e.session); });
  onServerEvent(c, ClientEvents.QueuePositionChanged, (e) => { if (isMine(e)) { state.queuePosition = e.position; renderStatus(); } });
  onServerEvent(c, ClientEvents.ReceiptsChanged, (e) => { if (isMine(e)) applyReceipts(e.receipts); });
  onServerEvent(c, ClientEvents.TypingChanged, (e) => { if (isMine(e) && e.party === "agent") showAgentTyping(e.isTyping); });
  c.onreconnecting(() => setStatus("Connection lost. Reconnecting…"));
  c.onreconnected(() => { void resume(); });
}
