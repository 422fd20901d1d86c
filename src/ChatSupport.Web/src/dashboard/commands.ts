// The chat commands every view offers (queue rows, details panel, map, mini chat), in one place: each calls the
// hub, shows a refusal in words ("This chat is already assigned to Sam."), and returns whether it worked.
// The change itself reaches every open dashboard through DeskChanged; nothing here edits the list by hand.
import type { DashboardContext, SessionSummary } from "./context";
import { refusalOf } from "./errors";

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
  run(ctx, () => ctx.hub.invoke<SessionSummary>("AssignToMe", sessionId));

export const assignTo = (ctx: DashboardContext, sessionId: string, agentId: string) =>
  run(ctx, () => ctx.hub.invoke("AssignTo", sessionId, agentId));

export const transfer = (ctx: DashboardContext, sessionId: string, agentId: string, note: string) =>
  run(ctx, () => ctx.hub.invoke("Transfer", sessionId, agentId, note.trim() === "" ? null : note.trim()));

export const resolve = (ctx: DashboardContext, sessionId: string) => run(ctx, () => ctx.hub.invoke("Resolve", sessionId));

export interface TeamMember { agentId: string; displayName: string; online: boolean; openChats: number; }

export async function loadTeam(ctx: DashboardContext): Promise<TeamMember[]> {
  try {
    return await ctx.hub.invoke<TeamMember[]>("GetTeam");
  } catch (e) {
    ctx.toast(refusalOf(e).message, "error");
    return [];
  }
}
