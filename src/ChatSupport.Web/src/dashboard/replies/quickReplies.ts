// The team's quick replies, loaded once per page and kept fresh when someone edits them here.
import type { HubConnection } from "@microsoft/signalr";
import { AgentHubMethods, callAgentHub, type QuickReply } from "../../protocol";

export type { QuickReply } from "../../protocol";

export class QuickReplies {
  private replies: QuickReply[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly hub: HubConnection) {}

  async load(): Promise<void> {
    this.replies = await callAgentHub(this.hub, AgentHubMethods.GetQuickReplies);
    this.listeners.forEach((l) => l());
  }

  all(): QuickReply[] {
    return this.replies;
  }

  /** Replies whose shortcut starts with what follows "/" (or whose text contains it). */
  matching(query: string): QuickReply[] {
    const q = query.toLowerCase();
    const byShortcut = this.replies.filter((r) => r.shortcut.startsWith(q));
    const byText = this.replies.filter((r) => !r.shortcut.startsWith(q) && r.text.toLowerCase().includes(q));
    return [...byShortcut, ...byText];
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }
}
