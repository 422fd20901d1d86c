// Quick replies management: the team's canned answers (add, edit, delete). Every agent is a System Admin, so
// every agent may manage them; the list is shared by the whole tenant.
import { h } from "../../dom";
import { AgentHubMethods, callAgentHub } from "../../protocol";
import type { DashboardContext, DashboardView } from "../context";
import { editForm } from "../editForm";
import { refusalOf } from "../errors";
import type { QuickReplies } from "./quickReplies";

export function repliesView(replies: QuickReplies): DashboardView {
  return {
    id: "replies",
    title: "Quick replies",
    mount(root: HTMLElement, ctx: DashboardContext) {
      const list = h("ul", { class: "reply-list", "aria-label": "Saved quick replies" });
      const shortcut = h("input", { id: "reply-shortcut", required: true, maxlength: "32", pattern: "[a-z0-9-]+", autocomplete: "off" });
      const body = h("textarea", { id: "reply-text", required: true, maxlength: "1000", rows: "3" });
      const editor = editForm({
        noun: "reply",
        className: "reply-form",
        ariaLabel: "Add or edit a quick reply",
        fields: [h("label", { for: "reply-shortcut" }, "Shortcut (typed after /)"), shortcut, h("label", { for: "reply-text" }, "Reply text"), body],
        save: async (editing) => {
          await callAgentHub(ctx.hub, AgentHubMethods.SaveQuickReply, editing, shortcut.value, body.value);
          await replies.load();
        },
      });

      const render = () => list.replaceChildren(...replies.all().map((r) => {
        const edit = h("button", { type: "button", "aria-label": `Edit /${r.shortcut}` }, "Edit");
        const remove = h("button", { type: "button", "aria-label": `Delete /${r.shortcut}` }, "Delete");
        edit.addEventListener("click", () => {
          shortcut.value = r.shortcut;
          body.value = r.text;
          editor.edit(r.id, shortcut);
        });
        remove.addEventListener("click", async () => {
          try {
            await callAgentHub(ctx.hub, AgentHubMethods.DeleteQuickReply, r.id);
            await replies.load();
          } catch (err) {
            ctx.toast(refusalOf(err).message, "error");
          }
        });
        return h("li", {}, h("strong", {}, `/${r.shortcut}`), h("span", {}, r.text), h("span", { class: "row" }, edit, remove));
      }));
      replies.onChange(render);
      render();
      root.append(h("div", { class: "view-head" }, h("h1", {}, "Quick replies")),
        h("p", {}, "In a chat, type / and a shortcut, or use the Quick replies button, to insert one."), editor.form, list);
    },
  };
}
