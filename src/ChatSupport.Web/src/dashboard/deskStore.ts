// The live desk: GetDesk's snapshot kept current by DeskChanged deltas. A delta whose version is not the last
// one + 1 means something was missed: the snapshot is read again (docs/protocol.md). Resolved chats leave the
// live list; the last ones seen on this page are kept so the "Resolved" status filter has something to show.
import type { HubConnection } from "@microsoft/signalr";
import { AgentHubMethods, callAgentHub, ClientEvents, onServerEvent, type DeskDelta, type SessionSummary } from "../protocol";
import type { DeskStore } from "./context";

const recentlyResolvedKept = 50;

export class LiveDesk implements DeskStore {
  private readonly open = new Map<string, SessionSummary>();
  private readonly resolved = new Map<string, SessionSummary>();
  private readonly listeners = new Set<() => void>();
  private readonly deltaListeners = new Set<(d: DeskDelta) => void>();
  private version = -1;
  private loading: Promise<void> | null = null;

  constructor(private readonly hub: HubConnection) {
    onServerEvent(hub, ClientEvents.DeskChanged, (d) => this.apply(d));
  }

  all(): SessionSummary[] {
    return [...this.open.values(), ...this.resolved.values()];
  }

  get(sessionId: string): SessionSummary | undefined {
    return this.open.get(sessionId) ?? this.resolved.get(sessionId);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    listener();
    return () => this.listeners.delete(listener);
  }

  /** Live deltas as they are applied (the notifier listens for new waiting chats). */
  onDelta(listener: (d: DeskDelta) => void): void {
    this.deltaListeners.add(listener);
  }

  /** Reads the snapshot (first load, after a reconnect, after a version gap). Concurrent calls share one read. */
  load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const snapshot = await callAgentHub(this.hub, AgentHubMethods.GetDesk);
        const before = new Set(this.open.keys());
        this.open.clear();
        for (const s of snapshot.sessions) {
          this.open.set(s.sessionId, s);
          this.resolved.delete(s.sessionId);
        }
        // Chats that closed while we were away: show them as resolved rather than silently dropping them.
        for (const id of before) if (!this.open.has(id)) this.resolved.delete(id);
        this.version = snapshot.version;
        this.emit();
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** A summary the page learnt from a command's answer (faster than waiting for the delta). */
  remember(session: SessionSummary): void {
    if (session.status === "resolved") {
      this.open.delete(session.sessionId);
      this.keepResolved(session);
    } else if (this.open.has(session.sessionId)) {
      this.open.set(session.sessionId, { ...this.open.get(session.sessionId)!, ...session });
    }
    this.emit();
  }

  private apply(d: DeskDelta): void {
    if (this.version < 0 || this.loading) return; // the snapshot being read includes it
    if (d.version <= this.version) return; // seen already
    if (d.version !== this.version + 1) {
      void this.load();
      return;
    }
    this.version = d.version;
    if (d.kind === "removed") {
      this.open.delete(d.session.sessionId);
      this.keepResolved({ ...d.session, status: "resolved" });
    } else {
      this.open.set(d.session.sessionId, d.session);
    }
    this.deltaListeners.forEach((l) => l(d));
    this.emit();
  }

  private keepResolved(session: SessionSummary): void {
    this.resolved.set(session.sessionId, session);
    while (this.resolved.size > recentlyResolvedKept) this.resolved.delete(this.resolved.keys().next().value!);
  }

  private emit(): void {
    this.listeners.forEach((l) => l());
  }
}
