// Refusals. A refused hub call fails with "…HubException: code: sentence" (docs/protocol.md, "Errors"); a refused
// connect or route answers { error, message }. One parser and one vocabulary for the widget and the dashboard.

/** The stable codes of docs/protocol.md (hub errors, then connect and route refusals). */
export type RefusalCode =
  | "invalid_input" | "unknown_session" | "not_your_session" | "already_started" | "already_assigned" | "not_assigned"
  | "not_assigned_agent" | "same_agent" | "chat_resolved" | "not_resolved" | "already_rated" | "agents_only"
  | "visitors_only" | "unknown_agent" | "queue_full" | "slow_down" | "sign_in_expired" | "try_again" | "server_error"
  | "sign_in_required" | "visitor_token_required" | "system_admin_required" | "scale_plan_required"
  | "priority_support_required" | "unknown_tenant" | "origin_not_allowed" | "cross_site_refused";

export interface HubRefusal { code: RefusalCode; message: string; }

/** Codes the server has renamed, by their old name: the server is unifying agent_sign_in_required into agents_only. */
const renamed: Record<string, RefusalCode> = { agent_sign_in_required: "agents_only" };

export const normalizeRefusalCode = (code: string): RefusalCode => renamed[code] ?? (code as RefusalCode);

/** The code and sentence of a refused hub call, or null when the error is something else (a lost connection…). */
export function parseHubRefusal(error: unknown): HubRefusal | null {
  const raw = error instanceof Error ? error.message : String(error);
  const match = /HubException: ([a-z_]+): (.*)$/s.exec(raw);
  return match ? { code: normalizeRefusalCode(match[1]), message: match[2] } : null;
}
