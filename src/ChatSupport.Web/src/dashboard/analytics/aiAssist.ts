// The Analytics view's "AI assistance" section: what agents did with the mini chat's suggestions (shown, used as is,
// edited, ignored, and the use rate) and the automatic first answers (sent, and handed off to a person), for the
// view's period and agent. The counts are kept per UTC day (GetSuggestionStats, GetAutomaticAnswerStats, the last 90
// days), so the period here is the UTC days from the filter's first to its last date (docs/analytics.md).
import { h } from "../../dom";
import { AgentHubMethods, callAgentHub, type AutomaticAnswerStats, type SuggestionStats } from "../../protocol";
import type { DashboardContext } from "../context";
import type { AnalyticsFilter } from "./query";
import { count, none, percent } from "./numbers";

interface SuggestionTotals { shown: number; used: number; edited: number; ignored: number; }

export interface AiAssistFigures { suggestions: SuggestionStats[]; automatic: AutomaticAnswerStats[]; }

export async function loadAiAssist(ctx: DashboardContext): Promise<AiAssistFigures> {
  const [suggestions, automatic] = await Promise.all([
    callAgentHub(ctx.hub, AgentHubMethods.GetSuggestionStats),
    callAgentHub(ctx.hub, AgentHubMethods.GetAutomaticAnswerStats),
  ]);
  return { suggestions, automatic };
}

const inPeriod = (day: string, f: AnalyticsFilter) => f.from <= day && day <= f.to;

function add(t: SuggestionTotals, s: SuggestionTotals): SuggestionTotals {
  return { shown: t.shown + s.shown, used: t.used + s.used, edited: t.edited + s.edited, ignored: t.ignored + s.ignored };
}

const zero: SuggestionTotals = { shown: 0, used: 0, edited: 0, ignored: 0 };

/** The share of the suggestions shown that the agent sent, as is or edited (docs/analytics.md); null when none was shown. */
function useRate(t: SuggestionTotals): number | null {
  return t.shown === 0 ? null : (t.used + t.edited) / t.shown;
}

function card(metric: string, title: string, value: string, hint: string): HTMLElement {
  const id = `analytics-card-ai-${metric}`;
  return h("section", { class: "analytics-card", "data-metric": `ai-${metric}`, "aria-labelledby": id },
    h("h3", { id }, title), h("p", { class: "value" }, value), h("p", { class: "muted small" }, hint));
}

/**
 * The cards and the per-agent table for the filter. names: agent id → display name (the team and the report);
 * chatsStarted: the report's chats started in the period, for the automatic answers' share (null with an agent
 * filter: automatic answers belong to no agent, so they are shown for the whole team and without a share).
 */
export function aiAssistSection(figures: AiAssistFigures, f: AnalyticsFilter, names: Map<string, string>, chatsStarted: number | null): HTMLElement {
  const rows = figures.suggestions.filter((s) => inPeriod(s.day, f) && (!f.agent || s.agentId === f.agent));
  const perAgent = new Map<string, SuggestionTotals>();
  for (const s of rows) perAgent.set(s.agentId, add(perAgent.get(s.agentId) ?? zero, s));
  const totals = [...perAgent.values()].reduce(add, zero);
  const automatic = figures.automatic.filter((a) => inPeriod(a.day, f));
  const sent = automatic.reduce((n, a) => n + a.sent, 0);
  const handedOff = automatic.reduce((n, a) => n + a.handedOff, 0);

  const cards = h("div", { class: "analytics-cards" },
    h("div", { class: "card-row ai-suggestions", role: "group", "aria-label": "Suggestions" },
      card("shown", "Suggestions shown", count(totals.shown), "confident suggestions shown beside a reply"),
      card("used", "Used as is", count(totals.used), "sent exactly as suggested"),
      card("edited", "Edited", count(totals.edited), "put into the composer, changed, then sent"),
      card("ignored", "Ignored", count(totals.ignored), "answered in the agent's own words"),
      card("useRate", "Use rate", percent(useRate(totals)), "used as is or edited, of the suggestions shown")),
    h("div", { class: "card-row ai-automatic", role: "group", "aria-label": "Automatic first answers" },
      card("automaticSent", "Automatic first answers", count(sent), chatsStarted === null
        ? "sent to waiting visitors (whole team: they belong to no agent); never agent replies"
        : `sent to waiting visitors: ${chatsStarted === 0 ? none : percent(sent / chatsStarted)} of chats started; never agent replies`),
      card("handedOff", "Hand-offs to a person", count(handedOff),
        `pressed "Talk to a person": ${sent === 0 ? none : percent(handedOff / sent)} of automatic answers`)));

  const agents = [...perAgent].sort((a, b) => (names.get(a[0]) ?? a[0]).localeCompare(names.get(b[0]) ?? b[0]));
  const table = agents.length === 0
    ? h("p", { class: "muted" }, `No suggestion was shown in this range. ${none}`)
    : h("table", { class: "analytics-table ai-agents-table" },
      h("caption", {}, "Suggestions per agent"),
      h("thead", {}, h("tr", {}, ...["Agent", "Shown", "Used as is", "Edited", "Ignored", "Use rate"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, ...agents.map(([id, t]) => h("tr", { "data-agent": id },
        h("th", { scope: "row" }, names.get(id) ?? id),
        h("td", { class: "shown" }, count(t.shown)),
        h("td", { class: "used" }, count(t.used)),
        h("td", { class: "edited" }, count(t.edited)),
        h("td", { class: "ignored" }, count(t.ignored)),
        h("td", { class: "use-rate" }, percent(useRate(t)))))));
  return h("div", {}, cards, table);
}
