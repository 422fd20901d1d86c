// The live part of the Map view, loaded with the map in its own chunk: the sessions' markers on the world, grouped at
// the current zoom, placed on every pan and zoom, rebuilt on every desk change. A marker opens the session's details;
// a group zooms in, or lists its chats when they share one place.
import { h } from "../../dom";
import type { DashboardContext } from "../context";
import type { SessionSummary } from "../../protocol";
import { locationLabel, visitorLabel } from "../format";
import { statusBadge } from "../statusBadge";
import { PointIndex, type Cluster, type MapPoint } from "./clusters";
import { clusterMarker, sessionMarker } from "./markers";
import { WorldMap } from "./worldMap";

/** Markers closer than this on screen are grouped. */
const clusterRadiusPx = 22;

export interface MapControls { stage: HTMLElement; zoomIn: HTMLButtonElement; zoomOut: HTMLButtonElement; reset: HTMLButtonElement; }

/**
 * Draws the map into controls.stage and returns the function that redraws the markers: call it on every desk or
 * filter change. located() gives the sessions to show (open, filtered, with coordinates), in any order.
 */
export async function mountLiveMap(ctx: DashboardContext, controls: MapControls, located: () => SessionSummary[]): Promise<() => void> {
  const { stage, zoomIn, zoomOut, reset } = controls;
  const list = h("div", { class: "map-list", role: "dialog", "aria-label": "Chats at this place", hidden: true });
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
    for (const s of located().sort((a, b) => a.sessionId.localeCompare(b.sessionId))) {
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

  list.addEventListener("keydown", (e) => {
    if (e.key === "Escape") list.hidden = true;
  });

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
  await map.load();
  rebuild();
  return rebuild;
}
