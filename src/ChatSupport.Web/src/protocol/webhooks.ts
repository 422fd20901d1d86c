// Webhook routes' wire types (docs/protocol.md, "Webhooks"). A secret arrives only in a WebhookSecretIssued answer.
export type WebhookEventName =
  | "chat.started" | "chat.assigned" | "chat.transferred" | "chat.rerouted" | "message.created"
  | "chat.resolved" | "chat.closed" | "chat.rated" | "chat.reopened" | "target.missed";

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEventName[];
  createdAt: string;
  createdBy: string;
  secretIssuedAt: string;
  previousSecretValidUntil: string | null;
}

export interface WebhookList { endpoints: WebhookEndpoint[]; events: WebhookEventName[] }

export interface WebhookSecretIssued { endpoint: WebhookEndpoint; secret: string }

export type WebhookDeliveryStatus = "pending" | "succeeded" | "failed";

export interface WebhookDelivery {
  deliveryId: string;
  eventId: string;
  event: WebhookEventName;
  sessionId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
}

export const webhookRoutes = {
  list: "/api/webhooks",
  one: (id: string) => `/api/webhooks/${encodeURIComponent(id)}`,
  rotate: (id: string) => `/api/webhooks/${encodeURIComponent(id)}/rotate-secret`,
  deliveries: (id: string) => `/api/webhooks/${encodeURIComponent(id)}/deliveries`,
  redeliver: (id: string, deliveryId: string) =>
    `/api/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
} as const;
