// Hub refusals as the dashboard shows them: the server's sentence when it refused (parsed by the protocol module),
// otherwise a sentence of our own. Views branch on the code.
import { parseHubRefusal, type RefusalCode } from "../protocol";

export interface Refusal { code: RefusalCode | "offline" | "unknown"; message: string; }

export function refusalOf(error: unknown): Refusal {
  const refusal = parseHubRefusal(error);
  if (refusal) return refusal;
  const raw = error instanceof Error ? error.message : String(error);
  if (/connection/i.test(raw)) return { code: "offline", message: "Not connected. The page reconnects by itself; try again in a moment." };
  return { code: "unknown", message: "Something went wrong. Try again." };
}
