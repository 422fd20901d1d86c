// The side navigation: the inbox folders first (My chats, Unassigned, All open, each with its live count), then the
// agent's other views, then the admin pages in a group of their own. A column scrolls, so any number of pages fits at
// 1024 px, where a header row had wrapped at 1280.
import { h, text } from "../../dom";
import type { DashboardView } from "../context";
import { folderTitles } from "./folders";
import type { Folder } from "./workspaceState";

/** Pages for setting the workspace up rather than working chats: grouped under "Admin" (a view may say so itself). */
const adminViews = new Set(["team", "replies", "labels", "knowledge", "settings", "api-keys", "apiKeys", "webhooks"]);

export interface SideNav {
  element: HTMLElement;
  /** The view's nav button (the All open folder for the queue). */
  tabs: Map<string, HTMLButtonElement>;
  folders: Map<Folder, HTMLButtonElement>;
  setCounts(counts: Record<Folder, number>): void;
  markCurrent(viewId: string, folder: Folder | null): void;
}

export function sideNav(views: DashboardView[], go: (hash: string) => void): SideNav {
  const tabs = new Map<string, HTMLButtonElement>();
  const folders = new Map<Folder, HTMLButtonElement>();
  const counts = new Map<Folder, HTMLElement>();
  const inbox = h("ul", { class: "nav-group" });
  for (const folder of ["mine", "unassigned", "all"] as Folder[]) {
    const count = h("span", { class: "nav-count", "data-count": "0" }, "0");
    // "All open" is the queue's own entry: it keeps data-view=queue, which pages and tests address it by.
    const button = h("button", { type: "button", "data-folder": folder, ...(folder === "all" ? { "data-view": "queue" } : {}) },
      h("span", { class: "nav-title" }, folderTitles[folder]), count);
    button.addEventListener("click", () => go(`queue?folder=${folder}`));
    folders.set(folder, button);
    counts.set(folder, count);
    if (folder === "all") tabs.set("queue", button);
    inbox.append(h("li", {}, button));
  }
  const agentList = h("ul", { class: "nav-group" });
  const adminList = h("ul", { class: "nav-group" });
  for (const view of views) {
    if (view.id === "queue") continue;
    const button = h("button", { type: "button", "data-view": view.id }, h("span", { class: "nav-title" }, view.title));
    button.addEventListener("click", () => go(view.id));
    tabs.set(view.id, button);
    const admin = view.group ? view.group === "admin" : adminViews.has(view.id);
    (admin ? adminList : agentList).append(h("li", {}, button));
  }
  const element = h("nav", { class: "side-nav", "aria-label": "Dashboard" },
    h("span", { class: "brand" }, "ChatSupport"),
    h("h2", { class: "nav-heading", id: "nav-inbox" }, "Inbox"), inbox,
    h("h2", { class: "nav-heading" }, "Views"), agentList,
    h("h2", { class: "nav-heading" }, "Admin"), adminList);
  return {
    element, tabs, folders,
    setCounts(values) {
      for (const [folder, el] of counts) {
        text(el, String(values[folder]));
        el.dataset.count = String(values[folder]);
      }
    },
    markCurrent(viewId, folder) {
      for (const [id, tab] of tabs) tab.setAttribute("aria-current", id === viewId && id !== "queue" ? "page" : "false");
      for (const [f, button] of folders) button.setAttribute("aria-current", viewId === "queue" && f === folder ? "page" : "false");
    },
  };
}
