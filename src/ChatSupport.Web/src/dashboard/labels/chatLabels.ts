// A chat's labels with the means to change them: each chip has a remove button, and a picker adds one of the
// tenant's labels. Any agent may label any chat, open or resolved. The answer (the chat's snapshot) goes to the caller,
// which shows it at once; the desk's DeskChanged brings the same to every other dashboard.
import { h } from "../../dom";
import type { DashboardContext } from "../context";
import { refusalOf } from "../errors";
import { AgentHubMethods, callAgentHub, type ChatSessionSnapshot } from "../../protocol";
import { labelChip } from "./labelChips";

export function chatLabelEditor(ctx: DashboardContext, sessionId: string, ids: readonly string[], changed: (s: ChatSessionSnapshot) => void): HTMLElement {
  const run = async (call: () => Promise<ChatSessionSnapshot>) => {
    try {
      const session = await call();
      ctx.desk.remember(session);
      changed(session);
    } catch (e) {
      ctx.toast(refusalOf(e).message, "error");
    }
  };
  const chips = ctx.labels.all().filter((l) => ids.includes(l.id)).map((l) => {
    const remove = h("button", { type: "button", class: "label-remove", "aria-label": `Remove label ${l.name}` }, "×");
    remove.addEventListener("click", () => void run(() => callAgentHub(ctx.hub, AgentHubMethods.RemoveLabel, sessionId, l.id)));
    return labelChip(l, remove);
  });
  const free = ctx.labels.all().filter((l) => !ids.includes(l.id));
  const pick = h("select", { "aria-label": "Label to add" }, h("option", { value: "" }, "Add a label…"),
    ...free.map((l) => h("option", { value: l.id }, l.name)));
  const add = h("button", { type: "button" }, "Add label");
  add.addEventListener("click", () => {
    if (!pick.value) return ctx.toast("Choose a label first.", "error");
    const id = pick.value;
    void run(() => callAgentHub(ctx.hub, AgentHubMethods.AddLabel, sessionId, id));
  });
  const controls = ctx.labels.all().length === 0
    ? [h("span", { class: "muted" }, "No labels yet: add them in the Labels view.")]
    : free.length > 0 ? [pick, add] : [];
  return h("div", { class: "chat-labels", role: "group", "aria-label": "Labels" }, h("span", { class: "label-chips" }, ...chips), ...controls);
}
