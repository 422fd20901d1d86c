// What the widget knows of the visitor's chat, in one object every module reads and writes: the session, its
// messages (the protocol module's gap-free log), the visitor's own messages with their receipts, and what was
// acknowledged to the server.
import type { HubConnection } from "@microsoft/signalr";
import { ChatLog, type Receipts, type VisitorMessageView, type VisitorSessionView, type VisitorToken } from "../protocol";

/** The visitor's messages, in the visitor's view (no sender ids; client ids on their own messages only). */
export const newLog = () => new ChatLog<{ clientMessageId: string }, VisitorMessageView>();

/** One of the visitor's own messages: its element, and its number once stored (null while sending). */
export interface Mine { el: HTMLElement; metaEl: HTMLElement; seq: number | null; failed: boolean; text: string; time?: string; }

export const noReceipts: Receipts = { visitorDeliveredSeq: 0, visitorReadSeq: 0, agentDeliveredSeq: 0, agentReadSeq: 0 };

export const state = {
  hub: null as HubConnection | null,
  token: null as VisitorToken | null,
  session: null as VisitorSessionView | null,
  /** The server refused a second rating (rated in another tab): show the thanks, not the form. */
  ratedElsewhere: false,
  log: newLog(),
  /** clientMessageId → the visitor's own message. */
  mine: new Map<string, Mine>(),
  receipts: noReceipts,
  agentName: "",
  queuePosition: null as number | null,
  /** Further back than the first places (docs/protocol.md, "QueuePositionChanged"): at least this many ahead. */
  aheadAtLeast: null as number | null,
  estimatedWaitSeconds: null as number | null,
  ackedDelivered: 0,
  ackedRead: 0,
  unread: 0,
};

/** A session event about the chat this widget shows (or one without a session id). */
export const isMine = (e: { sessionId?: string }) => !!state.session && (!e.sessionId || e.sessionId === state.session.sessionId);
