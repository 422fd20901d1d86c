// The live desk: GetDesk's snapshot kept current by DeskChanged deltas. The protocol module judges each delta by its
// epoch and version (apply the next one, ignore one seen, read the snapshot again after a gap or a desk restart).
// Resolved chats leave the live list but stay here for the "Resolved" status filter: those resolved while the page
// was open, those that closed while it was disconnected (open before a reload of the snapshot, gone after it), and
// today's from the archive, read with every snapshot so a page reload does not forget them.
// The desk comes in pages of at most 200 rows (waiting first, longest wait on top): GetDesk reads the first, "Load more"
// the next by cursor. Deltas keep every row current, the rows of pages not read yet included (a delta adds its row).
// A page is read while deltas flow, so a row it carries is taken only if no delta newer than the page changed it.
import type { HubConnection } from "@microsoft/signalr";
import {
  AgentHubMethods, callAgentHub, ClientEvents, judgeDelta, onServerEvent, type DeskCounts, type DeskDelta, type DeskPosition,
  type DeskSnapshot, type SessionSummary,
} from "../protocol";
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
  private paging: Promise<void> | null = null;
  /** Where the next page starts; null once every page is read. */
  private nextCursor: string | null = null;
  private deskCounts: DeskCounts | null = null;
  /** Per session, the version of the last delta applied to it since the snapshot: a page older than that is not taken for it. */
  private readonly changedAt = new Map<string, number>();

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

  /** The whole desk's counts (the server's), whatever pages are read. */
  counts(): DeskCounts {
    if (this.deskCounts) return this.deskCounts;
    const open = [...this.open.values()];
    return { waiting: open.filter((s) => s.status === "waiting_for_agent").length, open: open.length };
  }

  /** Whether the desk has rows beyond the pages read so far. */
  hasMore(): boolean {
    return this.nextCursor !== null;
  }

  /** Reads the next page ("Load more"); concurrent calls share one read. */
  loadMore(): Promise<void> {
    this.paging ??= this.readNextPage().finally(() => { this.paging = null; });
    return this.paging;
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
    } else if (this.resolved.has(session.sessionId)) {
      // Reopened: open again (its delta follows)
      this.open.set(session.sessionId, { ...this.resolved.get(session.sessionId)!, ...session });
      this.resolved.delete(session.sessionId);
    }
    this.emit();
  }

  private async readSnapshot(): Promise<void> {
    const snapshot = await callAgentHub(this.hub, AgentHubMethods.GetDesk);
    const before = new Map(this.open);
    this.open.clear();
    this.changedAt.clear();
    for (const s of snapshot.sessions) {
      this.open.set(s.sessionId, s);
      this.resolved.delete(s.sessionId);
    }
    // Open before, no longer listed: with the whole desk in one page they closed while we were away; with more pages
    // they may be on a later one, so they are only dropped (a delta or "Load more" brings them back).
    const complete = !snapshot.nextCursor;
    if (complete) for (const [id, s] of before) if (!this.open.has(id)) this.keepResolved({ ...s, status: "resolved" });
    this.nextCursor = snapshot.nextCursor ?? null;
    this.deskCounts = snapshot.counts ?? null;
    this.position = { epoch: snapshot.epoch, version: snapshot.version };
    this.emit();
  }

  private async readNextPage(): Promise<void> {
    if (!this.nextCursor || !this.position) return;
    const page: DeskSnapshot = await callAgentHub(this.hub, AgentHubMethods.GetDeskPage, this.nextCursor);
    if ((page.epoch ?? "") !== (this.position.epoch ?? "")) {
      await this.load(); // the desk restarted: its pages start over
      return;
    }
    for (const s of page.sessions) {
      if ((this.changedAt.get(s.sessionId) ?? -1) > page.version) continue; // a newer delta already told us more
      this.open.set(s.sessionId, s);
      this.resolved.delete(s.sessionId);
    }
    this.nextCursor = page.nextCursor ?? null;
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
    this.changedAt.set(d.session.sessionId, d.version);
    if (d.counts) this.deskCounts = d.counts;
    if (d.kind === "removed") {
      this.open.delete(d.session.sessionId);
      this.keepResolved({ ...d.session, status: "resolved" });
    } else {
      this.open.set(d.session.sessionId, d.session);
      this.resolved.delete(d.session.sessionId); // a reopened chat
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
