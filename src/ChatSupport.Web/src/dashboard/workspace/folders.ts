// The inbox folders of the side navigation: "My chats" (assigned to me, those waiting on my reply first),
// "Unassigned" (waiting for an agent) and "All open", each with a live count.
import type { SessionSummary } from "../../protocol";
import type { Folder } from "./workspaceState";

export const folderTitles: Record<Folder, string> = { mine: "My chats", unassigned: "Unassigned", all: "All open" };

export function inFolder(s: SessionSummary, folder: Folder, me: string): boolean {
  if (s.status === "resolved") return false;
  if (folder === "mine") return s.assignedAgent?.agentId === me;
  if (folder === "unassigned") return !s.assignedAgent;
  return true;
}

/** A visitor message no agent message has answered yet: the chat is marked until someone replies. */
export function awaitsReply(s: SessionSummary): boolean {
  return s.status !== "resolved" && !!s.awaitingReplySince;
}

/** My chats: those waiting on my reply first (longest waiting on top), then the rest in the desk's order. */
export function orderMine(sessions: SessionSummary[]): SessionSummary[] {
  const waiting = sessions.filter(awaitsReply).sort((a, b) => a.awaitingReplySince!.localeCompare(b.awaitingReplySince!));
  return [...waiting, ...sessions.filter((s) => !awaitsReply(s))];
}

/** The counts the navigation shows. Unassigned and All open come from the desk's own counts (every page of it). */
export function folderCounts(all: SessionSummary[], counts: { waiting: number; open: number }, me: string): Record<Folder, number> {
  return { mine: all.filter((s) => inFolder(s, "mine", me)).length, unassigned: counts.waiting, all: counts.open };
}
