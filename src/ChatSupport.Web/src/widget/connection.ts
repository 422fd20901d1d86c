// The visitor's token (POST /api/visitor/token, renewed a minute before it expires, kept for the next visit) and the
// one visitor hub connection, built by the protocol module. Events are wired by events.ts on every new connection.
import type { HubConnection } from "@microsoft/signalr";
import { HubConnectionState } from "@microsoft/signalr";
import { buildHubConnection, type VisitorToken } from "../protocol";
import { base, store, tenant } from "./config";
import { state } from "./state";

let wire: (hub: HubConnection) => void = () => {};
let connecting: Promise<HubConnection> | null = null;

/** Set once at boot: subscribes a new connection to the server's events. */
export function onNewConnection(subscribe: (hub: HubConnection) => void): void {
  wire = subscribe;
}

async function fetchToken(): Promise<VisitorToken> {
  const previousToken = store.get("token");
  const res = await fetch(`${base}/api/visitor/token?tenant=${encodeURIComponent(tenant)}`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ previousToken }), credentials: "omit",
  });
  if (!res.ok) {
    const err = await res.json().catch(() => ({} as { error?: string }));
    throw new Error(err.error ?? `http_${res.status}`);
  }
  const answer = (await res.json()) as VisitorToken;
  store.set("token", answer.token);
  return answer;
}

export async function currentToken(): Promise<string> {
  if (!state.token || Date.parse(state.token.expiresAt) - Date.now() < 60_000) state.token = await fetchToken();
  return state.token.token;
}

/** The connected hub; concurrent callers share one connect. */
export function connect(): Promise<HubConnection> {
  const hub = state.hub;
  if (hub && hub.state !== HubConnectionState.Disconnected) return Promise.resolve(hub);
  connecting ??= (async () => {
    try {
      await currentToken();
      // The token goes as a query parameter (a cross-origin browser WebSocket cannot send headers); no cookies.
      // The tenant in the URL names whose allowed origins answer the negotiate's CORS preflight (which carries no token).
      const c = buildHubConnection(`${base}/hubs/visitor?tenant=${encodeURIComponent(tenant)}`, { accessTokenFactory: currentToken, withCredentials: false });
      wire(c);
      await c.start();
      state.hub = c;
      return c;
    } finally {
      connecting = null;
    }
  })();
  return connecting;
}
