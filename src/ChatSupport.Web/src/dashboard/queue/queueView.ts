// The live session list: waiting customers first (longest wait on top, wait time ticking), then the rest, newest
// first. Filter by status; every row shows who, where, which page and browser, the wait, the agent and the AI
// confidence. Rows are keyed by session id and reused, so a live update never steals focus from a button.
// Open rows have a checkbox: "Close selected" closes those chats at once (a flood of empty chats, spam), as resolved
// by the agent who clicked. The desk comes 200 rows at a time: "Load more" reads the next page. Each row shows the
// chat's labels; the label filter narrows the list to one label (with the status filter).
// The workspace (workspace/) adds: the folder chosen in the side navigation (My chats: mine, waiting on my reply first;
// Unassigned; All open), the search box's words, the newest message of each chat with its unread count and a mark while
// a visitor message waits for an answer, and the keyboard's cursor (j/k) on the rows.
import { h, text } from "../../dom";
import { assignToMe, closeChats } from "../commands";
import type { DashboardContext, DashboardView } from "../context";
import type { ChatStatus, SessionSummary } from "../../protocol";
import { browserLabel, duration, locationLabel, pageLabel, visitorLabel, waitOf } from "../format";
import { statusBadge } from "../statusBadge";
import { labelChips } from "../labels/labelChips";
import { labelFilter } from "../labels/labelFilter";
import { awaitsReply, folderTitles, inFolder, orderMine } from "../workspace/folders";
import { matchesSearch } from "../workspace/search";
import type { Folder } from "../workspace/workspaceState";
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

let showFolder: (folder: Folder) => void = () => undefined;

export const queueView: DashboardView = {
  id: "queue",
  title: "Queue",
  shown(query: URLSearchParams) {
    const folder = query.get("folder");
    showFolder(folder === "mine" || folder === "unassigned" ? folder : "all");
  },
  mount(root: HTMLElement, ctx: DashboardContext) {
    const ws = ctx.workspace;
    const stored = ws.state.get().status;
    let filter: Filter = filters.some(([f]) => f === stored) ? (stored as Filter) : "open";
    let folder: Folder = ws.state.get().folder;
    let shownIds: string[] = [];
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
        ws.state.update({ status: value });
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
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Select"), ...["Status", "Visitor", "Last message", "Labels", "Location", "Page", "Browser", "Wait"].map((c) => h("th", { scope: "col", class: `col-${c.toLowerCase().replace(" ", "-")}` }, c)),
        targetHeader, h("th", { scope: "col", class: "col-agent" }, "Agent"), aiHeader, h("th", { scope: "col" }, "Actions"))),
      body);
    const heading = h("h1", {}, "Live chats");
    root.append(h("div", { class: "view-head" }, heading, count), filterBar, h("div", { class: "bulk-actions" }, closeSelected), table, loadMore, empty);

    function row(s: SessionSummary): HTMLTableRowElement {
      let tr = rows.get(s.sessionId);
      if (!tr) {
        tr = h("tr", { "data-session-id": s.sessionId, tabindex: "-1" });
        tr.addEventListener("click", (e) => {
          ws.cursor.set(s.sessionId);
          if (!(e.target as Element).closest("button, input")) ctx.showDetails(s.sessionId);
        });
        rows.set(s.sessionId, tr);
      }
      const unread = ws.unread.of(s);
      const key = JSON.stringify(s) + labelsKey + unread;
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
      tr.dataset.awaiting = String(awaitsReply(s));
      const last = h("td", { class: "last-message" });
      if (awaitsReply(s)) last.append(h("span", { class: "awaiting" }, "Awaiting reply"), " ");
      if (unread > 0) last.append(h("span", { class: "unread", "aria-label": `${unread} unread` }, String(unread)), " ");
      if (s.lastMessage) last.append(h("span", { class: "preview", title: s.lastMessage.text }, `${s.lastMessage.sender === "agent" ? "Agent: " : ""}${s.lastMessage.text}`));
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
        last,
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
      const ordered = byConfidence ? orderByConfidence(ctx.desk.all()) : bySoonestTarget ? orderBySoonestTarget(ctx.desk.all()) : orderForDesk(ctx.desk.all());
      const all = folder === "mine" && !byConfidence && !bySoonestTarget ? orderMine(ordered) : ordered;
      const words = ws.searchWords();
      const shown = all.filter((s) => (filter === "open" ? s.status !== "resolved" : s.status === filter) && byLabel.passes(s)
        && (folder === "all" || inFolder(s, folder, ctx.me.username)) && matchesSearch(s, words));
      shownIds = shown.map((s) => s.sessionId);
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
      text(heading, folder === "all" ? "Live chats" : folderTitles[folder]);
      markCurrent(ws.cursor.current);
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
    ws.onSearch(render);
    ws.unread.subscribe(render);

    // The keyboard's cursor: j/k walk the rows shown; the current row is marked and focused.
    function markCurrent(id: string | null): void {
      for (const [rid, tr] of rows) tr.classList.toggle("current", rid === id);
    }
    ws.cursor.attach(() => shownIds, (id) => {
      const tr = rows.get(id);
      tr?.focus();
      tr?.scrollIntoView({ block: "nearest" });
      ctx.showDetails(id);
      tr?.focus();
    });
    ws.cursor.subscribe(markCurrent);
    showFolder = (next) => {
      folder = next;
      ws.state.update({ folder: next });
      render();
    };
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
