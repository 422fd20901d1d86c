// API keys: System Admins create keys for REST API v1 (name and scopes), see each key's prefix, who made it and when it
// was last used, and revoke it. A new key is shown once, here, with a copy button: the server keeps only its hash.
import { h, text } from "../../dom";
import { AgentHubMethods, callAgentHub } from "../../protocol";
import type { ApiKeyInfo, ApiKeyScope } from "../../protocol";
import type { DashboardContext, DashboardView } from "../context";
import { refusalOf } from "../errors";
import { dateTime } from "../format";

const scopeWords: Record<ApiKeyScope, string> = {
  read: "read (chats, archive, analytics, replies, articles, settings)",
  write: "write (messages, assign, transfer, resolve, notes, labels)",
  admin: "admin (save settings)",
};

export const apiKeysView: DashboardView = {
  id: "api-keys",
  title: "API keys",
  mount(root: HTMLElement, ctx: DashboardContext) {
    const name = h("input", { id: "api-key-name", required: true, maxlength: "80", autocomplete: "off" });
    const boxes = (Object.keys(scopeWords) as ApiKeyScope[]).map((scope) => {
      const box = h("input", { type: "checkbox", id: `api-key-scope-${scope}`, value: scope, checked: scope === "read" }) as HTMLInputElement;
      return { scope, box, label: h("label", { for: box.id }, box, ` ${scopeWords[scope]}`) };
    });
    const create = h("button", { type: "submit" }, "Create key");
    const form = h("form", { class: "api-key-form", "aria-label": "Create an API key" },
      h("label", { for: "api-key-name" }, "Name"), name,
      h("fieldset", {}, h("legend", {}, "Scopes"), ...boxes.map((b) => b.label)), create);
    const shown = h("div", { class: "api-key-shown", role: "status", hidden: true });
    const body = h("tbody", {});
    const table = h("table", { class: "api-key-list", "aria-label": "API keys" },
      h("thead", {}, h("tr", {}, ...["Name", "Scopes", "Prefix", "Created", "By", "Last used", ""].map((c) => h("th", { scope: "col" }, c)))), body);

    const load = async () => {
      const keys = await callAgentHub(ctx.hub, AgentHubMethods.GetApiKeys);
      body.replaceChildren(...keys.map(row));
    };

    const row = (k: ApiKeyInfo) => {
      const revoke = h("button", { type: "button", "aria-label": `Revoke ${k.name}`, hidden: k.revokedAt !== null }, "Revoke");
      revoke.addEventListener("click", async () => {
        if (!confirm(`Revoke "${k.name}"? Requests with it are refused from now on.`)) return;
        try {
          await callAgentHub(ctx.hub, AgentHubMethods.RevokeApiKey, k.id);
          await load();
        } catch (err) {
          ctx.toast(refusalOf(err).message, "error");
        }
      });
      return h("tr", { class: k.revokedAt ? "revoked" : "" },
        h("td", {}, k.name), h("td", {}, k.scopes.join(", ")), h("td", {}, h("code", {}, k.prefix)),
        h("td", {}, dateTime(k.createdAt)), h("td", {}, k.createdBy),
        h("td", {}, k.lastUsedAt ? dateTime(k.lastUsedAt) : "never"),
        h("td", {}, k.revokedAt ? `revoked ${dateTime(k.revokedAt)}` : revoke));
    };

    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const scopes = boxes.filter((b) => b.box.checked).map((b) => b.scope);
      try {
        const created = await callAgentHub(ctx.hub, AgentHubMethods.CreateApiKey, name.value, scopes);
        const secret = h("code", { class: "api-key-secret" }, created.secret);
        const copy = h("button", { type: "button" }, "Copy");
        copy.addEventListener("click", () => void navigator.clipboard?.writeText(created.secret).then(() => text(copy, "Copied")));
        shown.replaceChildren(h("p", {}, `Key "${created.key.name}" — copy it now: it is shown only this once.`), secret, copy);
        shown.hidden = false;
        name.value = "";
        await load();
      } catch (err) {
        ctx.toast(refusalOf(err).message, "error");
      }
    });

    root.append(h("div", { class: "view-head" }, h("h1", {}, "API keys")),
      h("p", {}, "Keys let your own servers use the REST API (/api/docs). Treat a key like a password."), form, shown, table);
    void load().catch((err) => ctx.toast(refusalOf(err).message, "error"));
  },
};
