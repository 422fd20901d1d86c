// The page's one agent hub connection: built by the protocol module (its keep-alive, server timeout and reconnects
// forever with backoff), restarted when the server closed it, and telling the shell its state so the page can show it
// and catch up afterwards.
import { HubConnectionState, type HubConnection } from "@microsoft/signalr";
import { buildHubConnection } from "../protocol";

export type LinkState = "connected" | "reconnecting" | "offline";

export interface AgentLink {
  hub: HubConnection;
  start(): Promise<void>;
  onState(listener: (state: LinkState) => void): void;
  /** After every reconnect: the page reloads what it may have missed. */
  onResumed(listener: () => void): void;
}

export function createAgentLink(): AgentLink {
  const hub = buildHubConnection("/hubs/agent");

  const stateListeners: ((s: LinkState) => void)[] = [];
  const resumedListeners: (() => void)[] = [];
  const tell = (s: LinkState) => stateListeners.forEach((l) => l(s));

  hub.onreconnecting(() => tell("reconnecting"));
  hub.onreconnected(() => {
    tell("connected");
    resumedListeners.forEach((l) => l());
  });
  // The automatic policy never gives up, so onclose means the server closed us (sign-in ended) or a start failed:
  // start over until it works; a sign-in that ended sends the page back to the sign-in form (main.ts).
  hub.onclose(() => {
    tell("offline");
    void restart();
  });

  async function restart(): Promise<void> {
    for (let attempt = 0; hub.state === HubConnectionState.Disconnected; attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(1_000 * 2 ** attempt, 10_000)));
      if (hub.state !== HubConnectionState.Disconnected) return;
      const me = await fetch("/api/auth/me", { credentials: "same-origin" }).catch(() => null);
      if (me?.status === 401) {
        location.reload();
        return;
      }
      try {
        await hub.start();
        tell("connected");
        resumedListeners.forEach((l) => l());
      } catch { /* next attempt */ }
    }
  }

  return {
    hub,
    async start() {
      await hub.start();
      tell("connected");
    },
    onState: (l) => void stateListeners.push(l),
    onResumed: (l) => void resumedListeners.push(l),
  };
}
