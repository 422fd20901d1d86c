// The live session list: waiting customers first (longest wait on top, wait time ticking), then the rest, newest
// first. Filter by status; every row shows who, where, which page and browser, the wait, the agent and the AI
// confidence. Rows are keyed by session id and reused, so a live update never steals focus from a button.
// Open rows have a checkbox: "Close selected" closes those chats at once (a flood of empty chats, spam), as resolved
// by the agent who clicked. The desk comes 200 rows at a time: "Load more" reads the next page. Each row shows the
// chat's labels; the label filter narrows the list to one label (with the status filter).
import { h, text } from "../../dom";
import { assignToMe, closeChats } from "../commands";
import type { DashboardContext, DashboardView } from "../context";
import type { ChatStatus, SessionSummary } from "../../protocol";
import { browserLabel, duration, locationLabel, pageLabel, visitorLabel, waitOf } from "../format";
import { statusBadge } from "../statusBadge";
import { labelChips } from "../labels/labelChips";
import { labelFilter } from "../labels/labelFilter";
import { orderBySoonestTarget, targetCountdown } from "../targets/targetClock";

type Filter = "open" | ChatStatus;

const filters: [Filter, string][] = [
  ["open", "All open"],
  ["waiting_for_agent", "Waiting"],
  ["assigned_to_agent", "Assigned"],
  ["active_chat", "Active"],
  ["resolved", "Resolved"],
];

/** "AI" header clicked: most confident first (chats not yet assessed last), else the desk's own order. */
export function orderByConfidence(sessions: SessionSummary[]): SessionSummary[] {
  return [...sessions].sort((a, b) => (b.aiConfidence ?? -1) - (a.aiConfidence ?? -1));
}

export function orderForDesk(sessions: SessionSummary[]): SessionSummary[] {
  const waiting = sessions.filter((s) => s.status === "waiting_for_agent").sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const rest = sessions.filter((s) => s.status !== "waiting_for_agent").sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return [...waiting, ...rest];
}

export const queueView: DashboardView = {
  id: "queue",
  title: "Queue",
  mount(root: HTMLElement, ctx: DashboardContext) {
    let filter: Filter = "open";
    let byConfidence = false;
    let bySoonestTarget = false;
    // Each row's target countdown, repainted every second with the wait.
    const countdowns = new Map<string, ReturnType<typeof targetCountdown>>();
    const rows = new Map<string, HTMLTableRowElement>();
    const waits = new Map<string, HTMLElement>();
    const rendered = new Map<string, string>(); // the summary each row shows: an unchanged row is left alone
    const selected = new Set<string>();
    const boxes = new Map<string, HTMLInputElement>();

    const filterBar = h("fieldset", { class: "filters" }, h("legend", {}, "Show"));
    for (const [value, label] of filters) {
      const input = h("input", { type: "radio", name: "queue-filter", value, checked: value === filter });
      input.addEventListener("change", () => {
        filter = value;
        render();
      });
      filterBar.append(h("label", { class: `filter filter-${value}` }, input, label));
    }

    const byLabel = labelFilter(ctx.labels, "queue-label", () => render());
    filterBar.append(byLabel.element);

    const count = h("p", { class: "queue-count", role: "status", "aria-live": "polite" });
    const closeSelected = h("button", { type: "button", class: "close-selected", disabled: true }, "Close selected");
    closeSelected.addEventListener("click", () => {
      const ids = [...selected];
      if (ids.length === 0) return;
      closeSelected.disabled = true;
      void closeChats(ctx, ids).then(() => {
        for (const id of ids) selected.delete(id);
        render();
      });
    });
    const loadMore = h("button", { type: "button", class: "load-more" }, "Load more");
    loadMore.addEventListener("click", () => {
      loadMore.disabled = true;
      void ctx.desk.loadMore().finally(() => { loadMore.disabled = false; render(); });
    });
    const body = h("tbody");
    const empty = h("p", { class: "empty" }, "No chats here right now.");
    const aiSort = h("button", { type: "button", class: "sort-ai", "aria-label": "Sort by AI confidence" }, "AI");
    const aiHeader = h("th", { scope: "col", "aria-sort": "none" }, aiSort);
    const targetSort = h("button", { type: "button", class: "sort-target", "aria-label": "Sort by soonest target" }, "Target");
    const targetHeader = h("th", { scope: "col", "aria-sort": "none" }, targetSort);
    aiSort.addEventListener("click", () => {
      byConfidence = !byConfidence;
      bySoonestTarget = false;
      aiHeader.setAttribute("aria-sort", byConfidence ? "descending" : "none");
      targetHeader.setAttribute("aria-sort", "none");
      render();
    });
    targetSort.addEventListener("click", () => {
      bySoonestTarget = !bySoonestTarget;
      byConfidence = false;
      targetHeader.setAttribute("aria-sort", bySoonestTarget ? "ascending" : "none");
      aiHeader.setAttribute("aria-sort", "none");
      render();
    });
    const table = h("table", { class: "queue", "aria-label": "Chat sessions" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Select"), ...["Status", "Visitor", "Labels", "Location", "Page", "Browser", "Wait"].map((c) => h("th", { scope: "col" }, c)),
        targetHeader, h("th", { scope: "col" }, "Agent"), aiHeader, h("th", { scope: "col" }, "Actions"))),
      body);
    root.append(h("div", { class: "view-head" }, h("h1", {}, "Live chats"), count), filterBar, h("div", { class: "bulk-actions" }, closeSelected), table, loadMore, empty);

    function row(s: SessionSummary): HTMLTableRowElement {
      let tr = rows.get(s.sessionId);
      if (!tr) {
        tr = h("tr", { "data-session-id": s.sessionId });
        tr.addEventListener("click", (e) => {
          if (!(e.target as Element).closest("button, input")) ctx.showDetails(s.sessionId);
        });
        rows.set(s.sessionId, tr);
      }
      const key = JSON.stringify(s) + labelsKey;
      if (rendered.get(s.sessionId) === key) return tr;
      rendered.set(s.sessionId, key);
      const wait = h("td", { class: "wait" }, duration(waitOf(s, Date.now())));
      waits.set(s.sessionId, wait);
      const countdown = targetCountdown();
      countdown.update(s.targets, Date.now());
      countdowns.set(s.sessionId, countdown);
      const name = visitorLabel(s.visitorId, s.visitor);
      const actions = h("td", { class: "actions" });
      if (s.status === "waiting_for_agent") {
        const assign = h("button", { type: "button", class: "primary", "aria-label": `Assign to Me: ${name}` }, "Assign to Me");
        assign.addEventListener("click", () => void assignToMe(ctx, s.sessionId).then((ok) => ok && ctx.openChat(s.sessionId)));
        actions.append(assign);
      }
      if (s.status !== "resolved") {
        const open = h("button", { type: "button", "aria-label": `Open chat with ${name}` }, "Open chat");
        open.addEventListener("click", () => ctx.openChat(s.sessionId));
        actions.append(open);
      }
      const details = h("button", { type: "button", "aria-label": `Details of ${name}` }, "Details");
      details.addEventListener("click", () => ctx.showDetails(s.sessionId));
      actions.append(details);

      tr.dataset.status = s.status;
      const pick = h("td", { class: "select" });
      if (s.status !== "resolved") {
        let box = boxes.get(s.sessionId);
        if (!box) {
          box = h("input", { type: "checkbox", "aria-label": `Select ${name}` });
          const id = s.sessionId;
          box.addEventListener("change", () => {
            if (box!.checked) selected.add(id);
            else selected.delete(id);
            updateBulk();
          });
          boxes.set(s.sessionId, box);
        }
        box.checked = selected.has(s.sessionId);
        pick.append(box);
      }
      tr.replaceChildren(
        pick,
        // A chat left outside working hours says so beside its status: it waits for an answer, not for a live agent.
        s.offlineMessage ? h("td", {}, statusBadge(s.status), " ", h("span", { class: "offline-message" }, "Offline message")) : h("td", {}, statusBadge(s.status)),
        h("td", { class: "visitor" }, name),
        h("td", { class: "labels" }, labelChips(s.labels, ctx.labels)),
        h("td", {}, locationLabel(s.visitor)),
        h("td", { class: "page", title: s.visitor?.pageUrl ?? "" }, pageLabel(s.visitor)),
        h("td", {}, browserLabel(s.visitor)),
        wait,
        h("td", { class: "target-cell" }, countdown.element),
        h("td", { class: "agent" }, s.assignedAgent?.displayName ?? "—"),
        h("td", { class: "ai-confidence" }, s.aiConfidence == null ? "—" : `${Math.round(s.aiConfidence * 100)}%`),
        actions,
      );
      return tr;
    }

    function render(): void {
      const all = byConfidence ? orderByConfidence(ctx.desk.all()) : bySoonestTarget ? orderBySoonestTarget(ctx.desk.all()) : orderForDesk(ctx.desk.all());
      const shown = all.filter((s) => (filter === "open" ? s.status !== "resolved" : s.status === filter) && byLabel.passes(s));
      const keep = new Set(shown.map((s) => s.sessionId));
      for (const [id, tr] of rows) if (!keep.has(id)) { tr.remove(); rows.delete(id); waits.delete(id); countdowns.delete(id); rendered.delete(id); boxes.delete(id); }
      // A chat that closed (or is not shown) is not selected any more: "Close selected" closes what the agent sees.
      for (const id of selected) if (!keep.has(id) || ctx.desk.get(id)?.status === "resolved") selected.delete(id);
      const hadFocus = document.activeElement;
      shown.forEach((s, i) => {
        const tr = row(s);
        if (body.children[i] !== tr) body.insertBefore(tr, body.children[i] ?? null);
      });
      if (hadFocus instanceof HTMLElement && !document.contains(hadFocus)) body.querySelector<HTMLElement>("button")?.focus();
      const counts = ctx.desk.counts();
      text(count, `${counts.waiting} waiting · ${counts.open} open`);
      empty.hidden = shown.length > 0;
      table.hidden = shown.length === 0;
      loadMore.hidden = !ctx.desk.hasMore();
      updateBulk();
    }

    function updateBulk(): void {
      closeSelected.disabled = selected.size === 0;
      text(closeSelected, selected.size === 0 ? "Close selected" : `Close selected (${selected.size})`);
    }

    // A renamed or recoloured label redraws the rows (their key includes the labels' version).
    let labelsKey = "";
    ctx.labels.subscribe(() => { labelsKey = JSON.stringify(ctx.labels.all()); render(); });
    ctx.desk.subscribe(render);
    // Wait times tick every second without rebuilding rows.
    setInterval(() => {
      const now = Date.now();
      for (const [id, cell] of waits) {
        const s = ctx.desk.get(id);
        if (s?.status === "waiting_for_agent") text(cell, duration(waitOf(s, now)));
      }
      for (const [id, countdown] of countdowns) countdown.update(ctx.desk.get(id)?.targets, now);
    }, 1_000);
  },
};
