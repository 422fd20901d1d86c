// "Label: Any label / Billing / …": the label filter the queue, the map and the Resolved view share. Its options follow
// the tenant's labels; a chosen label that is deleted falls back to "Any label".
import { h } from "../../dom";
import type { SessionSummary } from "../../protocol";
import type { LabelStore } from "./labelStore";

export interface LabelFilter {
  element: HTMLElement;
  select: HTMLSelectElement;
  /** The chosen label id, or "" for any. */
  value(): string;
  set(id: string): void;
  /** Whether a desk row passes the filter. */
  passes(s: SessionSummary): boolean;
}

export function labelFilter(labels: LabelStore, name: string, onChange: () => void): LabelFilter {
  const select = h("select", { name });
  let wanted = "";
  labels.subscribe(() => {
    select.replaceChildren(h("option", { value: "" }, "Any label"),
      ...labels.all().map((l) => h("option", { value: l.id, selected: l.id === wanted }, l.name)));
    select.value = labels.get(wanted) ? wanted : "";
  });
  select.addEventListener("change", () => {
    wanted = select.value;
    onChange();
  });
  return {
    element: h("label", { class: "label-filter" }, "Label ", select),
    select,
    value: () => select.value,
    set(id: string) {
      wanted = id;
      select.value = labels.get(id) ? id : "";
    },
    passes: (s) => !select.value || (s.labels ?? []).includes(select.value),
  };
}
