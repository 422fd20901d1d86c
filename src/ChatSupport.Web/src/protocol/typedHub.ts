// Calls and subscriptions by name constant, typed by the hub's contract: callVisitorHub(hub, VisitorHubMethods.Resume,
// id, lastSeq) is a Promise<ResumeResult>. Thin wrappers over HubConnection: they add types, not behavior.
import type { HubConnection } from "@microsoft/signalr";
import type { AgentHubCalls, ClientEventPayloads, VisitorEventPayloads, VisitorHubCalls } from "./hubContracts";

type Call = (...args: never[]) => unknown;
type Caller<Calls> = <M extends keyof Calls & string>(
  hub: HubConnection, method: M, ...args: Calls[M] extends Call ? Parameters<Calls[M]> : never
) => Promise<Calls[M] extends Call ? ReturnType<Calls[M]> : never>;

const call = ((hub: HubConnection, method: string, ...args: unknown[]) => hub.invoke(method, ...args)) as never;

export const callVisitorHub: Caller<VisitorHubCalls> = call;
export const callAgentHub: Caller<AgentHubCalls> = call;

/** Subscribes to an agent hub event (full payloads); returns the unsubscribe function. */
export function onServerEvent<E extends keyof ClientEventPayloads>(
  hub: HubConnection, event: E, handler: (payload: ClientEventPayloads[E]) => void,
): () => void {
  hub.on(event, handler);
  return () => hub.off(event, handler);
}

/** Subscribes to a visitor hub event (the visitor's view); returns the unsubscribe function. */
export function onVisitorEvent<E extends keyof VisitorEventPayloads>(
  hub: HubConnection, event: E, handler: (payload: VisitorEventPayloads[E]) => void,
): () => void {
  hub.on(event, handler);
  return () => hub.off(event, handler);
}
