// The mini chat's AI suggestions, beside the composer: for the visitor's latest message (asked again, debounced, for
// each new one), the top 3 with their confidence and source, or "No confident suggestion" when even the best is under
// the threshold. With a generative model configured, the set may carry a draft: one reply the model wrote from the
// confident suggestions, shown above them as "Drafted from N sources" with those sources. A click on the draft or on a
// suggestion puts its text into the composer to edit and send: nothing is ever sent without the agent.
import { h, text } from "../../dom";
import type { DashboardContext } from "../context";
import { AgentHubMethods, callAgentHub, type GeneratedReply, type Suggestion, type SuggestionChoice, type SuggestionSet } from "../../protocol";

const debounceMs = 400;

export class SuggestionsPanel {
  readonly element = h("aside", { class: "suggestions", "aria-label": "AI suggestions" });
  private readonly status = h("p", { class: "suggestions-status", role: "status", "aria-live": "polite" });
  private readonly draft = h("div", { class: "suggestion-draft-slot" });
  private readonly list = h("ol", { class: "suggestion-list" });
  private timer: number | undefined;
  private asked = 0;
  /** A confident set is on screen and the agent has not answered yet; picked: the text they put into the composer. */
  private pending = false;
  private picked: string | null = null;

  constructor(private readonly sessionId: string, private readonly ctx: DashboardContext, private readonly use: (text: string) => void) {
    this.element.append(h("h2", {}, "Suggestions"), this.status, this.draft, this.list);
  }

  /** The agent sent a reply: it was a suggestion as it was, an edited one, or their own words. */
  sent(reply: string): void {
    if (!this.pending) return;
    this.record(this.picked === null ? "ignored" : reply.trim() === this.picked.trim() ? "used" : "edited");
  }

  private record(choice: SuggestionChoice): void {
    this.pending = false;
    this.picked = null;
    void callAgentHub(this.ctx.hub, AgentHubMethods.RecordSuggestionChoice, this.sessionId, choice).catch(() => undefined);
  }

  /** A visitor's message arrived (or the chat opened): ask again once the visitor pauses. */
  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.refresh(), debounceMs);
  }

  private async refresh(): Promise<void> {
    const asked = ++this.asked;
    try {
      const set = await callAgentHub(this.ctx.hub, AgentHubMethods.GetSuggestions, this.sessionId);
      if (asked === this.asked) this.show(set);
    } catch {
      if (asked === this.asked) text(this.status, "Suggestions are not available right now.");
    }
  }

  private show(set: SuggestionSet): void {
    this.list.replaceChildren();
    this.draft.replaceChildren();
    this.pending = set.confident;
    this.picked = null;
    if (!set.question) {
      text(this.status, "Suggestions appear when the visitor asks something.");
      return;
    }
    if (!set.confident) {
      text(this.status, "No confident suggestion");
      return;
    }
    text(this.status, "");
    if (set.draft) this.draft.append(this.drafted(set.draft));
    for (const s of set.suggestions) this.list.append(this.item(s));
  }

  /** The model's reply, labelled as drafted, with the sources it was written from; picked and recorded as a suggestion is. */
  private drafted(d: GeneratedReply): HTMLElement {
    const label = `Drafted from ${d.sources.length} ${d.sources.length === 1 ? "source" : "sources"}`;
    // Named by what it shows (label, text), as axe's label-content-name-mismatch asks; the sources follow in a list.
    const button = h("button", { type: "button", class: "suggestion suggestion-drafted" },
      h("span", { class: "suggestion-draft-label" }, label),
      h("span", { class: "suggestion-text" }, d.text)); // text only: never parsed as HTML
    button.addEventListener("click", () => {
      this.picked = d.text;
      this.use(d.text);
    });
    return h("section", { class: "suggestion-draft", "aria-label": "Drafted reply" }, button,
      h("ul", { class: "suggestion-draft-sources", "aria-label": "Sources of the drafted reply" }, ...d.sources.map((src) => h("li", {}, src))));
  }

  private item(s: Suggestion): HTMLLIElement {
    const percent = `${Math.round(s.confidence * 100)}%`;
    // Named by what it shows (confidence, source, text): an aria-label that said something else failed axe.
    const button = h("button", { type: "button", class: "suggestion" },
      h("span", { class: "suggestion-confidence" }, percent),
      h("span", { class: "suggestion-source" }, s.source),
      h("span", { class: "suggestion-text" }, s.text)); // text only: never parsed as HTML
    button.addEventListener("click", () => {
      this.picked = s.text;
      this.use(s.text);
    });
    return h("li", { "data-entry-id": s.entryId, "data-confidence": String(s.confidence) }, button);
  }
}
