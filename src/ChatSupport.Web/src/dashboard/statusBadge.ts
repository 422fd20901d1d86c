import { h } from "../dom";
import { statusColors, statusLabels } from "./context";
import type { ChatStatus } from "../protocol";

/** A status as a colored pill with its name: color is never the only signal. */
export function statusBadge(status: ChatStatus): HTMLElement {
  const badge = h("span", { class: `status status-${status}`, "data-status": status }, statusLabels[status]);
  badge.style.setProperty("--status-color", statusColors[status]);
  return badge;
}
