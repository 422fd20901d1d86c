// Tells an agent when one of their own chats is about to miss a target: once per target run (its key), when its
// countdown turns amber, through the same notifier as new chats. Computed here from the due times the desk carries,
// so the server pushes nothing every second.
import type { DeskStore } from "../context";
import type { WaitingNotifier } from "../notifier";
import { duration } from "../format";
import { shownTarget, targetState, targetWords } from "./targetClock";

export function watchMyTargets(desk: DeskStore, me: string, notifier: WaitingNotifier, label: (sessionId: string) => string): void {
  const told = new Set<string>();
  window.setInterval(() => {
    const now = Date.now();
    for (const s of desk.all()) {
      if (s.assignedAgent?.agentId !== me || s.status === "resolved") continue;
      const t = shownTarget(s.targets);
      if (!t || t.missed) continue;
      const { state, leftMs } = targetState(t, now);
      const key = `${s.sessionId}|${t.key}`;
      if (state !== "amber" || told.has(key)) continue;
      told.add(key);
      notifier.announce(`${targetWords[t.target]} target for ${label(s.sessionId)} in ${duration(leftMs)}`, `chatsupport-target-${s.sessionId}`);
    }
  }, 1_000);
}
