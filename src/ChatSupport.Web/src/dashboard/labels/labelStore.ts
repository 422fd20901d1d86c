// The tenant's labels (name, colour), read once with GetLabels and again after every change made here. Views show a
// chat's label ids through it; an id the tenant deleted shows as nothing (docs/protocol.md, DeleteLabel). Labels made on
// another dashboard are not pushed: a chat carrying an id not known here reads the list again (once per id), and so
// does opening a chat's details.
import type { HubConnection } from "@microsoft/signalr";
import { AgentHubMethods, callAgentHub, type ChatLabel } from "../../protocol";

export class LabelStore {
  private labels: ChatLabel[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly askedAbout = new Set<string>();
  private reading: Promise<void> | null = null;

  constructor(private readonly hub: HubConnection) {}

  /** Concurrent calls share one read. */
  load(): Promise<void> {
    this.reading ??= callAgentHub(this.hub, AgentHubMethods.GetLabels)
      .then((labels) => {
        const changed = JSON.stringify(labels) !== JSON.stringify(this.labels);
        this.labels = labels;
        if (changed) this.emit(); // an unchanged list redraws nothing (and moves no focus)
      })
      .finally(() => { this.reading = null; });
    return this.reading;
  }

  /** Ids a chat carries: one never seen (a label made elsewhere) reads the list again; a deleted one is asked about once. */
  notice(ids: readonly string[] | null | undefined): void {
    const unknown = (ids ?? []).filter((id) => !this.get(id) && !this.askedAbout.has(id));
    if (unknown.length === 0) return;
    unknown.forEach((id) => this.askedAbout.add(id));
    void this.load().catch(() => undefined);
  }

  /** By name, as the server lists them. */
  all(): ChatLabel[] {
    return this.labels;
  }

  get(id: string): ChatLabel | undefined {
    return this.labels.find((l) => l.id === id);
  }

  /** Called after every change (and once at once); returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    listener();
    return () => this.listeners.delete(listener);
  }

  /** Adds (id null) or renames / recolours a label; throws the hub's refusal. */
  async save(id: string | null, name: string, color: string): Promise<ChatLabel> {
    const saved = await callAgentHub(this.hub, AgentHubMethods.SaveLabel, id, name, color);
    await this.load();
    return saved;
  }

  async remove(id: string): Promise<void> {
    await callAgentHub(this.hub, AgentHubMethods.DeleteLabel, id);
    await this.load();
  }

  private emit(): void {
    this.listeners.forEach((l) => l());
  }
}
