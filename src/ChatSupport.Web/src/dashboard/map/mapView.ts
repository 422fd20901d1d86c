// The Map view: where the open chats come from, live. One marker per open session at its visitor's location
// (set by the server from the visitor's address), in the status's fixed color; close markers grouped with a count;
// markers come, change color and leave with the desk's live deltas. Filter by status; a marker opens the session's
// details (assign, open chat); a group zooms in, or lists its chats when they share one place. Sessions without a
// location are counted, never dropped. The map itself (liveMap.ts and what it uses) loads on first mount, in its own
// chunk of the dashboard build, so the dashboard's first screen does not wait for it.
import "./map.css";
import { h, text } from "../../dom";
import type { DashboardContext, DashboardView } from "../context";
import type { ChatStatus, SessionSummary } from "../../protocol";
import { statusColors, statusLabels } from "../context";
import { shownStatuses } from "./markers";
import { labelFilter } from "../labels/labelFilter";

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

    const byLabel = labelFilter(ctx.labels, "map-label", () => render());
    filterBar.append(byLabel.element);

    const zoomIn = h("button", { type: "button", "aria-label": "Zoom in" }, "+");
    const zoomOut = h("button", { type: "button", "aria-label": "Zoom out" }, "−");
    const reset = h("button", { type: "button" }, "Whole world");
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
      return ctx.desk.all().filter((s) => s.status !== "resolved" && shown.has(s.status) && byLabel.passes(s));
    }

    function renderCounts(): SessionSummary[] {
      const sessions = openSessions();
      const without = sessions.filter((s) => !located(s)).length;
      text(summary, `${sessions.length - without} on the map · ${sessions.length} open${shown.size < shownStatuses.length || byLabel.value() ? " (filtered)" : ""}`);
      unknown.dataset.count = String(without);
      text(unknown, `Location unknown: ${without}`);
      return sessions;
    }

    void import("./liveMap")
      .then(({ mountLiveMap }) => mountLiveMap(ctx, { stage, zoomIn, zoomOut, reset }, () => renderCounts().filter(located)))
      .then((redraw) => { render = redraw; })
      .catch((e: unknown) => {
        stage.replaceChildren(h("p", { class: "form-error", role: "alert" }, e instanceof Error ? e.message : "The map could not be loaded."));
      });
  },
};
