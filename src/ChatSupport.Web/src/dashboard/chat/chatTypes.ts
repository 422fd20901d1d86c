// Wire shapes of the chat events and answers the mini chat uses (docs/protocol.md).
import type { SessionSummary } from "../context";

export interface ChatMessage {
  seq: number; clientMessageId: string; sender: "visitor" | "agent"; senderId: string; senderName: string; text: string; sentAt: string;
}
export interface Receipts { visitorDeliveredSeq: number; visitorReadSeq: number; agentDeliveredSeq: number; agentReadSeq: number; }
export interface Snapshot extends SessionSummary { lastSeq: number; receipts: Receipts; transferNote?: string | null; }
export interface MessagePage { messages: ChatMessage[]; hasMore: boolean; lastSeq: number; }
export interface ResumeResult { session: Snapshot; messages: MessagePage; queuePosition?: number | null; }
export interface MessageAck { seq: number; clientMessageId: string; sentAt: string; duplicate: boolean; }

interface SessionEvent { sessionId: string; lastSeq?: number | null; }
export interface MessagePosted extends SessionEvent { message: ChatMessage; }
export interface SessionChanged extends SessionEvent { session: Snapshot; }
export interface TypingChanged extends SessionEvent { party: "visitor" | "agent"; isTyping: boolean; }
export interface ReceiptsChanged extends SessionEvent { receipts: Receipts; }

/** A message the agent sent that the server has not acknowledged (yet, or at all). */
export interface OutgoingMessage { clientMessageId: string; text: string; state: "sending" | "failed"; error?: string; }
