// What the agent's workspace remembers across a reload, per workspace and agent, in this browser: the docked chats
// (and the one expanded), the queue's folder, status filter and search. The view itself is in the URL's #hash.
// Preferences that follow the agent to another browser are on the server (preferences.ts); this is only the desk's
// arrangement, like an email client's open tabs.

export type Folder = "mine" | "unassigned" | "all";

export interface WorkspaceLayout {
  openChats: string[];
  expanded: string | null;
  folder: Folder;
  status: string;
  search: string;
  /** Per chat, the newest message number the agent has seen in it (unread counts start after it). */
  seen: Record<string, number>;
}

const defaults: WorkspaceLayout = { openChats: [], expanded: null, folder: "all", status: "open", search: "", seen: {} };

export class WorkspaceState {
  private readonly key: string;
  private value: WorkspaceLayout;

  constructor(tenantId: string, username: string) {
    this.key = `chatsupport.workspace.${tenantId}.${username}`;
    this.value = { ...defaults };
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) ?? "null") as Partial<WorkspaceLayout> | null;
      if (stored && typeof stored === "object") this.value = { ...defaults, ...stored, seen: { ...(stored.seen ?? {}) } };
    } catch { /* a damaged entry starts the workspace afresh */ }
  }

  get(): Readonly<WorkspaceLayout> {
    return this.value;
  }

  update(change: Partial<WorkspaceLayout>): void {
    this.value = { ...this.value, ...change };
    try {
      localStorage.setItem(this.key, JSON.stringify(this.value));
    } catch { /* storage full or blocked: the workspace still works, it just forgets on reload */ }
  }
}
