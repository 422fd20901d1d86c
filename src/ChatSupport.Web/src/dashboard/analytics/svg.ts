// SVG elements built with DOM calls (no markup), and the "chart + table" frame every chart uses: the picture is an
// img with a short summary for screen readers, and the same numbers sit in a table inside a <details> right below.
import { h } from "../../dom";

const NS = "http://www.w3.org/2000/svg";

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(typeof c === "string" ? document.createTextNode(c) : c);
  return el;
}

export interface TableSpec {
  caption: string;
  head: string[];
  rows: (string | number)[][];
  /** The first cell of each row is a row header. */
  rowHeaders?: boolean;
}

export function dataTable(spec: TableSpec, cls = ""): HTMLTableElement {
  return h("table", { class: `analytics-table ${cls}`.trim() },
    h("caption", {}, spec.caption),
    h("thead", {}, h("tr", {}, ...spec.head.map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...spec.rows.map((r) => h("tr", {}, ...r.map((c, i) =>
      i === 0 && spec.rowHeaders !== false ? h("th", { scope: "row" }, String(c)) : h("td", {}, String(c)))))));
}

let ids = 0;

/** A figure: title, the picture (role=img, summarized in words), an optional legend, and the table alternative. */
export function chartFigure(cls: string, title: string, summary: string, picture: SVGSVGElement | HTMLElement, table: TableSpec, legend?: HTMLElement): HTMLElement {
  const titleId = `analytics-chart-${++ids}`;
  const summaryId = `${titleId}-summary`;
  picture.setAttribute("role", "img");
  picture.setAttribute("aria-labelledby", `${titleId} ${summaryId}`);
  return h("figure", { class: `analytics-chart ${cls}`, "aria-labelledby": titleId },
    h("figcaption", {}, h("h3", { id: titleId }, title), h("p", { id: summaryId, class: "muted small chart-summary" }, summary)),
    ...(legend ? [legend] : []),
    picture,
    h("details", { class: "chart-table" }, h("summary", {}, `${title}: as a table`), dataTable(table)));
}
