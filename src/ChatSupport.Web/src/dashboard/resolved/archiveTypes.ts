// The archive routes' answers (docs/protocol.md, "Archive routes").
import type { AgentRef, ChatRating } from "../../protocol";

/** A resolved chat. When its rating is anonymous the server has already removed the visitor's id, name and email. */
export interface ArchivedChat {
  sessionId: string; visitorId: string; visitorName?: string | null; visitorEmail?: string | null;
  agent?: AgentRef | null; createdAt: string; resolvedAt: string; resolvedBy?: "agent" | "visitor" | null;
  rating?: ChatRating | null; messageCount: number;
  /** Label ids (the tenant's labels name them). */
  labels?: string[];
}

export interface ArchivePage { chats: ArchivedChat[]; nextCursor?: string | null; }

export interface AgentRatingStats { agentId: string; agentName: string; count: number; starsSum: number; average: number; }

export interface TranscriptMessage { seq: number; sender: "agent" | "visitor"; senderName?: string | null; text: string; sentAt: string; }

/** A private note as the archive lists it (GET /api/archive/chats/{id}/notes): shown after message afterMessageSeq. */
export interface TranscriptNote { seq: number; afterMessageSeq: number; kind: "note" | "transfer"; author: AgentRef; text: string; writtenAt: string; }

export interface TranscriptPage { messages: TranscriptMessage[]; hasMore: boolean; lastSeq: number; }

export type ExportFormat = "csv" | "json" | "text";
export const exportFormats: { format: ExportFormat; label: string }[] = [
  { format: "csv", label: "CSV" }, { format: "json", label: "JSON" }, { format: "text", label: "Text" },
];

/** "★★★★☆" for 4. */
export function starsText(stars: number): string {
  return "★".repeat(stars) + "☆".repeat(5 - stars);
}

/** Who the chat was with, as the list shows it: an anonymous rating hides the visitor. */
export function visitorOf(chat: ArchivedChat): string {
  if (chat.rating?.anonymous) return "Anonymous";
  const name = chat.visitorName?.trim();
  return name || chat.visitorEmail || `Visitor ${chat.visitorId.slice(0, 4)}`;
}
