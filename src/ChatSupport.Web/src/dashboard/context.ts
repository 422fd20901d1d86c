// What every dashboard view gets from the shell (main.ts): who is signed in, the agent hub (connected and
// reconnecting by itself), the live desk, same-origin HTTP with the anti-forgery header, and the shell's
// actions (open a chat in the docked mini chat, show a session's details). Views never build their own
// connection, so the page has exactly one agent hub connection and one place that handles reconnects.
import type { HubConnection } from "@microsoft/signalr";
import type { AttachmentLimits, ChatStatus, DeskCounts, SessionSummary } from "../protocol";
import type { LabelStore } from "./labels/labelStore";
import type { Workspace } from "./workspace/workspace";

export interface Me {
  tenantId: string; username: string; displayName: string;
  /** What the mini chat may attach (the plan's file attachments); null or absent: no attach button. */
  attachments?: AttachmentLimits | null;
}

/** The open sessions of the tenant, kept live from DeskChanged by the shell. */
export interface DeskStore {
  all(): SessionSummary[];
  get(sessionId: string): SessionSummary | undefined;
  /** Called after every change (and once at once); returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The whole desk's counts, including the rows of pages not read yet. */
  counts(): DeskCounts;
  /** Whether more open chats exist than the pages read so far hold (GetDesk answers 200 at most). */
  hasMore(): boolean;
  /** Reads the next page of the desk. */
  loadMore(): Promise<void>;
  /** A summary a command answered with (shown before its delta arrives; a resolved one joins the resolved rows). */
  remember(session: SessionSummary): void;
}

export interface DashboardContext {
  me: Me;
  hub: HubConnection;
  desk: DeskStore;
  /** The tenant's labels (name, colour): chips and label filters read them here. */
  labels: LabelStore;
  /** Same-origin fetch with the sign-in cookie and the X-CSRF-TOKEN header. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Docks the session's mini chat (or focuses it when already open). */
  openChat(sessionId: string): void;
  /** Shows the session's details panel with its actions (assign, transfer, resolve, open chat). */
  showDetails(sessionId: string): void;
  /** A short message in the page's toast area (role=status). */
  toast(text: string, kind?: "info" | "error"): void;
  /** Tells the Notifications menu's follow-ups that this page set one (dueAt) or ended one by reopening (null). */
  followUpSet(sessionId: string, dueAt: string | null): void;
  /** The agent's workspace: remembered layout, unread counts, the keyboard's chat cursor, search, preferences. */
  workspace: Workspace;
  /** Shows the chat in the full conversation pane (details beside it), or docks it back. */
  expandChat(sessionId: string | null): void;
}

/** A page of the dashboard (Queue, Map, Resolved…), chosen from the navigation. */
export interface DashboardView {
  id: string;
  title: string;
  /** Where the side navigation lists it: with the agent's views (default) or under "Admin". */
  group?: "chats" | "admin";
  /** Builds the view into root once; the shell shows and hides root. */
  mount(root: HTMLElement, ctx: DashboardContext): void;
  /**
   * Called each time the view is shown (after mount), with the query of the URL's hash ("#analytics?from=…" → from=…):
   * a link can open a view with its state, and the view may write its state back with history.replaceState.
   */
  shown?(query: URLSearchParams): void;
}

/** The fixed status colors, wherever a status shows. */
export const statusColors: Record<ChatStatus, string> = {
  waiting_for_agent: "#f5c518",
  assigned_to_agent: "#1d4ed8",
  active_chat: "#15803d",
  resolved: "#e5e7eb",
};

export const statusLabels: Record<ChatStatus, string> = {
  waiting_for_agent: "Waiting",
  assigned_to_agent: "Assigned",
  active_chat: "Active",
  resolved: "Resolved",
};
