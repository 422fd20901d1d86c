// The week's rhythm: chats started per local weekday (Monday first) × hour, darker where busier, the three busiest
// hours in words above it, and the 7 × 24 numbers in a table below.
import { scaleLinear } from "d3-scale";
import { h } from "../../dom";
import type { AnalyticsHeatmap } from "../../protocol";
import { count } from "./numbers";
import { chartFigure, s } from "./svg";

const hours = Array.from({ length: 24 }, (_, i) => i);
const hourLabel = (i: number) => `${String(i).padStart(2, "0")}:00`;

export function heatmapChart(heatmap: AnalyticsHeatmap): HTMLElement {
  const days = heatmap.days.length === 7 ? heatmap.days : ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  const grid = days.map((_, d) => hours.map((hr) => heatmap.started[d]?.[hr] ?? 0));
  const max = Math.max(0, ...grid.flat());
  const color = scaleLinear<string>().domain([0, Math.max(1, max)]).range(["#eff6ff", "#1e3a8a"]);

  const cell = 22;
  const left = 44;
  const top = 18;
  const w = left + 24 * cell + 4;
  const hgt = top + 7 * cell + 4;
  const svg = s("svg", { viewBox: `0 0 ${w} ${hgt}`, class: "chart-svg heatmap-svg", focusable: "false" });
  for (const hr of hours) {
    if (hr % 3 === 0) svg.append(s("text", { x: left + hr * cell + cell / 2, y: top - 6, "text-anchor": "middle" }, String(hr).padStart(2, "0")));
  }
  grid.forEach((row, d) => {
    svg.append(s("text", { x: left - 6, y: top + d * cell + cell / 2, dy: "0.32em", "text-anchor": "end" }, days[d].slice(0, 3)));
    row.forEach((n, hr) => {
      svg.append(s("rect", { x: left + hr * cell + 1, y: top + d * cell + 1, width: cell - 2, height: cell - 2, rx: 2,
        fill: n === 0 ? "#f9fafb" : color(n), stroke: "#d1d5db", "stroke-width": 0.5, "data-day": d, "data-hour": hr, "data-count": n },
        s("title", {}, `${days[d]} ${hourLabel(hr)}: ${count(n)}`)));
    });
  });

  const busiest = heatmap.busiest.filter(Boolean);
  const words = max === 0 ? "No chats started in this range." : `Busiest: ${busiest.join(", ")}.`;
  const figure = chartFigure("chart-heatmap", "Chats started by weekday and hour", words, svg, {
    caption: "Chats started by weekday (rows) and hour (columns)",
    head: ["Day", ...hours.map((hr) => String(hr).padStart(2, "0"))],
    rows: grid.map((row, d) => [days[d], ...row]),
  });
  figure.querySelector(".chart-summary")!.classList.add("busiest");
  figure.append(h("p", { class: "muted small heat-scale", "aria-hidden": "true" }, `Lighter: fewer · darker: more (most in one hour: ${count(max)})`));
  return figure;
}
