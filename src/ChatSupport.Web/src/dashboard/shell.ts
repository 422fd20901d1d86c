// The dashboard's frame: the side navigation (inbox folders with live counts, the agent's views, the admin pages),
// the top bar (search, connection state, presence, notifications, preferences, sign out), the details panel, the
// conversation pane, the docked chats and the toasts. It owns the one hub connection and the live desk and hands them
// to every view. The workspace (workspace/) keeps the layout, unread counts, search, shortcuts and preferences.
import "./workspace/workspace.css";
import { h, text } from "../dom";
import { ChatDock } from "./chat/chatDock";
import type { LinkState } from "./connection";
import { createAgentLink } from "./connection";
import type { DashboardContext, DashboardView, Me } from "./context";
import { DetailsPanel } from "./details/detailsPanel";
import { LiveDesk } from "./deskStore";
import { visitorLabel } from "./format";
import { api } from "./http";
import { WaitingNotifier } from "./notifier";
import { watchMyTargets } from "./targets/targetNotifier";
import { queueView } from "./queue/queueView";
import { QuickReplies } from "./replies/quickReplies";
import { repliesView } from "./replies/repliesView";
import { knowledgeView } from "./knowledge/knowledgeView";
import { fetchResolvedToday } from "./resolved/resolvedToday";
import { InboxButton } from "./inbox/inbox";
import { LabelStore } from "./labels/labelStore";
import { labelsView } from "./labels/labelsView";
import { statusSwitch } from "./team/statusSwitch";
import { chatCursor } from "./workspace/cursor";
import { folderCounts } from "./workspace/folders";
import { PreferencesStore } from "./workspace/preferences";
import { preferencesDialog } from "./workspace/preferencesDialog";
import { Shortcuts } from "./workspace/shortcuts";
import { sideNav } from "./workspace/sideNav";
import { Workspace } from "./workspace/workspace";
import { workspaceShortcuts } from "./workspace/workspaceShortcuts";
import type { Folder } from "./workspace/workspaceState";

const linkWords: Record<LinkState, string> = { connected: "Connected", reconnecting: "Reconnecting…", offline: "Offline, retrying…" };

export async function startShell(root: HTMLElement, me: Me, extraViews: DashboardView[]): Promise<void> {
  const link = createAgentLink();
  const desk = new LiveDesk(link.hub, () => fetchResolvedToday(api));
  const replies = new QuickReplies(link.hub);
  const labels = new LabelStore(link.hub);
  const preferences = new PreferencesStore(link.hub);
  const workspace = new Workspace(me.tenantId, me.username, desk, chatCursor, preferences);
  // Toasts sit at the foot of the side navigation: never over a row, a button or a docked chat.
  const toasts = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
  const toast = (message: string, kind: "info" | "error" = "info") => {
    const t = h("div", { class: `toast toast-${kind}` }, message);
    toasts.append(t);
    setTimeout(() => t.remove(), kind === "error" ? 8_000 : 5_000);
  };

  let ctx!: DashboardContext;
  const details = new DetailsPanel(() => ctx);
  const dock = new ChatDock(() => ctx, replies);
  const inbox = new InboxButton(() => ctx);
  ctx = {
    me, hub: link.hub, desk, labels, api, toast, workspace,
    openChat: (id) => dock.open(id),
    showDetails: (id) => { chatCursor.set(id); details.show(id); },
    followUpSet: (id, dueAt) => inbox.followUpSet(id, dueAt),
    expandChat: (id) => dock.expand(id),
  };
  desk.subscribe(() => details.refresh());
  labels.subscribe(() => details.refresh(true));

  const state = h("span", { class: "link-state", "data-state": "offline", role: "status" }, "Connecting…");
  link.onState((s) => {
    state.dataset.state = s;
    text(state, linkWords[s]);
  });
  link.onResumed(() => {
    void desk.load();
    void inbox.load().catch(() => undefined);
    void labels.load().catch(() => undefined);
    dock.resumeAll();
  });

  const notifier = new WaitingNotifier(desk, (m) => toast(m), (id) => {
    const s = desk.get(id);
    return s ? visitorLabel(s.visitorId, s.visitor) : "a visitor";
  }, preferences, () => workspace.unread.total());
  desk.onDelta((d) => notifier.onDelta(d));
  watchMyTargets(desk, me.username, notifier, (id) => {
    const s = desk.get(id);
    return s ? visitorLabel(s.visitorId, s.visitor) : "a visitor";
  });
  workspace.unread.subscribe(() => notifier.refreshTitle());
  addEventListener("chat-seen", (e) => {
    const { sessionId, seq } = (e as CustomEvent<{ sessionId: string; seq: number }>).detail;
    workspace.unread.seen(sessionId, seq);
  });

  const myStatus = statusSwitch(link.hub, me.username, toast);
  const signOut = h("button", { type: "button" }, "Sign out");
  signOut.addEventListener("click", async () => {
    await api("/api/auth/sign-out", { method: "POST", body: "{}" });
    location.reload();
  });
  const prefs = preferencesDialog(preferences, () => notifier.askPermission());
  const prefsButton = h("button", { type: "button", class: "preferences-button" }, "Preferences");
  prefsButton.addEventListener("click", () => prefs.open());
  const shortcuts = new Shortcuts();
  const keysButton = h("button", { type: "button", "aria-label": "Keyboard shortcuts", title: "Keyboard shortcuts (?)" }, "?");
  keysButton.addEventListener("click", () => shortcuts.show());

  // Views, chosen from the navigation (and the URL's #hash, so a reload stays on the same view).
  const views = [queueView, ...extraViews, repliesView(replies), labelsView, knowledgeView];
  const main = h("main", { class: "views" });
  const panes = new Map<string, HTMLElement>();
  // A hash is "#view" or "#view?query" (the view's state, as "View analytics" links carry it, or the queue's folder).
  const show = (hash: string) => {
    const [id, query = ""] = hash.split(/\?(.*)/s);
    const view = views.find((v) => v.id === id) ?? views[0];
    if (view.id !== "queue" || !query) dock.expand(null);
    for (const [vid, pane] of panes) pane.hidden = vid !== view.id;
    const params = new URLSearchParams(id === view.id ? query : "");
    // The queue without a folder in the link opens the folder the agent was in.
    if (view.id === "queue" && !params.has("folder")) params.set("folder", workspace.state.get().folder);
    const wanted = params.toString() ? `#${view.id}?${params}` : `#${view.id}`;
    if (location.hash !== wanted) history.replaceState(null, "", wanted);
    nav.markCurrent(view.id, (params.get("folder") as Folder | null) ?? null);
    view.shown?.(params);
  };
  const nav = sideNav(views, show);
  for (const view of views) {
    const pane = h("section", { class: `view view-${view.id}`, "aria-label": view.title, hidden: true });
    panes.set(view.id, pane);
    main.append(pane);
  }
  const updateCounts = () => nav.setCounts(folderCounts(desk.all().filter((s) => s.status !== "resolved"), desk.counts(), me.username));
  desk.subscribe(updateCounts);

  root.replaceChildren(h("div", { class: "shell" },
    h("div", { class: "side-column" }, nav.element, toasts),
    h("div", { class: "workspace" },
      h("header", { class: "top" }, workspace.searchBox, h("span", { class: "spacer" }), state, myStatus, inbox.element,
        h("span", { class: "who" }, `${me.displayName} · ${me.tenantId}`), keysButton, prefsButton, signOut),
      h("div", { class: "body" }, main, dock.pane, details.element),
      dock.element)),
    prefs.element, shortcuts.overlay);

  workspaceShortcuts(shortcuts, { ctx: () => ctx, dock, details, show, myStatus: myStatus as HTMLSelectElement });
  shortcuts.listen((field) => {
    // Escape in a field hands the keyboard back to the list: the chat's row when the field was in a docked chat.
    const id = field.closest<HTMLElement>(".mini-chat")?.dataset.sessionId ?? chatCursor.current;
    field.blur();
    if (id) chatCursor.set(id);
    document.querySelector<HTMLElement>(`table.queue tr[data-session-id="${id}"]`)?.focus();
  });

  dock.listen();
  inbox.listen();
  await link.start();
  await Promise.all([desk.load(), replies.load(), inbox.load(), labels.load(), (myStatus as HTMLElement & { load(): Promise<void> }).load(),
    preferences.load().catch(() => toast("Your preferences could not be read; the defaults apply.", "error"))]);
  notifier.knowExisting();
  for (const view of views) view.mount(panes.get(view.id)!, ctx);
  show(location.hash.slice(1));
  dock.restore();
  addEventListener("hashchange", () => show(location.hash.slice(1)));
}
