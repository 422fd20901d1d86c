// The workspace's keyboard shortcuts (docs/workspace.md lists them): single keys, as in Gmail, Chatwoot and
// Zendesk, ignored while typing in a field (Escape leaves the field). "?" shows them all in a dialog.
import { h } from "../../dom";

export interface Shortcut {
  /** KeyboardEvent.key values that run it ("j", "?", "A" for Shift+A). */
  keys: string[];
  /** How the overlay writes the keys. */
  label: string;
  does: string;
  run(): void;
}

const typingInto = (el: Element | null) =>
  el instanceof HTMLElement && (el.isContentEditable || el.closest("input, textarea, select, [contenteditable=true]") !== null);

export class Shortcuts {
  private readonly list: Shortcut[] = [];
  readonly overlay: HTMLDialogElement;
  private readonly table: HTMLElement;

  constructor() {
    this.table = h("tbody");
    const close = h("button", { type: "button" }, "Close");
    this.overlay = h("dialog", { class: "shortcuts", "aria-labelledby": "shortcuts-title" },
      h("h2", { id: "shortcuts-title" }, "Keyboard shortcuts"),
      h("table", {}, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Key"), h("th", { scope: "col" }, "Does"))), this.table),
      h("p", {}, "Keys work anywhere but in a text field; Escape leaves the field first."), close);
    close.addEventListener("click", () => this.overlay.close());
    this.add({ keys: ["?"], label: "?", does: "Show these shortcuts", run: () => this.show() });
  }

  add(shortcut: Shortcut): void {
    this.list.push(shortcut);
    this.table.append(h("tr", {}, h("td", {}, h("kbd", {}, shortcut.label)), h("td", {}, shortcut.does)));
  }

  show(): void {
    if (!this.overlay.open) this.overlay.showModal();
  }

  listen(onEscapeInField: (field: HTMLElement) => void): void {
    addEventListener("keydown", (e) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      const target = document.activeElement;
      if (typingInto(target)) {
        if (e.key === "Escape" && !(target as HTMLElement).closest("dialog")) onEscapeInField(target as HTMLElement);
        return;
      }
      if (document.querySelector("dialog[open]")) return; // a dialog has the keyboard (Escape closes it)
      const hit = this.list.find((s) => s.keys.includes(e.key));
      if (!hit) return;
      e.preventDefault();
      hit.run();
    });
  }
}
