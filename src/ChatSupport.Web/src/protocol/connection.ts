// Builds a hub connection with the settings docs/protocol.md asks of clients ("Connection settings"): a ping every
// 5 s (the server drops a client silent for 20 s), the server counted as lost after 15 s of silence, and automatic
// reconnects that never give up, backing off from 0.5 s to 10 s.
import { HubConnectionBuilder, LogLevel, type HubConnection, type IHttpConnectionOptions } from "@microsoft/signalr";

export const keepAliveIntervalMs = 5_000;
export const serverTimeoutMs = 15_000;

export function buildHubConnection(url: string, options: IHttpConnectionOptions = {}): HubConnection {
  const hub = new HubConnectionBuilder()
    .withUrl(url, options)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (r) => Math.min(500 * 2 ** r.previousRetryCount, 10_000) })
    .configureLogging(LogLevel.None)
    .build();
  hub.keepAliveIntervalInMilliseconds = keepAliveIntervalMs;
  hub.serverTimeoutInMilliseconds = serverTimeoutMs;
  return hub;
}
