// A chat's labels as coloured chips. The text is black or white, whichever contrasts more with the label's colour
// (at least 4.5:1 for any colour, so the chips pass WCAG AA whatever colour an agent picks).
import { h } from "../../dom";
import type { ChatLabel } from "../../protocol";
import type { LabelStore } from "./labelStore";

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** "#111827" or "#ffffff" on this background. */
export function inkOn(color: string): string {
  const l = luminance(/^#[0-9a-f]{6}$/i.test(color) ? color : "#e5e7eb");
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#111827" : "#ffffff";
}

export function labelChip(label: ChatLabel, ...extra: Node[]): HTMLElement {
  const chip = h("span", { class: "label-chip", "data-label-id": label.id }, label.name, ...extra);
  chip.style.background = label.color;
  chip.style.color = inkOn(label.color);
  return chip;
}

/** The known labels among ids, in the tenant's order; an empty span when there are none. */
export function labelChips(ids: readonly string[] | null | undefined, labels: LabelStore): HTMLElement {
  labels.notice(ids);
  const known = labels.all().filter((l) => ids?.includes(l.id));
  return h("span", { class: "label-chips" }, ...known.map((l) => labelChip(l)));
}
