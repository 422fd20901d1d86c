// The workspace's shortcuts, on the chat under the keyboard (workspace/cursor.ts). docs/workspace.md lists them.
import type { ChatDock } from "../chat/chatDock";
import { assignToMe, resolve } from "../commands";
import type { DashboardContext } from "../context";
import type { DetailsPanel } from "../details/detailsPanel";
import { chatCursor } from "./cursor";
import type { Shortcuts } from "./shortcuts";

interface Parts {
  ctx: () => DashboardContext;
  dock: ChatDock;
  details: DetailsPanel;
  show: (hash: string) => void;
  myStatus: HTMLSelectElement;
}

export function workspaceShortcuts(shortcuts: Shortcuts, { ctx, dock, details, show, myStatus }: Parts): void {
  /** Runs `act` on the current chat, or says how to pick one. */
  const onChat = (act: (id: string) => void) => () => {
    const id = chatCursor.current;
    if (id) act(id);
    else ctx().toast("Pick a chat first: j and k move through the list.");
  };
  const queue = (folder: string) => () => show(`queue?folder=${folder}`);
  shortcuts.add({ keys: ["j"], label: "j", does: "Next chat in the list", run: () => chatCursor.move(1) });
  shortcuts.add({ keys: ["k"], label: "k", does: "Previous chat in the list", run: () => chatCursor.move(-1) });
  shortcuts.add({ keys: ["o", "Enter"], label: "o or Enter", does: "Open the chat (docked)", run: onChat((id) => ctx().openChat(id)) });
  shortcuts.add({ keys: ["x"], label: "x", does: "Full view of the chat, or dock it back", run: onChat((id) => dock.expand(document.body.classList.contains("conversation-open") ? null : id)) });
  shortcuts.add({
    keys: ["a"], label: "a", does: "Assign the chat to me (and open it)",
    run: onChat((id) => void assignToMe(ctx(), id).then((ok) => ok && ctx().openChat(id))),
  });
  shortcuts.add({ keys: ["r"], label: "r", does: "Reply: focus the chat's composer", run: onChat((id) => dock.focusComposer(id)) });
  shortcuts.add({ keys: ["q"], label: "q", does: "Quick replies in the chat's composer", run: onChat((id) => dock.quickReplies(id)) });
  shortcuts.add({
    keys: ["e"], label: "e", does: "Resolve the chat",
    run: onChat((id) => void resolve(ctx(), id).then((ok) => ok && ctx().toast("Chat resolved."))),
  });
  shortcuts.add({
    keys: ["t"], label: "t", does: "Transfer (or assign) the chat: pick the agent in its details",
    run: onChat((id) => {
      ctx().showDetails(id);
      details.element.querySelector<HTMLSelectElement>(".handoff select")?.focus();
    }),
  });
  shortcuts.add({ keys: ["i"], label: "i", does: "Details of the chat", run: onChat((id) => ctx().showDetails(id)) });
  shortcuts.add({ keys: ["/"], label: "/", does: "Search the open chats", run: () => ctx().workspace.searchBox.focus() });
  shortcuts.add({ keys: ["1"], label: "1", does: "My chats", run: queue("mine") });
  shortcuts.add({ keys: ["2"], label: "2", does: "Unassigned chats", run: queue("unassigned") });
  shortcuts.add({ keys: ["3"], label: "3", does: "All open chats", run: queue("all") });
  shortcuts.add({
    keys: ["A"], label: "Shift+A", does: "Toggle away / online",
    run: () => {
      myStatus.value = myStatus.value === "away" ? "online" : "away";
      myStatus.dispatchEvent(new Event("change"));
    },
  });
}
