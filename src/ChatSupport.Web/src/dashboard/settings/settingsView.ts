// The Settings page (System Admins): General, Working hours, Automated responses and Widget appearance, one versioned
// document (GET/PUT /api/settings). Edits change a draft; the preview shows the draft in the real widget; Save sends the
// whole draft with the version it started from. A refusal is shown next to the field it names; a save that lost a
// race with another admin (409 version_conflict) says so and offers to load their version.
import { h, text } from "../../dom";
import type { WorkspaceSettings } from "../../protocol";
import type { DashboardContext, DashboardView } from "../context";
import { refusalOf } from "../http";
import { automatedSection } from "./automatedSection";
import { FieldErrors } from "./fieldErrors";
import { generalSection } from "./generalSection";
import { WidgetPreview } from "./widgetPreview";
import { widgetSection } from "./widgetSection";
import { workingHoursSection } from "./workingHoursSection";
import "./settings.css";

function settingsPage(root: HTMLElement, ctx: DashboardContext): () => void {
  let saved: WorkspaceSettings | null = null;
  let draft: WorkspaceSettings | null = null;
  const preview = new WidgetPreview(ctx.me.tenantId);
  const sections = h("div", { class: "settings-sections" });
  const state = h("p", { class: "settings-state", role: "status" });
  const problem = h("div", { class: "form-error settings-problem", role: "alert" });
  const save = h("button", { type: "submit", class: "primary" }, "Save settings");
  const form = h("form", { class: "settings-form", "aria-label": "Settings", novalidate: true }, sections,
    h("div", { class: "row save-row" }, save, state), problem);
  const errors = new FieldErrors(form);
  root.append(h("div", { class: "view-head" }, h("h1", {}, "Settings")),
    h("div", { class: "settings-layout" }, form, preview.element));

  const describe = (s: WorkspaceSettings) => (s.version === 0 ? "Defaults: never saved."
    : `Version ${s.version}, saved ${s.updatedAt ? new Date(s.updatedAt).toLocaleString() : ""} by ${s.updatedBy ?? "?"}.`);
  const changed = () => {
    if (!draft || !saved) return;
    preview.show(draft);
    text(state, JSON.stringify(draft) === JSON.stringify(saved) ? describe(saved) : `Unsaved changes (from version ${saved.version}).`);
  };
  const render = (s: WorkspaceSettings) => {
    saved = s;
    draft = structuredClone(s);
    errors.clear();
    sections.replaceChildren(generalSection(draft, changed), workingHoursSection(ctx, draft, changed),
      automatedSection(draft, changed), widgetSection(draft, changed));
    changed();
  };
  const load = async () => {
    text(problem, "");
    const response = await ctx.api("/api/settings");
    if (!response.ok) { text(problem, await refusalOf(response)); return; }
    render((await response.json()) as WorkspaceSettings);
  };

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!draft) return;
    errors.clear();
    problem.replaceChildren();
    save.disabled = true;
    try {
      const response = await ctx.api("/api/settings", { method: "PUT", body: JSON.stringify(draft) });
      if (response.ok) {
        render((await response.json()) as WorkspaceSettings);
        ctx.toast("Settings saved: open widgets show them now.");
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
      const message = body.message ?? `The server answered ${response.status}.`;
      if (body.error === "version_conflict") {
        const reload = h("button", { type: "button" }, "Load their version (drops your changes)");
        reload.addEventListener("click", () => void load());
        problem.replaceChildren(h("p", {}, `Not saved: another admin saved the settings while you were editing. ${message}`), reload);
      } else if (!errors.show(message)) {
        text(problem, message);
      } else {
        text(problem, "Not saved: see the field marked above.");
      }
    } catch {
      text(problem, "Not saved: the server could not be reached. Try again.");
    } finally {
      save.disabled = false;
    }
  });

  let started = false;
  return () => {
    if (started) return;
    started = true;
    preview.start();
    void load();
  };
}

let activate: (() => void) | null = null;

export const settingsView: DashboardView = {
  id: "settings",
  title: "Settings",
  mount(root, ctx) {
    activate = settingsPage(root, ctx);
  },
  // The document and the preview's widget load when the page is first shown, not with every dashboard.
  shown() {
    activate?.();
  },
};
