// The charts: chats per group over the range (started, resolved, abandoned: three lines, told apart by color and dash
// as well), and the ratings' 1–5 distribution as bars. Drawn as SVG with d3-scale and d3-shape, sized by a viewBox so
// they fit the column they sit in.
import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { h } from "../../dom";
import type { AnalyticsReport, AnalyticsSeriesPoint } from "../../protocol";
import { bucketLabel, count, humanDuration, none, percent } from "./numbers";
import { chartFigure, s } from "./svg";

const seriesLines: { key: "started" | "resolved" | "abandoned"; label: string; color: string; dash: string }[] = [
  { key: "started", label: "Started", color: "#1d4ed8", dash: "" },
  { key: "resolved", label: "Resolved", color: "#15803d", dash: "6 3" },
  { key: "abandoned", label: "Abandoned", color: "#b91c1c", dash: "2 3" },
];

const W = 640;
const H = 240;
const M = { top: 12, right: 16, bottom: 28, left: 40 };

function legend(items: { label: string; color: string; dash: string }[]): HTMLElement {
  return h("ul", { class: "chart-legend", "aria-hidden": "true" }, ...items.map((i) => {
    const mark = s("svg", { width: 28, height: 10, "aria-hidden": "true", focusable: "false" },
      s("line", { x1: 0, y1: 5, x2: 28, y2: 5, stroke: i.color, "stroke-width": 3, ...(i.dash ? { "stroke-dasharray": i.dash } : {}) }));
    return h("li", {}, mark, i.label);
  }));
}

function yAxis(y: ReturnType<typeof scaleLinear<number, number>>): SVGGElement {
  const g = s("g", { class: "axis axis-y" });
  for (const t of y.ticks(5).filter(Number.isInteger)) {
    g.append(
      s("line", { x1: M.left, x2: W - M.right, y1: y(t), y2: y(t), class: "grid" }),
      s("text", { x: M.left - 6, y: y(t), dy: "0.32em", "text-anchor": "end" }, count(t)));
  }
  return g;
}

export function seriesChart(report: AnalyticsReport): HTMLElement {
  const points = report.series;
  const max = Math.max(1, ...points.flatMap((p) => seriesLines.map((l) => p[l.key])));
  const x = scaleLinear().domain([0, Math.max(1, points.length - 1)]).range([M.left, W - M.right]);
  const y = scaleLinear().domain([0, max]).nice().range([H - M.bottom, M.top]);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart-svg series-svg", focusable: "false" }, yAxis(y));

  // About six labels along the bottom, whatever the number of groups.
  const every = Math.max(1, Math.ceil(points.length / 6));
  const xAxis = s("g", { class: "axis axis-x" });
  points.forEach((p, i) => {
    if (i % every === 0) xAxis.append(s("text", { x: x(i), y: H - 8, "text-anchor": "middle" }, bucketLabel(p.start, report.groupBy, true)));
  });
  svg.append(xAxis);

  for (const l of seriesLines) {
    const path = line<AnalyticsSeriesPoint>().x((_, i) => x(i)).y((p) => y(p[l.key]))(points) ?? "";
    svg.append(s("path", { d: path, fill: "none", stroke: l.color, "stroke-width": 2.5, class: `line line-${l.key}`, ...(l.dash ? { "stroke-dasharray": l.dash } : {}) }));
    if (points.length <= 60) {
      for (const [i, p] of points.entries()) svg.append(s("circle", { cx: x(i), cy: y(p[l.key]), r: 2.5, fill: l.color }));
    }
  }

  const sum = (k: "started" | "resolved" | "abandoned") => points.reduce((a, p) => a + p[k], 0);
  const peak = points.reduce<AnalyticsSeriesPoint | null>((best, p) => (!best || p.started > best.started ? p : best), null);
  const summary = points.length === 0 ? "No groups in this range."
    : `${points.length} ${report.groupBy === "hour" ? "hours" : report.groupBy === "day" ? "days" : "weeks"}: ${count(sum("started"))} started, ${count(sum("resolved"))} resolved, ${count(sum("abandoned"))} abandoned`
      + (peak && peak.started > 0 ? `; most started ${bucketLabel(peak.start, report.groupBy)} (${count(peak.started)}).` : ".");

  return chartFigure("chart-series", "Chats over time", summary, svg, {
    caption: `Chats per ${report.groupBy}`,
    head: ["Start", "Started", "Assigned", "Resolved", "Abandoned", "Missed", "Reopened", "First response (median)", "Resolution (median)", "Ratings", "CSAT"],
    rows: points.map((p) => [bucketLabel(p.start, report.groupBy), p.started, p.assigned, p.resolved, p.abandoned, p.missed, p.reopened ?? 0,
      humanDuration(p.firstResponseMedian), humanDuration(p.resolutionMedian), p.ratings, percent(p.csat)]),
  }, legend(seriesLines));
}

export function ratingsChart(report: AnalyticsReport): HTMLElement {
  const dist = [1, 2, 3, 4, 5].map((n) => report.satisfaction.distribution[n - 1] ?? 0);
  const total = dist.reduce((a, b) => a + b, 0);
  const w = 360;
  const hgt = 180;
  const m = { top: 16, right: 8, bottom: 24, left: 8 };
  const x = scaleBand<number>().domain([1, 2, 3, 4, 5]).range([m.left, w - m.right]).padding(0.25);
  const y = scaleLinear().domain([0, Math.max(1, ...dist)]).range([hgt - m.bottom, m.top]);
  const colors = ["#b91c1c", "#c2410c", "#a16207", "#4d7c0f", "#15803d"];
  const svg = s("svg", { viewBox: `0 0 ${w} ${hgt}`, class: "chart-svg ratings-svg", focusable: "false" });
  dist.forEach((n, i) => {
    const stars = i + 1;
    svg.append(
      s("rect", { x: x(stars)!, y: y(n), width: x.bandwidth(), height: Math.max(0, hgt - m.bottom - y(n)), fill: colors[i], rx: 2 }),
      s("text", { x: x(stars)! + x.bandwidth() / 2, y: y(n) - 4, "text-anchor": "middle" }, count(n)),
      s("text", { x: x(stars)! + x.bandwidth() / 2, y: hgt - 6, "text-anchor": "middle" }, `${stars} ★`));
  });
  const summary = total === 0 ? "No ratings in this range."
    : dist.map((n, i) => `${i + 1} star${i ? "s" : ""}: ${count(n)}`).join(", ") + ".";
  return chartFigure("chart-ratings", "Ratings", summary, svg, {
    caption: "Ratings by stars",
    head: ["Stars", "Ratings", "Share"],
    rows: dist.map((n, i) => [`${i + 1} ★`, n, total ? percent(n / total) : none]),
  });
}
