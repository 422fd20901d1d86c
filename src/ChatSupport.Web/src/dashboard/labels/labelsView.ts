// The Labels view: the tenant's labels (name and colour), which agents put on chats and filter the queue, the map and
// the Resolved view by. Any agent may add, rename, recolour or delete one (as in Chatwoot, where labels are shared by
// the team); the server audits each change. Deleting a label leaves chats holding its id, shown as nothing.
import { h } from "../../dom";
import type { DashboardContext, DashboardView } from "../context";
import { refusalOf } from "../errors";
import type { ChatLabel } from "../../protocol";
import { labelChip } from "./labelChips";

const defaultColor = "#1d4ed8";

export const labelsView: DashboardView = {
  id: "labels",
  title: "Labels",
  mount(root: HTMLElement, ctx: DashboardContext) {
    const error = h("p", { class: "form-error", role: "alert" });
    const list = h("ul", { class: "label-list", "aria-label": "Labels" });

    const form = (label: ChatLabel | null): HTMLFormElement => {
      const name = h("input", { type: "text", maxlength: "32", required: true, value: label?.name ?? "", "aria-label": label ? `Name of ${label.name}` : "New label name" });
      const color = h("input", { type: "color", value: label?.color ?? defaultColor, "aria-label": label ? `Colour of ${label.name}` : "New label colour" });
      const save = h("button", { type: "submit", class: label ? "" : "primary" }, label ? "Save" : "Add label");
      const f = h("form", { class: "label-form" }, name, color, save);
      f.addEventListener("submit", async (e) => {
        e.preventDefault();
        try {
          await ctx.labels.save(label?.id ?? null, name.value.trim(), color.value);
          error.textContent = "";
          if (!label) name.value = "";
          ctx.toast(label ? "Label saved." : "Label added.");
        } catch (err) {
          error.textContent = refusalOf(err).message;
        }
      });
      if (label) {
        const remove = h("button", { type: "button", "aria-label": `Delete label ${label.name}` }, "Delete");
        remove.addEventListener("click", async () => {
          try {
            await ctx.labels.remove(label.id);
            ctx.toast("Label deleted.");
          } catch (err) {
            error.textContent = refusalOf(err).message;
          }
        });
        f.append(remove);
      }
      return f;
    };

    ctx.labels.subscribe(() => {
      const labels = ctx.labels.all();
      list.replaceChildren(...(labels.length === 0
        ? [h("li", { class: "muted" }, "No labels yet.")]
        : labels.map((l) => h("li", { "data-label-id": l.id }, labelChip(l), form(l)))));
    });
    root.append(h("div", { class: "view-head" }, h("h1", {}, "Labels")),
      h("p", { class: "muted" }, "Labels sort chats by topic (billing, bug, VIP…). Put them on a chat in its details."),
      form(null), error, list);
  },
};
