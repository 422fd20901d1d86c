// The agent's workspace as the views see it (DashboardContext.workspace): the remembered layout, unread counts, the
// keyboard's chat cursor, the one search box over the open chats, and the agent's preferences.
import { h } from "../../dom";
import type { DeskStore } from "../context";
import type { ChatCursor } from "./cursor";
import type { PreferencesStore } from "./preferences";
import { searchWords } from "./search";
import { UnreadCounts } from "./unread";
import { WorkspaceState } from "./workspaceState";

export class Workspace {
  readonly state: WorkspaceState;
  readonly unread: UnreadCounts;
  readonly searchBox: HTMLInputElement;
  private readonly searchListeners = new Set<() => void>();

  constructor(tenantId: string, username: string, desk: DeskStore, readonly cursor: ChatCursor, readonly preferences: PreferencesStore) {
    this.state = new WorkspaceState(tenantId, username);
    this.unread = new UnreadCounts(desk, this.state);
    this.searchBox = h("input", {
      type: "search", class: "search", "aria-label": "Search chats", placeholder: "Search chats: name, email, message (/)",
      value: this.state.get().search,
    });
    this.searchBox.value = this.state.get().search;
    this.searchBox.addEventListener("input", () => {
      this.state.update({ search: this.searchBox.value });
      this.searchListeners.forEach((l) => l());
    });
  }

  /** The words the open chats must contain (name, email or newest message), lower case. */
  searchWords(): string[] {
    return searchWords(this.searchBox.value);
  }

  onSearch(listener: () => void): void {
    this.searchListeners.add(listener);
  }
}
