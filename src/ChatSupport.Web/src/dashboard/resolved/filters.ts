// The resolved-chats filter form: date range, ratings, visitor search, agent. It turns into the query string the
// list route and the export route share, so an export holds exactly what the list shows.
import { h } from "../../dom";
import type { AgentRatingStats } from "./archiveTypes";

export interface FilterForm {
  element: HTMLFormElement;
  /** The query string of the current filter (without cursor or format). */
  query(): URLSearchParams;
  /** The form's local dates (yyyy-MM-dd, or "") and agent id, as typed: the "View analytics" link carries them. */
  choice(): { from: string; to: string; agent: string };
  setAgents(agents: { agentId: string; name: string }[]): void;
}

const ratingChoices = [
  { value: "5", label: "5 ★" }, { value: "4", label: "4 ★" }, { value: "3", label: "3 ★" },
  { value: "2", label: "2 ★" }, { value: "1", label: "1 ★" }, { value: "none", label: "No rating" },
];

export function filterForm(onApply: () => void): FilterForm {
  const from = h("input", { type: "date", name: "from" });
  const to = h("input", { type: "date", name: "to" });
  const visitor = h("input", { type: "search", name: "visitor", placeholder: "Name, email or visitor id", maxlength: "254" });
  const agent = h("select", { name: "agent" }, h("option", { value: "" }, "Any agent"));
  const ratings = ratingChoices.map((c) => ({ value: c.value, box: h("input", { type: "checkbox", value: c.value }) }));

  const element = h("form", { class: "resolved-filters", "aria-label": "Filter resolved chats" },
    h("label", {}, "From ", from),
    h("label", {}, "To ", to),
    h("fieldset", { class: "rating-choices" }, h("legend", {}, "Rating"),
      ...ratings.map((r, i) => h("label", {}, r.box, ratingChoices[i].label))),
    h("label", {}, "Visitor ", visitor),
    h("label", {}, "Agent ", agent),
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
      if (agent.value) q.set("agent", agent.value);
      return q;
    },
    choice: () => ({ from: from.value, to: to.value, agent: agent.value }),
    setAgents(agents) {
      const current = agent.value;
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
