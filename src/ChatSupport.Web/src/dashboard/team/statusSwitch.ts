// The agent's own presence in the header: online (takes chats) or away (keeps theirs, takes no new ones).
// Offline is not a choice: it is what having no dashboard open for a minute means.
import type { HubConnection } from "@microsoft/signalr";
import { h } from "../../dom";
import { AgentHubMethods, callAgentHub } from "../../protocol";
import type { AgentStatus } from "../../protocol";

export function statusSwitch(hub: HubConnection, me: string, toast: (m: string, kind?: "info" | "error") => void): HTMLElement {
  const select = h("select", { class: "my-status", "aria-label": "My status" },
    h("option", { value: "online" }, "Online"), h("option", { value: "away" }, "Away"));
  const show = (status: AgentStatus) => {
    select.value = status === "away" ? "away" : "online";
    select.dataset.status = status;
  };
  select.addEventListener("change", async () => {
    try {
      show(await callAgentHub(hub, AgentHubMethods.SetMyStatus, select.value as "online" | "away"));
    } catch {
      toast("Your status could not be changed. Please try again.", "error");
    }
  });
  // The stored choice (it survives sign-outs): read once the hub is connected.
  (select as HTMLSelectElement & { load: () => Promise<void> }).load = async () => {
    const team = await callAgentHub(hub, AgentHubMethods.GetTeam);
    const mine = team.find((m) => m.agentId === me);
    if (mine) show(mine.status === "offline" ? "online" : mine.status);
  };
  return select;
}
