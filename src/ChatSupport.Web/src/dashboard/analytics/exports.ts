// Downloads of one table of the report (GET /api/analytics/export?table=…&format=…&same filters), as the Resolved
// view's: plain links the browser downloads with the sign-in cookie.
import { h } from "../../dom";
import type { AnalyticsExportFormat, AnalyticsTable } from "../../protocol";

const formats: { format: AnalyticsExportFormat; label: string }[] = [{ format: "csv", label: "CSV" }, { format: "json", label: "JSON" }];

const tableNames: Record<AnalyticsTable, string> = { totals: "totals", series: "chats over time", heatmap: "weekday × hour", agents: "per-agent" };

export function exportLinks(table: AnalyticsTable, filters: URLSearchParams): HTMLElement {
  return h("p", { class: "analytics-exports", "data-table": table }, "Download: ", ...formats.flatMap((f, i) => {
    const q = new URLSearchParams({ table, format: f.format });
    for (const [k, v] of filters) q.set(k, v);
    const link = h("a", { href: `/api/analytics/export?${q}`, download: "", class: "analytics-export", "data-table": table, "data-format": f.format,
      "aria-label": `Download the ${tableNames[table]} table as ${f.label}` }, f.label);
    return i === 0 ? [link] : [" · ", link];
  }));
}
