// A virtualized message list (@tanstack/virtual-core): only the rows in view (plus a few) are in the DOM, so a
// chat with thousands of messages scrolls as smoothly as one with ten. Rows are measured after they render
// (messages differ in height). Scrolling near the top asks for older history; new messages keep the list pinned
// to the bottom when the agent was already there.
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect, measureElement } from "@tanstack/virtual-core";
import { h } from "../../dom";

export interface ListItem {
  key: string;
  render(): HTMLElement;
}

const nearTopPx = 120;
const nearBottomPx = 48;

export class MessageList {
  readonly element = h("div", { class: "messages", role: "log", "aria-live": "polite", "aria-label": "Messages", tabindex: "0" });
  private readonly canvas = h("div", { class: "messages-canvas" });
  private items: ListItem[] = [];
  private readonly virtualizer: Virtualizer<HTMLElement, HTMLElement>;
  private readonly rendered = new Map<string, HTMLElement>();
  private nearTopListener: (() => void) | null = null;
  private pinned = true;

  constructor() {
    this.element.append(this.canvas);
    this.virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: 0,
      getScrollElement: () => this.element,
      estimateSize: () => 64,
      overscan: 6,
      getItemKey: (i) => this.items[i]?.key ?? i,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      measureElement,
      onChange: () => this.paint(),
    });
    this.virtualizer._didMount();
    this.element.addEventListener("scroll", () => {
      const el = this.element;
      this.pinned = el.scrollHeight - el.scrollTop - el.clientHeight < nearBottomPx;
      if (el.scrollTop < nearTopPx) this.nearTopListener?.();
    });
  }

  onNearTop(listener: () => void): void {
    this.nearTopListener = listener;
  }

  /** Replaces the items. prepended = how many were added at the top (older history): the view stays where it was. */
  setItems(items: ListItem[], prepended = 0): void {
    const heightBefore = this.virtualizer.getTotalSize();
    const wasPinned = this.pinned;
    this.items = items;
    const live = new Set(items.map((i) => i.key));
    for (const key of this.rendered.keys()) if (!live.has(key)) this.rendered.delete(key);
    this.virtualizer.setOptions({ ...this.virtualizer.options, count: items.length });
    this.virtualizer._willUpdate();
    this.paint();
    if (prepended > 0) this.element.scrollTop += this.virtualizer.getTotalSize() - heightBefore;
    else if (wasPinned) this.scrollToBottom();
  }

  /** Re-renders one item (its receipt or send state changed). */
  refresh(key: string): void {
    this.rendered.delete(key);
    this.paint();
  }

  scrollToBottom(): void {
    if (this.items.length > 0) this.virtualizer.scrollToIndex(this.items.length - 1, { align: "end" });
    this.pinned = true;
  }

  private paint(): void {
    this.canvas.style.height = `${this.virtualizer.getTotalSize()}px`;
    const nodes: HTMLElement[] = [];
    for (const row of this.virtualizer.getVirtualItems()) {
      const item = this.items[row.index];
      if (!item) continue;
      let node = this.rendered.get(item.key);
      if (!node) {
        node = h("div", { class: "message-row" }, item.render());
        this.rendered.set(item.key, node);
      }
      node.dataset.index = String(row.index);
      node.style.transform = `translateY(${row.start}px)`;
      nodes.push(node);
    }
    // Keep nodes that are already in place (and their focus); add and drop only what changed.
    const wanted = new Set(nodes);
    for (const child of [...this.canvas.children]) if (!wanted.has(child as HTMLElement)) child.remove();
    for (const node of nodes) if (node.parentElement !== this.canvas) this.canvas.append(node);
    for (const node of nodes) this.virtualizer.measureElement(node);
  }
}
