// The resolved-chats filter form: date range, ratings, visitor search, agent, label and a search of the private notes.
// It turns into the query string the list route and the export route share, so an export holds exactly what the list
// shows, and into the view's URL (#resolved?…: the form as typed), so a reload or a shared link shows the same filter.
import { h } from "../../dom";
import type { LabelStore } from "../labels/labelStore";
import { labelFilter } from "../labels/labelFilter";
import type { AgentRatingStats } from "./archiveTypes";

export interface FilterForm {
  element: HTMLFormElement;
  /** The query string of the current filter (without cursor or format). */
  query(): URLSearchParams;
  /** The form's local dates (yyyy-MM-dd, or "") and agent id, as typed: the "View analytics" link carries them. */
  choice(): { from: string; to: string; agent: string };
  setAgents(agents: { agentId: string; name: string }[]): void;
  /** The form as typed, for the URL: from, to (local dates), rating, visitor, agent, label, note. */
  state(): URLSearchParams;
  /** Fills the form from a URL's state (unknown keys and bad values are ignored). */
  restore(state: URLSearchParams): void;
}

const ratingChoices = [
  { value: "5", label: "5 ★" }, { value: "4", label: "4 ★" }, { value: "3", label: "3 ★" },
  { value: "2", label: "2 ★" }, { value: "1", label: "1 ★" }, { value: "none", label: "No rating" },
];

const stateKeys = ["from", "to", "rating", "visitor", "agent", "label", "note"];

export function filterForm(labels: LabelStore, onApply: () => void): FilterForm {
  const from = h("input", { type: "date", name: "from" });
  const to = h("input", { type: "date", name: "to" });
  const visitor = h("input", { type: "search", name: "visitor", placeholder: "Name, email or visitor id", maxlength: "254" });
  const agent = h("select", { name: "agent" }, h("option", { value: "" }, "Any agent"));
  const label = labelFilter(labels, "label", () => undefined);
  const note = h("input", { type: "search", name: "note", placeholder: "Text in a private note", maxlength: "254" });
  let wantedAgent = "";
  const ratings = ratingChoices.map((c) => ({ value: c.value, box: h("input", { type: "checkbox", value: c.value }) }));

  const element = h("form", { class: "resolved-filters", "aria-label": "Filter resolved chats" },
    h("label", {}, "From ", from),
    h("label", {}, "To ", to),
    h("fieldset", { class: "rating-choices" }, h("legend", {}, "Rating"),
      ...ratings.map((r, i) => h("label", {}, r.box, ratingChoices[i].label))),
    h("label", {}, "Visitor ", visitor),
    h("label", {}, "Agent ", agent),
    label.element,
    h("label", {}, "Notes contain ", note),
    h("button", { type: "submit", class: "primary" }, "Apply"));
  element.addEventListener("submit", (e) => { e.preventDefault(); onApply(); });

  return {
    element,
    query() {
      const q = new URLSearchParams();
      // Dates are the agent's local days: from the start of "from" to the end of "to".
      if (from.value) q.set("from", new Date(`${from.value}T00:00:00`).toISOString());
      if (to.value) {
        const end = new Date(`${to.value}T00:00:00`);
        end.setDate(end.getDate() + 1);
        q.set("to", end.toISOString());
      }
      const chosen = ratings.filter((r) => r.box.checked).map((r) => r.value);
      if (chosen.length > 0) q.set("rating", chosen.join(","));
      if (visitor.value.trim()) q.set("visitor", visitor.value.trim());
      if (agent.value || wantedAgent) q.set("agent", agent.value || wantedAgent);
      if (label.value()) q.set("label", label.value());
      if (note.value.trim()) q.set("note", note.value.trim());
      return q;
    },
    state() {
      const q = new URLSearchParams();
      const chosen = ratings.filter((r) => r.box.checked).map((r) => r.value);
      const values: [string, string][] = [["from", from.value], ["to", to.value], ["rating", chosen.join(",")], ["visitor", visitor.value.trim()],
        ["agent", agent.value || wantedAgent], ["label", label.value()], ["note", note.value.trim()]];
      for (const [k, v] of values) if (v) q.set(k, v);
      return q;
    },
    restore(state) {
      if (!stateKeys.some((k) => state.has(k))) return;
      const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "");
      from.value = date(state.get("from"));
      to.value = date(state.get("to"));
      const chosen = (state.get("rating") ?? "").split(",");
      for (const r of ratings) r.box.checked = chosen.includes(r.value);
      visitor.value = state.get("visitor") ?? "";
      wantedAgent = state.get("agent") ?? "";
      agent.value = wantedAgent; // the agents may not be listed yet: setAgents picks it then
      label.set(state.get("label") ?? "");
      note.value = state.get("note") ?? "";
    },
    choice: () => ({ from: from.value, to: to.value, agent: agent.value || wantedAgent }),
    setAgents(agents) {
      const current = agent.value || wantedAgent;
      wantedAgent = "";
      agent.replaceChildren(h("option", { value: "" }, "Any agent"),
        ...agents.map((a) => h("option", { value: a.agentId, selected: a.agentId === current }, a.name)));
    },
  };
}

/** Agents for the filter: the team plus anyone who has ratings (someone who left the team still has chats). */
export function agentChoices(team: { agentId: string; displayName: string }[], stats: AgentRatingStats[]): { agentId: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const s of stats) byId.set(s.agentId, s.agentName);
  for (const t of team) byId.set(t.agentId, t.displayName);
  return [...byId].map(([agentId, name]) => ({ agentId, name })).sort((a, b) => a.name.localeCompare(b.name));
}
