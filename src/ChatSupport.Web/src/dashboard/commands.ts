// The chat commands every view offers (queue rows, details panel, map, mini chat), in one place: each calls the
// hub, shows a refusal in words ("This chat is already assigned to Sam."), and returns whether it worked.
// The change itself reaches every open dashboard through DeskChanged; nothing here edits the list by hand.
import { AgentHubMethods, callAgentHub, type TeamMember } from "../protocol";
import type { DashboardContext } from "./context";
import { refusalOf } from "./errors";

export type { TeamMember } from "../protocol";

async function run(ctx: DashboardContext, call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (e) {
    ctx.toast(refusalOf(e).message, "error");
    return false;
  }
}

export const assignToMe = (ctx: DashboardContext, sessionId: string) =>
  run(ctx, () => callAgentHub(ctx.hub, AgentHubMethods.AssignToMe, sessionId));

export const assignTo = (ctx: DashboardContext, sessionId: string, agentId: string) =>
  run(ctx, () => callAgentHub(ctx.hub, AgentHubMethods.AssignTo, sessionId, agentId));

export const transfer = (ctx: DashboardContext, sessionId: string, agentId: string, note: string) =>
  run(ctx, () => callAgentHub(ctx.hub, AgentHubMethods.Transfer, sessionId, agentId, note.trim() === "" ? null : note.trim()));

export const resolve = (ctx: DashboardContext, sessionId: string) =>
  run(ctx, () => callAgentHub(ctx.hub, AgentHubMethods.Resolve, sessionId));

/** "Close selected": each chat resolved by the caller; answers how many closed, and shows why the others did not. */
export async function closeChats(ctx: DashboardContext, sessionIds: string[]): Promise<number> {
  try {
    const results = await callAgentHub(ctx.hub, AgentHubMethods.CloseChats, sessionIds);
    const closed = results.filter((r) => r.closed).length;
    const failed = results.filter((r) => !r.closed);
    if (failed.length === 0) ctx.toast(`Closed ${closed} chat${closed === 1 ? "" : "s"}.`);
    else ctx.toast(`Closed ${closed}; ${failed.length} not closed: ${failed[0].message ?? failed[0].error}`, "error");
    return closed;
  } catch (e) {
    ctx.toast(refusalOf(e).message, "error");
    return 0;
  }
}

export async function loadTeam(ctx: DashboardContext): Promise<TeamMember[]> {
  try {
    return await callAgentHub(ctx.hub, AgentHubMethods.GetTeam);
  } catch (e) {
    ctx.toast(refusalOf(e).message, "error");
    return [];
  }
}
