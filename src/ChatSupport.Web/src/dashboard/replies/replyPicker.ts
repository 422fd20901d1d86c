// The quick-reply list under a composer: opened by typing "/" at the start (filtered as you type) or by the
// Quick replies button. Arrow keys move, Enter or Tab inserts, Escape closes; a click inserts too.
import { h } from "../../dom";
import type { QuickReplies, QuickReply } from "./quickReplies";

let pickerCount = 0;

export class ReplyPicker {
  readonly element: HTMLUListElement;
  private options: QuickReply[] = [];
  private active = 0;
  private readonly id = `replies-${++pickerCount}`;

  constructor(private readonly replies: QuickReplies, private readonly input: HTMLTextAreaElement, private readonly insert: (text: string) => void) {
    this.element = h("ul", { class: "reply-picker", role: "listbox", id: this.id, "aria-label": "Quick replies", hidden: true });
    input.setAttribute("aria-controls", this.id);
    input.addEventListener("input", () => this.followInput());
    input.addEventListener("keydown", (e) => this.onKey(e));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  toggleAll(): void {
    if (this.isOpen) this.close();
    else this.open(this.replies.all());
  }

  close(): void {
    this.element.hidden = true;
    // No aria-expanded: a textarea is a textbox, which may not carry it (axe aria-allowed-attr); the list it
    // controls (aria-controls) is announced through aria-activedescendant while it is open.
    this.input.removeAttribute("aria-activedescendant");
  }

  private followInput(): void {
    const match = /^\/([a-z0-9-]*)$/i.exec(this.input.value);
    if (match) this.open(this.replies.matching(match[1]));
    else if (this.isOpen && this.input.value.startsWith("/") === false && this.input.value !== "") this.close();
  }

  private open(options: QuickReply[]): void {
    this.options = options;
    this.active = 0;
    this.element.replaceChildren(...(options.length === 0
      ? [h("li", { class: "none", role: "option", "aria-disabled": "true" }, this.replies.all().length === 0 ? "No quick replies yet (add them under Quick replies)." : "No match.")]
      : options.map((r, i) => {
          const li = h("li", { role: "option", id: `${this.id}-${i}`, "data-shortcut": r.shortcut }, h("strong", {}, `/${r.shortcut}`), " ", r.text);
          li.addEventListener("mousedown", (e) => { e.preventDefault(); this.choose(i); });
          return li;
        })));
    this.element.hidden = false;
    this.highlight();
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.isOpen || this.options.length === 0) {
      if (this.isOpen && e.key === "Escape") { e.preventDefault(); this.close(); }
      return;
    }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      this.active = (this.active + (e.key === "ArrowDown" ? 1 : -1) + this.options.length) % this.options.length;
      this.highlight();
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      e.stopImmediatePropagation();
      this.choose(this.active);
    } else if (e.key === "Escape") {
      e.preventDefault();
      this.close();
    }
  }

  private highlight(): void {
    [...this.element.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === this.active)));
    if (this.options.length > 0) this.input.setAttribute("aria-activedescendant", `${this.id}-${this.active}`);
  }

  private choose(i: number): void {
    const reply = this.options[i];
    if (!reply) return;
    this.close();
    this.insert(reply.text);
  }
}
