// The live desk: GetDesk's snapshot kept current by DeskChanged deltas. The protocol module judges each delta by its
// epoch and version (apply the next one, ignore one seen, read the snapshot again after a gap or a desk restart).
// Resolved chats leave the live list but stay here for the "Resolved" status filter: those resolved while the page
// was open, those that closed while it was disconnected (open before a reload of the snapshot, gone after it), and
// today's from the archive, read with every snapshot so a page reload does not forget them.
import type { HubConnection } from "@microsoft/signalr";
import { AgentHubMethods, callAgentHub, ClientEvents, judgeDelta, onServerEvent, type DeskDelta, type DeskPosition, type SessionSummary } from "../protocol";
import type { DeskStore } from "./context";

const recentlyResolvedKept = 100;

export class LiveDesk implements DeskStore {
  private readonly open = new Map<string, SessionSummary>();
  private readonly resolved = new Map<string, SessionSummary>();
  private readonly listeners = new Set<() => void>();
  private readonly deltaListeners = new Set<(d: DeskDelta) => void>();
  private position: DeskPosition | null = null;
  private loading: Promise<void> | null = null;
  private seeding: Promise<void> | null = null;

  /** resolvedToday: the chats resolved today on the server, newest first (resolved/resolvedToday.ts). */
  constructor(private readonly hub: HubConnection, private readonly resolvedToday: () => Promise<SessionSummary[]>) {
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

  /**
   * Reads the snapshot (first load, after a reconnect, a version gap or a new epoch), and today's resolved chats
   * beside it. Concurrent calls share one read. Deltas are applied again as soon as the snapshot is in: the
   * archive's answer only adds resolved rows, so it must not hold the live list back.
   */
  load(): Promise<void> {
    this.loading ??= this.readSnapshot().finally(() => { this.loading = null; });
    this.seeding ??= this.seedResolvedToday().finally(() => { this.seeding = null; });
    return Promise.all([this.loading, this.seeding]).then(() => undefined);
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

  private async readSnapshot(): Promise<void> {
    const snapshot = await callAgentHub(this.hub, AgentHubMethods.GetDesk);
    const before = new Map(this.open);
    this.open.clear();
    for (const s of snapshot.sessions) {
      this.open.set(s.sessionId, s);
      this.resolved.delete(s.sessionId);
    }
    // Open before, no longer listed: they closed while we were away (an open desk lists every open chat).
    for (const [id, s] of before) if (!this.open.has(id)) this.keepResolved({ ...s, status: "resolved" });
    this.position = { epoch: snapshot.epoch, version: snapshot.version };
    this.emit();
  }

  private async seedResolvedToday(): Promise<void> {
    let today: SessionSummary[];
    try {
      today = await this.resolvedToday();
    } catch {
      return; // the archive is not the live desk: without it the filter shows what this page saw
    }
    // Oldest first, so the newest stay when the kept list is full; a row the page already has knows more (page, place).
    for (const s of [...today].reverse()) {
      if (this.resolved.has(s.sessionId)) continue;
      const open = this.open.get(s.sessionId);
      this.open.delete(s.sessionId);
      this.keepResolved(open ? { ...open, status: "resolved" } : s);
    }
    this.emit();
  }

  private apply(d: DeskDelta): void {
    if (!this.position || this.loading) return; // the snapshot being read includes it
    const verdict = judgeDelta(this.position, d);
    if (verdict === "ignore") return;
    if (verdict === "reload") {
      void this.load();
      return;
    }
    this.position = { epoch: d.epoch, version: d.version };
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
    this.resolved.delete(session.sessionId); // re-inserted as the newest
    this.resolved.set(session.sessionId, session);
    while (this.resolved.size > recentlyResolvedKept) this.resolved.delete(this.resolved.keys().next().value!);
  }

  private emit(): void {
    this.listeners.forEach((l) => l());
  }
}
