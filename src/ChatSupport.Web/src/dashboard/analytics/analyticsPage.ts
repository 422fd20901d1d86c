// The Analytics page itself, loaded in its own chunk the first time the view is shown (analyticsView.ts): the filter,
// "Live now", the cards, the charts with their tables, the heatmap, the per-agent table and the exports. One report
// (GET /api/analytics/report) feeds everything; the exports ask the same route's tables with the same filters. The
// "AI assistance" section (aiAssist.ts) reads the suggestion and automatic-answer counts from the agent hub instead.
import "./analytics.css";
import { h, text } from "../../dom";
import type { AnalyticsReport, TeamMember } from "../../protocol";
import { loadTeam } from "../commands";
import type { DashboardContext } from "../context";
import { agentsTable } from "./agentsTable";
import { aiAssistSection, loadAiAssist } from "./aiAssist";
import { reportCards } from "./cards";
import { ratingsChart, seriesChart } from "./charts";
import { exportLinks } from "./exports";
import { filterBar } from "./filters";
import { heatmapChart } from "./heatmap";
import { liveNowCard } from "./liveNow";
import { type AnalyticsFilter, apiQuery, filterQuery, includesToday, parseFilter, presetDates } from "./query";

/**
 * After a desk change, today's numbers (the "Today so far" facts, and the report when its range includes today) are read
 * again: a moment later (the analytics consumer takes the session's events just after the desk does), at most once per
 * refreshEveryMs, and once more refreshEveryMs later to catch an event it had not applied yet. So they are at most about
 * 1.5 s behind the desk, which is pushed (docs/analytics.md, "Live now").
 */
const refreshEveryMs = 1_000;
const settleMs = 300;

export interface AnalyticsPage { show(query: URLSearchParams): void; }

/** The route's refusal as a sentence: `{ error, message }` (or a plain "invalid_input: …" text) → the message. */
async function refusalText(response: Response): Promise<string> {
  const body = await response.text().catch(() => "");
  try {
    const json = JSON.parse(body) as { message?: string; error?: string; detail?: string; title?: string };
    const m = json.message ?? json.detail ?? json.title;
    if (m) return m;
  } catch { /* not JSON */ }
  const plain = body.trim().replace(/^[a-z_]+:\s*/, "");
  return plain && plain.length < 300 && !plain.startsWith("<") ? plain : `The server answered ${response.status}.`;
}

export function mountAnalytics(root: HTMLElement, ctx: DashboardContext): AnalyticsPage {
  let filter: AnalyticsFilter = parseFilter(new URLSearchParams());
  let team: TeamMember[] = [];
  let report: AnalyticsReport | null = null;

  const bar = filterBar((f) => apply(f), () => void load());
  const status = h("p", { class: "analytics-status muted", role: "status" });
  const error = h("p", { class: "form-error analytics-error", role: "alert" });
  const live = liveNowCard();
  const totals = h("div", { class: "analytics-totals" });
  const series = h("div", { class: "analytics-series" });
  const ratings = h("div", { class: "analytics-ratings" });
  const heatmap = h("div", { class: "analytics-heatmap" });
  const agents = h("div", { class: "analytics-agents" });
  const ai = h("div", { class: "analytics-ai" });
  const exports = { totals: h("div", {}), series: h("div", {}), heatmap: h("div", {}), agents: h("div", {}) };
  const content = h("div", { class: "analytics-content", hidden: true },
    h("section", { class: "analytics-section", "aria-labelledby": "analytics-h-totals" },
      h("div", { class: "section-head" }, h("h2", { id: "analytics-h-totals" }, "Totals"), exports.totals), totals),
    h("section", { class: "analytics-section", "aria-labelledby": "analytics-h-series" },
      h("div", { class: "section-head" }, h("h2", { id: "analytics-h-series" }, "Over time"), exports.series), series),
    h("div", { class: "analytics-pair" },
      h("section", { class: "analytics-section", "aria-labelledby": "analytics-h-ratings" },
        h("div", { class: "section-head" }, h("h2", { id: "analytics-h-ratings" }, "Satisfaction")), ratings),
      h("section", { class: "analytics-section", "aria-labelledby": "analytics-h-heatmap" },
        h("div", { class: "section-head" }, h("h2", { id: "analytics-h-heatmap" }, "Peak hours"), exports.heatmap), heatmap)),
    h("section", { class: "analytics-section", "aria-labelledby": "analytics-h-agents" },
      h("div", { class: "section-head" }, h("h2", { id: "analytics-h-agents" }, "Agents"), exports.agents), agents),
    h("section", { class: "analytics-section", "aria-labelledby": "analytics-h-ai" },
      h("div", { class: "section-head" }, h("h2", { id: "analytics-h-ai" }, "AI assistance")), ai));

  root.replaceChildren(
    h("div", { class: "view-head" }, h("h1", {}, "Analytics"), status),
    bar.element,
    error,
    h("div", { class: "analytics-layout" }, live.element, content));

  const visible = () => !root.hidden && document.visibilityState !== "hidden";
  const renderLive = () => live.render(ctx.desk.all(), team);

  let loading = 0;
  let lastFetch = 0;
  let todayTicket = 0;

  /** Today's totals for "Live now", whatever range the report shows; a failure leaves the last ones shown. */
  async function loadToday(): Promise<void> {
    const ticket = ++todayTicket;
    const dates = presetDates("today")!;
    const q = apiQuery({ range: "today", ...dates, groupBy: "hour", agent: "" });
    try {
      const response = await ctx.api(`/api/analytics/report?${q}`);
      if (!response.ok) return;
      const body = (await response.json()) as AnalyticsReport;
      if (ticket === todayTicket) live.renderToday(body.totals);
    } catch { /* the next desk change reads again */ }
  }
  let timer: ReturnType<typeof setTimeout> | null = null;

  /** The AI section for the report's filter; a failure says so there and leaves the rest of the page as it is. */
  let aiTicket = 0;
  async function loadAi(r: AnalyticsReport): Promise<void> {
    const ticket = ++aiTicket;
    const shownFor = filter;
    try {
      const figures = await loadAiAssist(ctx);
      if (ticket !== aiTicket) return;
      const names = new Map<string, string>(r.agents.map((a) => [a.agentId, a.agentName]));
      for (const t of team) names.set(t.agentId, t.displayName);
      ai.replaceChildren(aiAssistSection(figures, shownFor, names, shownFor.agent ? null : r.totals.started));
    } catch {
      if (ticket === aiTicket) ai.replaceChildren(h("p", { class: "form-error", role: "alert" }, "The AI figures could not be read."));
    }
  }

  async function load(): Promise<void> {
    const ticket = ++loading;
    lastFetch = Date.now();
    const q = apiQuery(filter);
    text(status, "Loading…");
    let response: Response;
    try {
      response = await ctx.api(`/api/analytics/report?${q}`);
    } catch {
      if (ticket === loading) fail("The server could not be reached.");
      return;
    }
    if (ticket !== loading) return; // a newer filter was applied meanwhile
    if (!response.ok) {
      fail(await refusalText(response));
      return;
    }
    let body: AnalyticsReport;
    try {
      body = (await response.json()) as AnalyticsReport;
    } catch {
      fail("The report could not be read.");
      return;
    }
    if (ticket !== loading) return;
    report = body;
    render(body, q);
  }

  function fail(message: string): void {
    text(error, `The report could not be shown: ${message}`);
    text(status, "");
    content.hidden = true;
  }

  function render(r: AnalyticsReport, q: URLSearchParams): void {
    text(error, "");
    totals.replaceChildren(reportCards(r));
    series.replaceChildren(seriesChart(r));
    ratings.replaceChildren(ratingsChart(r));
    heatmap.replaceChildren(heatmapChart(r.heatmap));
    agents.replaceChildren(agentsTable(r.agents));
    void loadAi(r);
    for (const table of ["totals", "series", "heatmap", "agents"] as const) exports[table].replaceChildren(exportLinks(table, q));
    bar.setAgents(team, r.agents);
    const range = r.from === r.to ? r.from : `${r.from} to ${r.to}`;
    const who = r.agentId ? ` · ${r.agents.find((a) => a.agentId === r.agentId)?.agentName ?? r.agentId}` : "";
    text(status, `${range} · ${r.timeZone} · by ${r.groupBy}${who}`);
    content.hidden = false;
  }

  function writeHash(): void {
    const hash = `#analytics?${filterQuery(filter)}`;
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }

  function apply(f: AnalyticsFilter): void {
    filter = f;
    writeHash();
    void load();
  }

  let settleReads = 0;
  function scheduleRefresh(again = false): void {
    if (!again) settleReads = 1;
    if (timer !== null || !visible()) return;
    timer = setTimeout(() => {
      timer = null;
      if (!visible()) return;
      lastFetch = Date.now();
      void loadToday();
      if (includesToday(filter)) void load();
      void loadTeam(ctx).then((t) => { team = t; renderLive(); });
      if (settleReads > 0) {
        settleReads--;
        scheduleRefresh(true);
      }
    }, Math.max(again ? 0 : settleMs, lastFetch + refreshEveryMs - Date.now()));
  }

  let first = true;
  ctx.desk.subscribe(() => {
    renderLive();
    if (first) first = false;
    else scheduleRefresh();
  });
  // The longest wait keeps growing while someone waits.
  setInterval(() => { if (visible() && ctx.desk.all().some((x) => x.status === "waiting_for_agent")) renderLive(); }, 1_000);

  void loadTeam(ctx).then((t) => {
    team = t;
    renderLive();
    if (report) bar.setAgents(team, report.agents);
    else bar.setAgents(team, []);
    bar.set(filter);
  });

  return {
    show(query) {
      // A link's filter wins; otherwise the page keeps its own (a preset's dates recomputed: the day may have turned).
      filter = parseFilter([...query.keys()].length > 0 ? query : filterQuery(filter));
      bar.set(filter);
      writeHash();
      renderLive();
      void load();
      void loadToday();
    },
  };
}
