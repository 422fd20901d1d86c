// The Webhooks view (System Admins): endpoints that receive the workspace's chat events, each with the events it wants,
// its signing secret (shown once, when created or rotated), and its delivery log with "Redeliver". The server checks
// every URL (public targets only, unless allow-listed) and audits every change (docs/protocol.md, "Webhooks").
import { h } from "../../dom";
import type { DashboardContext, DashboardView } from "../context";
import { refusalOf } from "../http";
import type { WebhookDelivery, WebhookEndpoint, WebhookEventName, WebhookList, WebhookSecretIssued } from "../../protocol";
import { webhookRoutes } from "../../protocol";

/** The screen words for each event (the wire names stay visible beside them). */
const eventWords: Record<WebhookEventName, string> = {
  "chat.started": "Chat started",
  "chat.assigned": "Chat assigned",
  "chat.transferred": "Chat transferred",
  "chat.rerouted": "Chat re-routed (no reply in time)",
  "message.created": "Message created",
  "chat.resolved": "Chat resolved",
  "chat.closed": "Chat closed or abandoned",
  "chat.rated": "Chat rated",
  "chat.reopened": "Chat reopened",
  "target.missed": "Response-time target missed",
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

export const webhooksView: DashboardView = {
  id: "webhooks",
  title: "Webhooks",
  mount(root: HTMLElement, ctx: DashboardContext) {
    const error = h("p", { class: "form-error", role: "alert" });
    const secretBox = h("div", { class: "webhook-secret", hidden: true, role: "status" });
    const list = h("ul", { class: "webhook-list", "aria-label": "Webhook endpoints" });
    const log = h("section", { class: "webhook-log", "aria-label": "Delivery log", hidden: true });
    let events: WebhookEventName[] = Object.keys(eventWords) as WebhookEventName[];

    const showSecret = (issued: WebhookSecretIssued) => {
      secretBox.hidden = false;
      const value = h("code", {}, issued.secret);
      const copy = h("button", { type: "button" }, "Copy");
      copy.addEventListener("click", () => void navigator.clipboard?.writeText(issued.secret));
      const done = h("button", { type: "button" }, "I have stored it");
      done.addEventListener("click", () => { secretBox.hidden = true; secretBox.replaceChildren(); });
      secretBox.replaceChildren(
        h("p", {}, `Signing secret for ${issued.endpoint.url} — shown only now. Verify each delivery's X-ChatSupport-Signature with it.`),
        value, copy, done);
    };

    const send = async (path: string, method: string, body?: unknown): Promise<Response | null> => {
      const response = await ctx.api(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!response.ok) {
        error.textContent = await refusalOf(response);
        return null;
      }
      error.textContent = "";
      return response;
    };

    const eventBoxes = (chosen: WebhookEventName[], label: string) => {
      const boxes = events.map((name) => {
        const box = h("input", { type: "checkbox", value: name, checked: chosen.includes(name) });
        return { name, box, row: h("label", { class: "webhook-event" }, box, ` ${eventWords[name] ?? name} `, h("span", { class: "muted" }, name)) };
      });
      return {
        element: h("fieldset", {}, h("legend", {}, label), ...boxes.map((b) => b.row)),
        chosen: () => boxes.filter((b) => b.box.checked).map((b) => b.name),
      };
    };

    const form = (endpoint: WebhookEndpoint | null): HTMLFormElement => {
      const url = h("input", { type: "url", required: true, maxlength: "2000", placeholder: "https://example.com/chat-events", value: endpoint?.url ?? "",
        "aria-label": endpoint ? `URL of ${endpoint.url}` : "New endpoint URL" });
      const picks = eventBoxes(endpoint?.events ?? events, endpoint ? "Events sent" : "Events to send");
      const save = h("button", { type: "submit", class: endpoint ? "" : "primary" }, endpoint ? "Save" : "Add endpoint");
      const f = h("form", { class: "webhook-form" }, url, picks.element, save);
      f.addEventListener("submit", async (e) => {
        e.preventDefault();
        const body = { url: url.value.trim(), events: picks.chosen() };
        const response = await send(endpoint ? webhookRoutes.one(endpoint.id) : webhookRoutes.list, endpoint ? "PUT" : "POST", body);
        if (!response) return;
        if (!endpoint) {
          showSecret((await response.json()) as WebhookSecretIssued);
          url.value = "";
        }
        ctx.toast(endpoint ? "Endpoint saved." : "Endpoint added.");
        await load();
      });
      return f;
    };

    const showLog = async (endpoint: WebhookEndpoint) => {
      const response = await send(webhookRoutes.deliveries(endpoint.id), "GET");
      if (!response) return;
      const { deliveries } = (await response.json()) as { deliveries: WebhookDelivery[] };
      const rows = deliveries.map((d) => {
        const redeliver = h("button", { type: "button", "aria-label": `Redeliver ${d.eventId}` }, "Redeliver");
        redeliver.addEventListener("click", async () => {
          if (await send(webhookRoutes.redeliver(endpoint.id, d.deliveryId), "POST")) {
            ctx.toast("Queued again.");
            await showLog(endpoint);
          }
        });
        return h("tr", { "data-status": d.status },
          h("td", {}, when(d.createdAt)), h("td", {}, eventWords[d.event] ?? d.event), h("td", {}, d.status),
          h("td", {}, String(d.attempts)), h("td", {}, d.lastStatusCode ? String(d.lastStatusCode) : d.lastError ?? "—"),
          h("td", {}, d.status === "pending" ? when(d.nextAttemptAt) : when(d.lastAttemptAt)), h("td", {}, redeliver));
      });
      const close = h("button", { type: "button" }, "Close log");
      close.addEventListener("click", () => { log.hidden = true; });
      log.hidden = false;
      log.replaceChildren(h("h2", {}, `Deliveries to ${endpoint.url}`), close,
        rows.length === 0 ? h("p", { class: "muted" }, "Nothing sent yet.")
          : h("table", {}, h("thead", {}, h("tr", {}, ...["Queued", "Event", "Status", "Attempts", "Last answer", "Last or next attempt", ""].map((t) => h("th", {}, t)))),
            h("tbody", {}, ...rows)));
    };

    const item = (endpoint: WebhookEndpoint) => {
      const logButton = h("button", { type: "button" }, "Delivery log");
      logButton.addEventListener("click", () => void showLog(endpoint));
      const rotate = h("button", { type: "button" }, "Rotate secret");
      rotate.addEventListener("click", async () => {
        const response = await send(webhookRoutes.rotate(endpoint.id), "POST", { overlapHours: 24 });
        if (response) {
          showSecret((await response.json()) as WebhookSecretIssued);
          ctx.toast("New secret issued; the old one also signs for 24 hours.");
          await load();
        }
      });
      const revoke = h("button", { type: "button", "aria-label": `Revoke ${endpoint.url}` }, "Revoke");
      revoke.addEventListener("click", async () => {
        if (!confirm(`Stop sending to ${endpoint.url}? Queued deliveries are dropped.`)) return;
        if (await send(webhookRoutes.one(endpoint.id), "DELETE")) {
          ctx.toast("Endpoint revoked.");
          log.hidden = true;
          await load();
        }
      });
      const overlap = endpoint.previousSecretValidUntil && new Date(endpoint.previousSecretValidUntil) > new Date()
        ? h("p", { class: "muted" }, `The previous secret also signs until ${when(endpoint.previousSecretValidUntil)}.`) : "";
      return h("li", { "data-webhook-id": endpoint.id }, form(endpoint), overlap,
        h("p", { class: "muted" }, `Secret issued ${when(endpoint.secretIssuedAt)}`), logButton, rotate, revoke);
    };

    const load = async () => {
      const response = await send(webhookRoutes.list, "GET");
      if (!response) return;
      const body = (await response.json()) as WebhookList;
      events = body.events;
      list.replaceChildren(...(body.endpoints.length === 0 ? [h("li", { class: "muted" }, "No endpoints yet.")] : body.endpoints.map(item)));
    };

    root.append(h("div", { class: "view-head" }, h("h1", {}, "Webhooks")),
      h("p", { class: "muted" }, "Send chat events to your own systems. Each delivery is signed; failed ones are retried for about 9 hours (docs/operations.md)."),
      form(null), error, secretBox, list, log);
    void load();
  },
};
