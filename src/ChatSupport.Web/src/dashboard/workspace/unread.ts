// Unread visitor messages per chat: those newer than what this agent has seen of the chat in a docked chat that is
// open, not minimized, with the page visible. Counted from the desk's preview of each chat (its newest message and
// how many visitor messages came since the last agent message), so a chat never opened counts too.
import type { DeskStore } from "../context";
import type { SessionSummary } from "../../protocol";
import type { WorkspaceState } from "./workspaceState";

export class UnreadCounts {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly desk: DeskStore, private readonly state: WorkspaceState) {}

  of(s: SessionSummary): number {
    const last = s.lastMessage;
    if (s.status === "resolved" || !last || last.sender !== "visitor") return 0;
    const seen = this.state.get().seen[s.sessionId] ?? 0;
    if (last.seq <= seen) return 0;
    // At most the messages after the seen one; at least one (the newest is unseen).
    return Math.max(1, Math.min(s.unansweredCount ?? 1, last.seq - seen));
  }

  total(): number {
    return this.desk.all().reduce((n, s) => n + this.of(s), 0);
  }

  /** The agent has seen the chat up to message `seq` (a docked chat on screen painted it). */
  seen(sessionId: string, seq: number): void {
    const seen = this.state.get().seen;
    if ((seen[sessionId] ?? 0) >= seq) return;
    // Only open chats are remembered, so the stored map does not grow for ever.
    const open = new Set(this.desk.all().filter((s) => s.status !== "resolved").map((s) => s.sessionId));
    const kept = Object.fromEntries(Object.entries(seen).filter(([id]) => open.has(id)));
    this.state.update({ seen: { ...kept, [sessionId]: seq } });
    this.listeners.forEach((l) => l());
  }

  subscribe(listener: () => void): void {
    this.listeners.add(listener);
  }
}
