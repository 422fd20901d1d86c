// Today's resolved chats, from the archive (GET /api/archive/chats, resolved since local midnight), as desk rows: so
// the queue's "Resolved" filter shows them after a page reload, not only the chats resolved while the page was open.
import type { SessionSummary } from "../../protocol";
import type { ArchivePage, ArchivedChat } from "./archiveTypes";

/** One page: the desk keeps this many resolved chats anyway. */
const maxChats = 100;

export function localMidnight(now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** Newest first, as the archive lists them. Throws when the route refuses (the desk then shows what it has). */
export async function fetchResolvedToday(api: (path: string) => Promise<Response>): Promise<SessionSummary[]> {
  const q = new URLSearchParams({ from: localMidnight().toISOString(), pageSize: String(maxChats) });
  const response = await api(`/api/archive/chats?${q}`);
  if (!response.ok) throw new Error(`archive answered ${response.status}`);
  return ((await response.json()) as ArchivePage).chats.map(asDeskRow);
}

/** The archive knows less than the live desk (no page, browser or place): those cells show "—". */
function asDeskRow(chat: ArchivedChat): SessionSummary {
  return {
    sessionId: chat.sessionId, visitorId: chat.visitorId, status: "resolved",
    visitor: { name: chat.visitorName ?? null, email: chat.visitorEmail ?? null },
    assignedAgent: chat.agent ?? null, createdAt: chat.createdAt,
  };
}
