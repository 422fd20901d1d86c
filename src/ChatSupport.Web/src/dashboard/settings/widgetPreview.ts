// The live preview: the real widget (the built /widget.js, the very code visitors run) in a frame of this page, in its
// preview mode (data-preview="true": it connects to nothing and stores nothing), drawn from the page's draft through
// its ChatSupportWidget.preview(view). No second implementation of the widget's look exists.
import { h } from "../../dom";
import { settingsLanguages, type WidgetSettingsView, type WorkspaceSettings } from "../../protocol";

interface PreviewApi { preview(view: WidgetSettingsView): void }

/** An example "back at" for the preview outside working hours: next Monday 09:00 in the admin's own time. */
function exampleBackAt(): string {
  const d = new Date();
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
  d.setHours(9, 0, 0, 0);
  return d.toISOString();
}

export class WidgetPreview {
  readonly element: HTMLElement;
  private readonly frame = h("iframe", { class: "widget-preview", title: "Widget preview" });
  private readonly hours = h("select", { id: "preview-hours" },
    h("option", { value: "open" }, "Inside working hours"), h("option", { value: "closed" }, "Outside working hours"));
  private readonly language = h("select", { id: "preview-language" });
  private api: PreviewApi | null = null;
  private draft: WorkspaceSettings | null = null;

  constructor(private readonly tenant: string) {
    this.hours.addEventListener("change", () => this.draw());
    this.language.addEventListener("change", () => this.draw());
    this.element = h("section", { class: "preview", "aria-label": "Preview" },
      h("h2", {}, "Preview"), h("p", { class: "hint" }, "The real widget with your unsaved changes, as a visitor sees it."),
      h("div", { class: "row" }, h("label", { for: "preview-hours" }, "Show"), this.hours, h("label", { for: "preview-language" }, "Language"), this.language),
      this.frame);
  }

  /** Loads the widget into the frame (once the page is in the document). */
  start(): void {
    const doc = this.frame.contentDocument;
    if (!doc || this.api) return;
    doc.documentElement.lang = "en";
    doc.title = "Widget preview";
    const script = doc.createElement("script");
    script.src = "/widget.js";
    script.dataset.tenant = this.tenant;
    script.dataset.preview = "true";
    script.addEventListener("load", () => {
      this.api = (this.frame.contentWindow as unknown as { ChatSupportWidget?: PreviewApi }).ChatSupportWidget ?? null;
      this.draw();
    });
    doc.body.append(script);
  }

  show(draft: WorkspaceSettings): void {
    this.draft = draft;
    const langs = Object.keys(draft.widget.texts);
    const current = this.language.value;
    if ([...this.language.options].map((o) => o.value).join() !== langs.join())
      this.language.replaceChildren(...langs.map((l) => h("option", { value: l, selected: l === current }, settingsLanguages[l] ?? l)));
    this.draw();
  }

  private draw(): void {
    const d = this.draft;
    if (!d || !this.api) return;
    const lang = this.language.value || d.general.language;
    const open = this.hours.value === "open";
    // The chosen language's texts only: the widget falls back to the view's language when the browser's is not there.
    const texts = d.widget.texts[lang] ? { [lang]: d.widget.texts[lang] } : d.widget.texts;
    this.api.preview({
      version: d.version, language: lang, open, backAt: open ? null : exampleBackAt(), expectedReplySeconds: null, validUntil: null,
      appearance: structuredClone({ ...d.widget, texts }),
    });
  }
}
