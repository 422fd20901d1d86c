// The visitor hub's events, wired on every new connection: each one about this widget's chat updates it; a reconnect
// resumes the chat, reading exactly what was missed.
import type { HubConnection } from "@microsoft/signalr";
import { ClientEvents, onVisitorEvent } from "../protocol";
import { show } from "./appearance";
import { applyReceipts, receive, showAgentTyping } from "./messages";
import { applySession, renderStatus, resume } from "./session";
import { isMine, state } from "./state";
import { setStatus } from "./view";

export function subscribe(c: HubConnection): void {
  onVisitorEvent(c, ClientEvents.MessagePosted, (e) => { if (isMine(e)) void receive([e.message]); });
  onVisitorEvent(c, ClientEvents.SessionChanged, (e) => { if (isMine(e)) applySession(e.session); });
  onVisitorEvent(c, ClientEvents.QueuePositionChanged, (e) => { if (isMine(e)) { state.queuePosition = e.position; state.aheadAtLeast = e.aheadAtLeast ?? null; state.estimatedWaitSeconds = e.estimatedWaitSeconds ?? null; renderStatus(); } });
  onVisitorEvent(c, ClientEvents.ReceiptsChanged, (e) => { if (isMine(e)) applyReceipts(e.receipts); });
  onVisitorEvent(c, ClientEvents.SettingsChanged, show);
  onVisitorEvent(c, ClientEvents.TypingChanged, (e) => { if (isMine(e) && e.party === "agent") showAgentTyping(e.isTyping); });
  c.onreconnecting(() => setStatus("Connection lost. Reconnecting…"));
  c.onreconnected(() => { void resume(); });
}
