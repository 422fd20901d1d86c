// What the mini chat adds to the wire shapes (those are in src/protocol/).

/** A message the agent sent that the server has not acknowledged (yet, or at all). */
export interface OutgoingMessage { clientMessageId: string; text: string; state: "sending" | "failed"; error?: string; }
