// "Routing & targets" on the Team page: how waiting chats reach agents, and the response-time targets.
import { h, text } from "../../dom";
import { AgentHubMethods, callAgentHub } from "../../protocol";
import type { QueueOrder, RoutingMode, RoutingSettings } from "../../protocol";
import type { DashboardContext } from "../context";
import { refusalOf } from "../errors";

const modes: [RoutingMode, string][] = [["manual", "Manual (Assign to Me only)"], ["round_robin", "Round robin"], ["least_busy", "Least busy"]];
const orders: [QueueOrder, string][] = [["arrival", "Arrival"], ["longest_waiting", "Longest waiting"], ["soonest_target", "Soonest target"]];

/** A number of seconds, or empty for "off". */
function seconds(id: string, label: string): [HTMLLabelElement, HTMLInputElement] {
  const input = h("input", { id, type: "number", min: "10", max: "604800", placeholder: "off" });
  return [h("label", { for: id }, label), input];
}

export function routingForm(ctx: DashboardContext, saved: () => void): { element: HTMLElement; load: () => Promise<void> } {
  const mode = h("select", { id: "routing-mode" }, ...modes.map(([v, l]) => h("option", { value: v }, l)));
  const order = h("select", { id: "routing-order" }, ...orders.map(([v, l]) => h("option", { value: v }, l)));
  const capacity = h("input", { id: "routing-capacity", type: "number", min: "1", max: "50", required: true });
  const [reRouteLabel, reRoute] = seconds("routing-reroute", "Re-route after no reply (seconds)");
  const [assignLabel, assign] = seconds("target-assignment", "Time to assignment (seconds)");
  const [firstLabel, first] = seconds("target-first-reply", "First agent reply (seconds)");
  const [nextLabel, next] = seconds("target-next-reply", "Next reply (seconds)");
  const [resolveLabel, resolve] = seconds("target-resolution", "Resolution (seconds)");
  const inHours = h("input", { id: "targets-working-hours", type: "checkbox" });
  const error = h("p", { class: "form-error", role: "alert" });
  const save = h("button", { type: "submit", class: "primary" }, "Save routing");
  const form = h("form", { class: "routing-form", "aria-label": "Routing & targets" },
    h("h2", {}, "Routing & targets"),
    h("label", { for: "routing-mode" }, "Mode"), mode,
    h("label", { for: "routing-capacity" }, "Chats per agent (default)"), capacity,
    h("label", { for: "routing-order" }, "Queue order"), order,
    reRouteLabel, reRoute, assignLabel, assign, firstLabel, first, nextLabel, next, resolveLabel, resolve,
    h("label", { for: "targets-working-hours", class: "checkbox" }, inHours, " Count targets in working hours only"),
    h("div", { class: "row" }, save), error);

  const value = (input: HTMLInputElement) => (input.value.trim() === "" ? null : Number(input.value));
  const put = (input: HTMLInputElement, n: number | null) => { input.value = n === null ? "" : String(n); };
  const show = (s: RoutingSettings) => {
    mode.value = s.mode;
    order.value = s.queueOrder;
    capacity.value = String(s.defaultCapacity);
    put(reRoute, s.reRouteAfterSeconds);
    put(assign, s.targets.assignmentSeconds);
    put(first, s.targets.firstReplySeconds);
    put(next, s.targets.nextReplySeconds);
    put(resolve, s.targets.resolutionSeconds);
    inHours.checked = s.targets.workingHoursOnly === true;
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    text(error, "");
    try {
      show(await callAgentHub(ctx.hub, AgentHubMethods.SaveRouting, {
        mode: mode.value as RoutingMode,
        queueOrder: order.value as QueueOrder,
        defaultCapacity: Number(capacity.value),
        reRouteAfterSeconds: value(reRoute),
        targets: { assignmentSeconds: value(assign), firstReplySeconds: value(first), nextReplySeconds: value(next), resolutionSeconds: value(resolve), workingHoursOnly: inHours.checked },
      }));
      ctx.toast("Routing saved.");
      saved();
    } catch (err) {
      text(error, refusalOf(err).message);
    }
  });
  return { element: form, load: async () => show(await callAgentHub(ctx.hub, AgentHubMethods.GetRouting)) };
}
