// The Team page (System Admins): the operators with their roles, presence and capacity; add one (the one-time
// password is shown once, here), change roles, disable or enable, reset a password; routing and targets; and the
// audit log of who changed what and when.
import { h, text } from "../../dom";
import { AgentHubMethods, callAgentHub } from "../../protocol";
import type { AuditEntry, TeamOperator } from "../../protocol";
import type { DashboardContext, DashboardView } from "../context";
import { refusalOf } from "../errors";
import { routingForm } from "./routingForm";

const roleNames: Record<string, string> = { system_admin: "System Admin", member: "Member" };
const statusNames: Record<string, string> = { online: "Online", away: "Away", offline: "Offline" };

export const teamView: DashboardView = {
  id: "team",
  title: "Team",
  mount(root: HTMLElement, ctx: DashboardContext) {
    const rows = h("tbody");
    const audit = h("ol", { class: "team-audit", "aria-label": "Team changes" });
    const secret = h("p", { class: "one-time-password", role: "status", hidden: true });
    const error = h("p", { class: "form-error", role: "alert" });

    const username = h("input", { id: "new-username", required: true, maxlength: "64", pattern: "[A-Za-z0-9._-]+", autocomplete: "off" });
    const displayName = h("input", { id: "new-display-name", required: true, maxlength: "100", autocomplete: "off" });
    const role = h("select", { id: "new-role" }, h("option", { value: "system_admin" }, "System Admin"), h("option", { value: "member" }, "Member"));
    const add = h("form", { class: "add-operator", "aria-label": "Add operator" },
      h("h2", {}, "Add operator"),
      h("label", { for: "new-username" }, "Username"), username,
      h("label", { for: "new-display-name" }, "Display name"), displayName,
      h("label", { for: "new-role" }, "Role"), role,
      h("div", { class: "row" }, h("button", { type: "submit", class: "primary" }, "Add operator")), error, secret);

    // Shown once: the server keeps only its hash.
    const showSecret = (who: string, password: string) => {
      secret.hidden = false;
      secret.replaceChildren(`One-time password for ${who} (shown once): `, h("code", { class: "password" }, password));
    };
    const act = async (work: () => Promise<unknown>) => {
      text(error, "");
      try {
        await work();
        await load();
      } catch (err) {
        text(error, refusalOf(err).message);
      }
    };
    add.addEventListener("submit", (e) => {
      e.preventDefault();
      void act(async () => {
        const added = await callAgentHub(ctx.hub, AgentHubMethods.AddOperator, username.value.trim(), displayName.value, [role.value]);
        showSecret(added.operator.displayName, added.oneTimePassword);
        add.reset();
      });
    });

    const row = (o: TeamOperator) => {
      const roles = h("select", { "aria-label": `Role of ${o.displayName}` },
        ...Object.entries(roleNames).map(([v, l]) => h("option", { value: v, selected: o.roles.includes(v) }, l)));
      roles.addEventListener("change", () => void act(() => callAgentHub(ctx.hub, AgentHubMethods.SetOperatorRoles, o.username, [roles.value])));
      const capacity = h("input", { type: "number", min: "1", max: "50", placeholder: "default", value: o.capacity === null ? "" : String(o.capacity), "aria-label": `Capacity of ${o.displayName}` });
      capacity.addEventListener("change", () => void act(() =>
        callAgentHub(ctx.hub, AgentHubMethods.SetAgentCapacity, o.username, capacity.value === "" ? null : Number(capacity.value))));
      const disable = h("button", { type: "button" }, o.disabled ? "Enable" : "Disable");
      disable.addEventListener("click", () => void act(() => callAgentHub(ctx.hub, AgentHubMethods.SetOperatorDisabled, o.username, !o.disabled)));
      const reset = h("button", { type: "button" }, "Reset password");
      reset.addEventListener("click", () => void act(async () => showSecret(o.displayName, await callAgentHub(ctx.hub, AgentHubMethods.ResetOperatorPassword, o.username))));
      const self = o.username === ctx.me.username;
      if (self) { disable.disabled = true; roles.disabled = true; }
      return h("tr", { "data-username": o.username, "data-status": o.status },
        h("td", {}, o.displayName, h("span", { class: "muted" }, ` @${o.username}`)),
        h("td", {}, roles),
        h("td", { class: "presence" }, o.disabled ? "Disabled" : statusNames[o.status] ?? o.status),
        h("td", {}, String(o.openChats)),
        h("td", {}, capacity),
        h("td", {}, disable, reset));
    };
    const entry = (e: AuditEntry) => h("li", {},
      h("time", { datetime: e.at }, new Date(e.at).toLocaleString()), ` ${e.actor}: ${e.action.replace(/_/g, " ")} ${e.target}`,
      e.before || e.after ? h("span", { class: "muted" }, ` (${e.before ?? "–"} → ${e.after ?? "–"})`) : "");

    const load = async () => {
      const [operators, changes] = await Promise.all([
        callAgentHub(ctx.hub, AgentHubMethods.GetOperators), callAgentHub(ctx.hub, AgentHubMethods.GetTeamAudit)]);
      rows.replaceChildren(...operators.map(row));
      audit.replaceChildren(...changes.map(entry));
    };
    const routing = routingForm(ctx, () => void load());

    root.append(
      h("h1", {}, "Team"),
      h("table", { class: "team-list" },
        h("thead", {}, h("tr", {}, ...["Operator", "Role", "Status", "Open chats", "Capacity", "Actions"].map((c) => h("th", {}, c)))), rows),
      add, routing.element, h("h2", {}, "Changes"), audit);
    void Promise.all([load(), routing.load()]).catch(() => ctx.toast("The team could not be loaded.", "error"));
    this.shown = () => void load().catch(() => undefined);
  },
};
