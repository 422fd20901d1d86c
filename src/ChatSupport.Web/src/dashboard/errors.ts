// Hub refusals arrive as "…HubException: code: sentence" (docs/protocol.md). The dashboard shows the sentence
// and branches on the code.
export interface Refusal { code: string; message: string; }

export function refusalOf(error: unknown): Refusal {
  const raw = error instanceof Error ? error.message : String(error);
  const match = /HubException: ([a-z_]+): (.*)$/s.exec(raw);
  if (match) return { code: match[1], message: match[2] };
  if (/connection/i.test(raw)) return { code: "offline", message: "Not connected. The page reconnects by itself; try again in a moment." };
  return { code: "unknown", message: "Something went wrong. Try again." };
}
