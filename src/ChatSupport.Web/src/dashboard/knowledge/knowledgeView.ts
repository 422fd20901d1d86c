// The Knowledge page: the team's help-centre articles (add, edit, delete, search, import a JSON or CSV file) and the
// answers learned from well-rated chats, which are used for suggestions only once approved. Every agent is a System
// Admin here, as for quick replies. Bodies are shown as text (their Markdown source), never parsed as HTML.
import { safeHref } from "../format";
import { h, text } from "../../dom";
import { AgentHubMethods, callAgentHub, type KnowledgeArticle, type LearnedAnswer } from "../../protocol";
import type { DashboardContext, DashboardView } from "../context";
import { editForm } from "../editForm";
import { refusalOf } from "../errors";

export const knowledgeView: DashboardView = {
  id: "knowledge",
  title: "Knowledge",
  mount(root: HTMLElement, ctx: DashboardContext) {
    const articles = h("ul", { class: "article-list", "aria-label": "Articles" });
    const learned = h("ul", { class: "learned-list", "aria-label": "Learned answers" });
    const title = h("input", { id: "article-title", required: true, maxlength: "200", autocomplete: "off" });
    const body = h("textarea", { id: "article-body", required: true, maxlength: "20000", rows: "6" });
    const tags = h("input", { id: "article-tags", autocomplete: "off", placeholder: "returns, delivery" });
    const editor = editForm({
      noun: "article",
      className: "article-form",
      ariaLabel: "Add or edit an article",
      fields: [h("label", { for: "article-title" }, "Title"), title, h("label", { for: "article-body" }, "Body (Markdown)"), body,
        h("label", { for: "article-tags" }, "Tags (comma-separated)"), tags],
      save: async (editing) => {
        const tagList = tags.value.split(",").map((t) => t.trim()).filter((t) => t.length > 0);
        await callAgentHub(ctx.hub, AgentHubMethods.SaveArticle, editing, title.value, body.value, tagList);
        await load();
      },
    });

    const importFile = h("input", { id: "knowledge-import", type: "file", accept: ".json,.csv,application/json,text/csv" });
    const importStatus = h("p", { class: "import-status", role: "status", "aria-live": "polite" });
    importFile.addEventListener("change", async () => {
      const file = importFile.files?.[0];
      if (!file) return;
      try {
        const format = file.name.toLowerCase().endsWith(".csv") ? "csv" : "json";
        const count = await callAgentHub(ctx.hub, AgentHubMethods.ImportArticles, format, await file.text());
        text(importStatus, `Imported ${count} articles from ${file.name}.`);
        await load();
      } catch (err) {
        text(importStatus, `Nothing imported: ${refusalOf(err).message}`);
      } finally {
        importFile.value = "";
      }
    });

    const search = h("input", { id: "knowledge-search", type: "search", autocomplete: "off", placeholder: "A visitor's question" });
    const results = h("ol", { class: "search-results", "aria-label": "Search results" });
    let searchTimer: number | undefined;
    search.addEventListener("input", () => {
      clearTimeout(searchTimer);
      searchTimer = window.setTimeout(async () => {
        const found = search.value.trim() ? await callAgentHub(ctx.hub, AgentHubMethods.SearchKnowledge, search.value).catch(() => []) : [];
        results.replaceChildren(...found.map((s) => h("li", {}, h("strong", {}, `${Math.round(s.confidence * 100)}%`), ` ${s.source}`)));
      }, 300);
    });

    const renderArticles = (all: KnowledgeArticle[]) => articles.replaceChildren(...all.map((a) => {
      const edit = h("button", { type: "button", "aria-label": `Edit ${a.title}` }, "Edit");
      const remove = h("button", { type: "button", "aria-label": `Delete ${a.title}` }, "Delete");
      edit.addEventListener("click", () => {
        title.value = a.title;
        body.value = a.body;
        tags.value = a.tags.join(", ");
        editor.edit(a.id, title);
      });
      remove.addEventListener("click", () => void act(() => callAgentHub(ctx.hub, AgentHubMethods.DeleteArticle, a.id)));
      return h("li", { "data-article-id": a.id }, h("strong", {}, a.title), articleBody(a),
        h("span", { class: "tags" }, a.tags.join(", ")), h("span", { class: "row" }, edit, remove));
    }));

    const renderLearned = (all: LearnedAnswer[]) => learned.replaceChildren(...all.map((l) => {
      const actions = h("span", { class: "row" });
      if (l.status === "candidate") {
        const approve = h("button", { type: "button", class: "primary", "aria-label": `Approve: ${l.question}` }, "Approve");
        approve.addEventListener("click", () => void act(() => callAgentHub(ctx.hub, AgentHubMethods.ApproveLearnedAnswer, l.id)));
        actions.append(approve);
      }
      const discard = h("button", { type: "button", "aria-label": `Discard: ${l.question}` }, "Discard");
      discard.addEventListener("click", () => void act(() => callAgentHub(ctx.hub, AgentHubMethods.DiscardLearnedAnswer, l.id)));
      actions.append(discard);
      return h("li", { "data-status": l.status }, h("p", {}, h("strong", {}, "Q: "), l.question), h("p", {}, h("strong", {}, "A: "), l.answer),
        h("span", { class: "learned-status" }, l.status === "candidate" ? `Candidate, from the chat of ${l.chatDate.slice(0, 10)}` : "Approved: used for suggestions"), actions);
    }));

    async function act(change: () => Promise<unknown>): Promise<void> {
      try {
        await change();
        await load();
      } catch (err) {
        ctx.toast(refusalOf(err).message, "error");
      }
    }

    async function load(): Promise<void> {
      const [all, answers] = await Promise.all([
        callAgentHub(ctx.hub, AgentHubMethods.GetArticles),
        callAgentHub(ctx.hub, AgentHubMethods.GetLearnedAnswers),
      ]);
      renderArticles(all);
      renderLearned(answers);
    }

    root.append(h("div", { class: "view-head" }, h("h1", {}, "Knowledge")),
      h("p", {}, "Articles and approved answers feed the AI suggestions in chats. Suggestions are computed on this server: nothing leaves it."),
      h("section", { "aria-label": "Search the knowledge" }, h("label", { for: "knowledge-search" }, "Search"), search, results),
      editor.form,
      h("section", { "aria-label": "Import articles" }, h("label", { for: "knowledge-import" }, "Import a JSON or CSV file (title, body, tags)"), importFile, importStatus),
      h("h2", {}, "Articles"), articles,
      h("h2", {}, "Learned answers"), learned);
    void load().catch(() => undefined);
  },
};

/** The elements Markdown produces that the page shows; anything else keeps only its text. */
const articleTags = new Set(["p", "strong", "em", "ul", "ol", "li", "a", "code", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
  "table", "thead", "tbody", "tr", "th", "td", "br", "hr", "del"]);

/**
 * The body as the server rendered it from Markdown (raw HTML shown as text, unsafe link addresses removed: docs/protocol.md,
 * GetArticles), rebuilt element by element with the dom helpers from an inert parse, so nothing the HTML says runs
 * here either; or the Markdown as plain text from an older server.
 */
function articleBody(a: KnowledgeArticle): HTMLElement {
  if (a.bodyHtml == null) return h("div", { class: "article-body" }, a.body);
  const parsed = new DOMParser().parseFromString(a.bodyHtml, "text/html").body;
  return h("div", { class: "article-body" }, ...Array.from(parsed.childNodes, copyNode));
}

function copyNode(node: Node): Node | string {
  if (!(node instanceof Element)) return node.textContent ?? "";
  const children = Array.from(node.childNodes, copyNode);
  const tag = node.tagName.toLowerCase();
  if (!articleTags.has(tag)) return node.textContent ?? "";
  const href = tag === "a" ? safeHref(node.getAttribute("href")) : null;
  return h(tag as keyof HTMLElementTagNameMap, href ? { href, rel: "noopener noreferrer", target: "_blank" } : {}, ...children);
}
