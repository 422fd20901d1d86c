// The Analytics view in the navigation. Only this stub is in the dashboard's main bundle: the page (charts, d3-scale,
// d3-shape, its styles) loads in its own chunk the first time the view is shown, so the first screen never waits for it.
import { h } from "../../dom";
import type { DashboardContext, DashboardView } from "../context";
import type { AnalyticsPage } from "./analyticsPage";

let root: HTMLElement | null = null;
let ctx: DashboardContext | null = null;
let page: Promise<AnalyticsPage> | null = null;
/** The filter of the latest link or click: shown once the page is there, whatever calls came before it. */
let latest = new URLSearchParams();

export const analyticsView: DashboardView = {
  id: "analytics",
  title: "Analytics",
  mount(pane, context) {
    root = pane;
    ctx = context;
    pane.append(h("p", { class: "muted" }, "Loading analytics…"));
  },
  shown(query) {
    if (!root || !ctx) return;
    const [r, c] = [root, ctx];
    page ??= import("./analyticsPage").then(({ mountAnalytics }) => mountAnalytics(r, c));
    latest = query;
    page.then((p) => { if (latest === query) p.show(query); }).catch((e: unknown) => {
      page = null;
      r.replaceChildren(h("p", { class: "form-error", role: "alert" }, e instanceof Error ? e.message : "Analytics could not be loaded."));
    });
  },
};
