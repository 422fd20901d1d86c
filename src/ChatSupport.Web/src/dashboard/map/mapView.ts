// The Map view: where the open chats come from, live. One marker per open session at its visitor's location
// (set by the server from the visitor's address), in the status's fixed color; close markers grouped with a count;
// markers come, change color and leave with the desk's live deltas. Filter by status; a marker opens the session's
// details (assign, open chat); a group zooms in, or lists its chats when they share one place. Sessions without a
// location are counted, never dropped. The map code loads on first mount, in its own chunk of the dashboard build.
import "./map.css";
import { h, text } from "../../dom";
import type { ChatStatus, DashboardContext, DashboardView, SessionSummary } from "../context";
import { statusColors, statusLabels } from "../context";
import { locationLabel, visitorLabel } from "../format";
import { statusBadge } from "../statusBadge";
import { PointIndex, type Cluster, type MapPoint } from "./clusters";
import { clusterMarker, sessionMarker, shownStatuses } from "./markers";

/** Markers closer than this on screen are grouped. */
const clusterRadiusPx = 22;

const located = (s: SessionSummary) => typeof s.visitor?.location?.latitude === "number" && typeof s.visitor?.location?.longitude === "number";

export const mapView: DashboardView = {
  id: "map",
  title: "Map",
  mount(root: HTMLElement, ctx: DashboardContext) {
    const shown = new Set<ChatStatus>(shownStatuses);
    const summary = h("p", { class: "map-count", role: "status", "aria-live": "polite" });
    const unknown = h("p", { class: "map-unknown", "data-count": "0" });

    const filterBar = h("fieldset", { class: "filters map-filters" }, h("legend", {}, "Show"));
    for (const status of shownStatuses) {
      const input = h("input", { type: "checkbox", name: "map-filter", value: status, checked: true });
      input.addEventListener("change", () => {
        if (input.checked) shown.add(status);
        else shown.delete(status);
        render();
      });
      const swatch = h("span", { class: "map-swatch", "aria-hidden": "true" });
      swatch.style.setProperty("--status-color", statusColors[status]);
      filterBar.append(h("label", { class: `filter filter-${status}` }, input, swatch, statusLabels[status]));
    }

    const zoomIn = h("button", { type: "button", "aria-label": "Zoom in" }, "+");
    const zoomOut = h("button", { type: "button", "aria-label": "Zoom out" }, "−");
    const reset = h("button", { type: "button" }, "Whole world");
    const list = h("div", { class: "map-list", role: "dialog", "aria-label": "Chats at this place", hidden: true });
    const stage = h("div", { class: "map-stage" }, h("p", { class: "map-loading" }, "Loading the map…"));
    const attribution = h("p", { class: "map-attribution" },
      h("a", { href: "https://db-ip.com", target: "_blank", rel: "noopener noreferrer" }, "IP Geolocation by DB-IP"),
      " (CC BY 4.0) · Map: ",
      h("a", { href: "https://www.naturalearthdata.com", target: "_blank", rel: "noopener noreferrer" }, "Natural Earth"));
    root.append(
      h("div", { class: "view-head" }, h("h1", {}, "Visitor map"), summary),
      h("div", { class: "map-toolbar" }, filterBar, h("div", { class: "map-zoom", role: "group", "aria-label": "Zoom" }, zoomIn, zoomOut, reset), unknown),
      stage, attribution);

    // Counts show at once; the map itself follows once its code and the atlas are loaded.
    let render: () => void = () => void renderCounts();
    ctx.desk.subscribe(() => render());

    function openSessions(): SessionSummary[] {
      return ctx.desk.all().filter((s) => s.status !== "resolved" && shown.has(s.status));
    }

    function renderCounts(): SessionSummary[] {
      const sessions = openSessions();
      const without = sessions.filter((s) => !located(s)).length;
      text(summary, `${sessions.length - without} on the map · ${sessions.length} open${shown.size < shownStatuses.length ? " (filtered)" : ""}`);
      unknown.dataset.count = String(without);
      text(unknown, `Location unknown: ${without}`);
      return sessions;
    }

    void import("./worldMap").then(({ WorldMap }) => {
      const map = new WorldMap();
      stage.replaceChildren(map.element, list);
      zoomIn.addEventListener("click", () => map.zoomBy(2));
      zoomOut.addEventListener("click", () => map.zoomBy(0.5));
      reset.addEventListener("click", () => map.reset());

      let index = new PointIndex<SessionSummary>([], (s) => s.sessionId);
      const elements = new Map<string, HTMLButtonElement>();
      let current: Cluster<SessionSummary>[] = [];

      const rebuild = () => {
        const points: MapPoint<SessionSummary>[] = [];
        for (const s of renderCounts().filter(located).sort((a, b) => a.sessionId.localeCompare(b.sessionId))) {
          const p = map.project(s.visitor.location!.longitude!, s.visitor.location!.latitude!);
          if (p) points.push({ x: p[0], y: p[1], item: s });
        }
        index = new PointIndex(points, (s) => s.sessionId);
        place();
      };

      // Groups for the current zoom, then each marker at its screen position (elements reused by key).
      const place = () => {
        const t = map.transform;
        current = index.clusters(t.k, clusterRadiusPx);
        const keep = new Set<string>();
        for (const c of current) {
          keep.add(c.key);
          const el = c.members.length === 1 ? sessionMarker(elements.get(c.key), c.members[0].item) : clusterMarker(elements.get(c.key), c.members.map((m) => m.item));
          el.style.transform = `translate(${t.applyX(c.x)}px, ${t.applyY(c.y)}px)`;
          if (!elements.has(c.key)) {
            elements.set(c.key, el);
            el.addEventListener("click", () => clicked(c.key));
            map.markers.append(el);
          }
        }
        for (const [key, el] of elements) if (!keep.has(key)) { el.remove(); elements.delete(key); }
        if (!list.hidden && !current.some((c) => c.key === list.dataset.key && c.members.length > 1)) list.hidden = true;
      };

      const clicked = (key: string) => {
        const c = current.find((x) => x.key === key);
        if (!c) return;
        if (c.members.length === 1) return ctx.showDetails(c.members[0].item.sessionId);
        const xs = c.members.map((m) => m.x), ys = c.members.map((m) => m.y);
        const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        // Chats at one place (or already at the closest zoom) never separate: list them instead.
        if ((x1 - x0 < 0.5 && y1 - y0 < 0.5) || !map.zoomToBox(x0, y0, x1, y1)) showList(c);
      };

      const showList = (c: Cluster<SessionSummary>) => {
        const close = h("button", { type: "button", class: "close", "aria-label": "Close list" }, "×");
        close.addEventListener("click", () => { list.hidden = true; });
        const items = c.members.map(({ item: s }) => {
          const open = h("button", { type: "button", class: "map-list-item", "data-session-id": s.sessionId }, statusBadge(s.status), ` ${visitorLabel(s.visitorId, s.visitor)} · ${locationLabel(s.visitor)}`);
          open.addEventListener("click", () => ctx.showDetails(s.sessionId));
          return h("li", {}, open);
        });
        list.dataset.key = c.key;
        list.replaceChildren(h("div", { class: "map-list-head" }, h("strong", {}, `${c.members.length} chats here`), close), h("ul", {}, ...items));
        list.hidden = false;
        list.querySelector<HTMLButtonElement>(".map-list-item")?.focus();
      };

      let frame = 0;
      map.onChange((layout) => {
        if (layout) return rebuild();
        // Pan and zoom events come faster than frames: place markers once per frame.
        if (!frame) frame = requestAnimationFrame(() => { frame = 0; place(); });
      });
      render = rebuild;
      return map.load().then(rebuild);
    }).catch((e: unknown) => {
      stage.replaceChildren(h("p", { class: "form-error", role: "alert" }, e instanceof Error ? e.message : "The map could not be loaded."));
    });
  },
};
