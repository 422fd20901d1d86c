// A refusal of PUT /api/settings names its field first ("widget.texts.de.title can be at most 60 characters. …"):
// the sentence is shown next to the input of that path (or of the nearest enclosing path: a whole interval row, a
// list), the input is marked invalid and focused. One error at a time, as the server checks one at a time.
import { h, text } from "../../dom";

export class FieldErrors {
  private shown: { el: HTMLElement; note: HTMLElement } | null = null;

  constructor(private readonly root: HTMLElement) {
    // Editing the field the refusal named takes its sentence away: it spoke of the old value.
    const edited = (e: Event) => {
      if (this.shown && e.target instanceof Node && this.shown.el.contains(e.target)) this.clear();
    };
    root.addEventListener("input", edited);
    root.addEventListener("change", edited);
  }

  clear(): void {
    if (!this.shown) return;
    this.shown.el.removeAttribute("aria-invalid");
    this.shown.el.removeAttribute("aria-describedby");
    this.shown.note.remove();
    this.shown = null;
  }

  /** Shows the server's sentence by its field; false when no input of the page has that path (or one enclosing it). */
  show(message: string): boolean {
    this.clear();
    const path = message.split(" ", 1)[0];
    const el = this.find(path);
    if (!el) return false;
    const note = h("p", { class: "field-error", id: `error-${Date.now()}`, role: "alert" });
    text(note, message);
    el.setAttribute("aria-invalid", "true");
    el.setAttribute("aria-describedby", note.id);
    (el.closest(".setting, .interval, .list-row") ?? el).after(note);
    this.shown = { el, note };
    // A section may be collapsed: open it, then bring the field into view.
    el.closest("details")?.setAttribute("open", "");
    el.focus();
    return true;
  }

  private find(path: string): HTMLElement | null {
    for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "")) {
      const el = this.root.querySelector<HTMLElement>(`[data-field="${CSS.escape(p)}"]`);
      if (el) return el;
      if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
    }
    return null;
  }
}
