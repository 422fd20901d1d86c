// The Resolved view: resolved chats newest first, filtered and searched on the server and read a page at a time
// ("Show more" follows the server's cursor, so nothing repeats or goes missing while new chats arrive), the ratings
// per agent, a chat's transcript (with its notes, labels, reopen and follow-up), downloads of the current filter's
// chats as CSV, JSON or plain text, and the low ratings that need review. The filter (label and note search included)
// is kept in the URL (#resolved?label=…&note=…), so a reload or a shared link shows the same list.
import "./resolved.css";
import { h } from "../../dom";
import { analyticsHref } from "../analytics/dates";
import { AgentHubMethods, callAgentHub } from "../../protocol";
import type { DashboardContext, DashboardView } from "../context";
import { dateTime } from "../format";
import { refusalOf } from "../http";
import { agentRatingsTable } from "./agentRatings";
import { type AgentRatingStats, type ArchivedChat, type ArchivePage, exportFormats, starsText, visitorOf } from "./archiveTypes";
import { agentChoices, filterForm } from "./filters";
import { showTranscript } from "./transcriptPanel";
import { labelChips } from "../labels/labelChips";
import { needsReview } from "./needsReview";

const pageSize = 25;

export const resolvedView: DashboardView = {
  id: "resolved",
  title: "Resolved",
  mount(root: HTMLElement, ctx: DashboardContext) {
    const ratings = h("div", { class: "agent-ratings-box" });
    const exports = h("p", { class: "exports" }, "Download these chats: ");
    // Opens the Analytics view on the same dates and agent (the rating and visitor filters have no analytics match).
    const analytics = h("a", { class: "view-analytics", href: "#analytics" }, "View analytics");
    const rows = h("tbody", {});
    const status = h("p", { class: "resolved-status", role: "status" });
    const more = h("button", { type: "button", hidden: true }, "Show more");
    const transcript = h("section", { class: "transcript", "aria-label": "Transcript", hidden: true });
    const form = filterForm(ctx.labels, () => {
      // The applied filter goes into the URL (the shell reads it back through shown()).
      const state = form.state().toString();
      history.replaceState(null, "", state ? `#resolved?${state}` : "#resolved");
      void reload();
    });
    const reviews = needsReview(ctx, (sessionId) => void openById(sessionId));

    root.append(
      h("div", { class: "view-head" }, h("h2", {}, "Resolved chats"), analytics),
      h("div", { class: "resolved-side" }, ratings, reviews.element),
      form.element,
      exports,
      h("div", { class: "resolved-layout" },
        h("div", { class: "resolved-list" },
          h("table", { class: "resolved-table" },
            h("thead", {}, h("tr", {}, ...["Resolved", "Visitor", "Agent", "Labels", "Rating", "Messages", ""].map((t) => h("th", { scope: "col" }, t)))),
            rows),
          status, more),
        transcript));

    let cursor: string | null = null;
    let loading = 0;

    async function loadPage(reset: boolean): Promise<void> {
      const ticket = ++loading;
      const q = form.query();
      if (reset) {
        cursor = null;
        renderExports(q);
        const { from, to, agent } = form.choice();
        analytics.href = analyticsHref(from, to, agent);
      }
      q.set("pageSize", String(pageSize));
      if (cursor) q.set("cursor", cursor);
      status.textContent = "Loading…";
      const response = await ctx.api(`/api/archive/chats?${q}`);
      if (ticket !== loading) return; // a newer filter was applied meanwhile
      if (!response.ok) {
        status.textContent = await refusalOf(response);
        return;
      }
      const page = (await response.json()) as ArchivePage;
      if (reset) rows.replaceChildren();
      rows.append(...page.chats.map(row));
      cursor = page.nextCursor ?? null;
      more.hidden = cursor === null;
      const shown = rows.childElementCount;
      status.textContent = shown === 0 ? "No resolved chats match." : `${shown} ${shown === 1 ? "chat" : "chats"} shown${cursor ? "" : " (all)"}.`;
    }

    function row(chat: ArchivedChat): HTMLTableRowElement {
      const open = h("button", { type: "button", "aria-label": `Open transcript of the chat with ${visitorOf(chat)}` }, "Transcript");
      open.addEventListener("click", () => void showTranscript(transcript, ctx, chat));
      const r = chat.rating;
      return h("tr", { "data-session": chat.sessionId },
        h("td", {}, h("time", { datetime: chat.resolvedAt }, dateTime(chat.resolvedAt))),
        h("td", { class: "visitor" }, visitorOf(chat), ...(chat.visitorEmail && !r?.anonymous ? [h("span", { class: "muted email" }, chat.visitorEmail)] : [])),
        h("td", { class: "agent" }, chat.agent?.displayName ?? "—"),
        h("td", { class: "labels" }, labelChips(chat.labels, ctx.labels)),
        h("td", { class: "rating" }, ...(r
          ? [h("span", { class: "stars", "aria-label": `${r.stars} out of 5 stars` }, starsText(r.stars)),
             h("time", { class: "muted", datetime: r.ratedAt }, dateTime(r.ratedAt)),
             ...(r.feedback ? [h("q", { class: "feedback" }, r.feedback)] : [])]
          : [h("span", { class: "muted" }, "No rating")])),
        h("td", { class: "count" }, String(chat.messageCount)),
        h("td", {}, open));
    }

    function renderExports(q: URLSearchParams): void {
      exports.replaceChildren("Download these chats: ", ...exportFormats.map((f) => {
        const p = new URLSearchParams(q);
        p.set("format", f.format);
        return h("a", { href: `/api/archive/export?${p}`, download: "", class: "export-all", "data-format": f.format }, f.label);
      }));
    }

    async function loadRatings(): Promise<void> {
      const [statsResponse, team] = await Promise.all([
        ctx.api("/api/archive/agents"),
        callAgentHub(ctx.hub, AgentHubMethods.GetTeam).catch(() => []),
      ]);
      const stats = statsResponse.ok ? ((await statsResponse.json()) as AgentRatingStats[]) : [];
      ratings.replaceChildren(agentRatingsTable(stats));
      form.setAgents(agentChoices(team, stats));
    }

    async function reload(): Promise<void> {
      transcript.hidden = true;
      await Promise.all([loadPage(true), loadRatings(), reviews.load()]);
    }

    /** A chat named by id (a review entry): its archive row, then its transcript. */
    async function openById(sessionId: string): Promise<void> {
      const response = await ctx.api(`/api/archive/chats/${encodeURIComponent(sessionId)}`);
      if (!response.ok) return ctx.toast(await refusalOf(response), "error");
      await showTranscript(transcript, ctx, (await response.json()) as ArchivedChat);
    }

    more.addEventListener("click", () => void loadPage(false));
    // Resolved chats keep arriving: the list is read again whenever the view is shown.
    new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) void reload(); }).observe(root);
    restoreFrom = (query) => {
      const before = form.state().toString();
      form.restore(query);
      if (form.state().toString() !== before && !root.hidden) void reload();
    };
  },
  shown(query: URLSearchParams) {
    restoreFrom(query);
  },
};

/** Set by mount: fills the filter from the URL's state (a link or a reload). */
let restoreFrom: (query: URLSearchParams) => void = () => undefined;
