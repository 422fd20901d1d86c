// The dashboard's frame: navigation between views, the connection state, notifications, the details panel, the
// docked chats and the toasts. It owns the one hub connection and the live desk and hands them to every view.
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

const linkWords: Record<LinkState, string> = { connected: "Connected", reconnecting: "Reconnecting…", offline: "Offline, retrying…" };

export async function startShell(root: HTMLElement, me: Me, extraViews: DashboardView[]): Promise<void> {
  const link = createAgentLink();
  const desk = new LiveDesk(link.hub, () => fetchResolvedToday(api));
  const replies = new QuickReplies(link.hub);
  const labels = new LabelStore(link.hub);
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
    me, hub: link.hub, desk, labels, api, toast,
    openChat: (id) => dock.open(id),
    showDetails: (id) => details.show(id),
    followUpSet: (id, dueAt) => inbox.followUpSet(id, dueAt),
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
  });
  desk.onDelta((d) => notifier.onDelta(d));
  watchMyTargets(desk, me.username, notifier, (id) => {
    const s = desk.get(id);
    return s ? visitorLabel(s.visitorId, s.visitor) : "a visitor";
  });
  const allow = h("button", { type: "button", hidden: notifier.permission !== "default" }, "Enable notifications");
  allow.addEventListener("click", async () => {
    await notifier.askPermission();
    allow.hidden = notifier.permission !== "default";
  });

  const myStatus = statusSwitch(link.hub, me.username, toast);
  const signOut = h("button", { type: "button" }, "Sign out");
  signOut.addEventListener("click", async () => {
    await api("/api/auth/sign-out", { method: "POST", body: "{}" });
    location.reload();
  });

  // Views, chosen from the navigation (and the URL's #hash, so a reload stays on the same view).
  const views = [queueView, ...extraViews, repliesView(replies), labelsView, knowledgeView];
  const nav = h("nav", { "aria-label": "Dashboard" });
  const main = h("main", { class: "views" });
  const panes = new Map<string, HTMLElement>();
  const tabs = new Map<string, HTMLButtonElement>();
  // A hash is "#view" or "#view?query" (the view's state, as "View analytics" links carry it).
  const show = (hash: string) => {
    const [id, query = ""] = hash.split(/\?(.*)/s);
    const view = views.find((v) => v.id === id) ?? views[0];
    for (const [vid, pane] of panes) pane.hidden = vid !== view.id;
    for (const [vid, tab] of tabs) tab.setAttribute("aria-current", vid === view.id ? "page" : "false");
    const wanted = id === view.id && query ? `#${view.id}?${query}` : `#${view.id}`;
    if (location.hash !== wanted) history.replaceState(null, "", wanted);
    view.shown?.(new URLSearchParams(wanted.slice(view.id.length + 2)));
  };
  for (const view of views) {
    const pane = h("section", { class: `view view-${view.id}`, "aria-label": view.title, hidden: true });
    panes.set(view.id, pane);
    main.append(pane);
    const tab = h("button", { type: "button", "data-view": view.id }, view.title);
    tab.addEventListener("click", () => show(view.id));
    tabs.set(view.id, tab);
    nav.append(tab);
  }

  root.replaceChildren(
    h("header", { class: "top" }, h("span", { class: "brand" }, "ChatSupport"), nav, h("span", { class: "spacer" }), state, myStatus, inbox.element, allow,
      h("span", { class: "who" }, `${me.displayName} · ${me.tenantId}`), signOut),
    h("div", { class: "body" }, main, details.element),
    dock.element, toasts);

  dock.listen();
  inbox.listen();
  await link.start();
  await Promise.all([desk.load(), replies.load(), inbox.load(), labels.load(), (myStatus as HTMLElement & { load(): Promise<void> }).load()]);
  notifier.knowExisting();
  for (const view of views) view.mount(panes.get(view.id)!, ctx);
  show(location.hash.slice(1));
  addEventListener("hashchange", () => show(location.hash.slice(1)));
}
