/// <reference types="vite/client" />
// The world drawn offline: Natural Earth's 1:110m countries (the world-atlas package, bundled by Vite as a file of the
// dashboard build and fetched from this site) in a Natural Earth projection with d3-geo, as SVG. d3-zoom pans and zooms
// it (wheel, drag, pinch, double-click; buttons for the keyboard). Markers live in an HTML layer above the SVG and are
// placed through transform(), so they keep their size at any zoom. No tile server, no CDN.
import { geoNaturalEarth1, geoPath, type GeoProjection } from "d3-geo";
import { select } from "d3-selection";
import { zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from "d3-zoom";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import atlasUrl from "world-atlas/countries-110m.json?url";
import { h } from "../../dom";

const SVG = "http://www.w3.org/2000/svg";
export const maxZoom = 64;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string> = {}): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

export class WorldMap {
  /** The pannable area: the SVG world and, above it, the marker layer. */
  readonly element = h("div", { class: "map-canvas" });
  readonly markers = h("div", { class: "map-markers" });
  private readonly root = svg("svg", { class: "map-world", role: "img", "aria-label": "World map" });
  private readonly world = svg("g");
  private readonly projection: GeoProjection = geoNaturalEarth1();
  private readonly zoomer: ZoomBehavior<HTMLDivElement, unknown>;
  private topology: Topology<{ countries: GeometryCollection }> | null = null;
  private size = { width: 0, height: 0 };
  private readonly listeners: ((layout: boolean) => void)[] = [];

  constructor() {
    this.root.append(this.world);
    this.element.append(this.root, this.markers);
    this.zoomer = zoom<HTMLDivElement, unknown>()
      .scaleExtent([1, maxZoom])
      // d3's defaults (no right button, ctrl only with the wheel), and a double click on a marker is two clicks, not a zoom.
      .filter((e: MouseEvent) => (!e.ctrlKey || e.type === "wheel") && !e.button &&
        !(e.type === "dblclick" && (e.target as Element).closest("button")))
      .on("zoom", (e: { transform: ZoomTransform }) => {
        this.world.setAttribute("transform", e.transform.toString());
        this.emit(false);
      });
    select(this.element).call(this.zoomer);
    // The view is mounted while hidden (size 0) and the window can change: fit the world whenever the size does.
    new ResizeObserver(() => this.fit()).observe(this.element);
  }

  /** Called on every pan or zoom (layout false) and when the world is redrawn at another size (layout true). */
  onChange(listener: (layout: boolean) => void): void {
    this.listeners.push(listener);
  }

  async load(): Promise<void> {
    const response = await fetch(atlasUrl);
    if (!response.ok) throw new Error(`The world map could not be loaded (${response.status}).`);
    this.topology = (await response.json()) as Topology<{ countries: GeometryCollection }>;
    this.fit();
  }

  get transform(): ZoomTransform {
    return zoomTransform(this.element);
  }

  /** Longitude/latitude to the unzoomed map's pixels; null before the map has a size. */
  project(longitude: number, latitude: number): [number, number] | null {
    if (this.size.width === 0) return null;
    return this.projection([longitude, latitude]);
  }

  /** Zooms so the box (unzoomed pixels) fills most of the view; false when already as close as it goes. */
  zoomToBox(x0: number, y0: number, x1: number, y1: number): boolean {
    const current = this.transform.k;
    if (current >= maxZoom * 0.99) return false;
    const { width, height } = this.size;
    const fill = Math.min(width / Math.max(x1 - x0, 1e-6), height / Math.max(y1 - y0, 1e-6)) * 0.6;
    const k = Math.min(maxZoom, Math.max(current * 2, fill));
    const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
    const target = zoomIdentity.translate(width / 2, height / 2).scale(k).translate(-cx, -cy);
    this.zoomer.transform(select(this.element), target);
    return true;
  }

  zoomBy(factor: number): void {
    this.zoomer.scaleBy(select(this.element), factor);
  }

  reset(): void {
    this.zoomer.transform(select(this.element), zoomIdentity);
  }

  private fit(): void {
    const width = this.element.clientWidth;
    const height = this.element.clientHeight;
    if (width === 0 || height === 0 || !this.topology) return;
    if (width === this.size.width && height === this.size.height && this.world.childElementCount > 0) return;
    this.size = { width, height };
    this.root.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.projection.fitExtent([[8, 8], [width - 8, height - 8]], { type: "Sphere" });
    this.zoomer.extent([[0, 0], [width, height]]).translateExtent([[0, 0], [width, height]]);
    const path = geoPath(this.projection);
    const countries = this.topology.objects.countries;
    const shapes = feature(this.topology, countries).features.map((f) => {
      const p = svg("path", { class: "map-country", d: path(f) ?? "" });
      const name = (f.properties as { name?: string } | null)?.name;
      if (name) p.append(Object.assign(svg("title"), { textContent: name }));
      return p;
    });
    this.world.replaceChildren(
      svg("path", { class: "map-sphere", d: path({ type: "Sphere" }) ?? "" }),
      ...shapes,
      svg("path", { class: "map-borders", d: path(mesh(this.topology, countries, (a, b) => a !== b)) ?? "" }),
    );
    this.emit(true);
  }

  private emit(layout: boolean): void {
    for (const l of this.listeners) l(layout);
  }
}
