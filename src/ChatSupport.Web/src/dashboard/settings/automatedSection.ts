// Automated responses: each with an on/off switch, a delay and its text. They are stored in the chat as automated
// messages (never an agent's reply); a delayed one survives a silo's death (docs/architecture.md, "Settings").
import { h } from "../../dom";
import type { AutomatedMessage, WorkspaceSettings } from "../../protocol";
import { areaField, checkField, numberField } from "./fields";

type Key = keyof WorkspaceSettings["automatedResponses"];
const messages: [Key, string, string][] = [
  ["greeting", "Greeting", "When a chat starts inside working hours."],
  ["away", "Away message", "Outside working hours: once per closed period, when a chat starts or a waiting visitor writes."],
  ["stillLooking", "Still looking", "While the chat waits for an agent, after the delay. {position} becomes the visitor's place in the queue."],
  ["closing", "Closing message", "When an agent resolves the chat, above the rating prompt."],
];

export function automatedSection(draft: WorkspaceSettings, changed: () => void): HTMLElement {
  const rows = messages.map(([key, title, hint]) => {
    const m: AutomatedMessage = draft.automatedResponses[key];
    const path = `automatedResponses.${key}`;
    return h("fieldset", { class: "automated", "data-field": path }, h("legend", {}, title), h("p", { class: "hint" }, hint),
      checkField(`${path}.enabled`, `Send the ${title.toLowerCase()}`, m.enabled, (v) => { m.enabled = v; changed(); }).element,
      numberField(`${path}.delaySeconds`, "Delay (seconds)", m.delaySeconds, 0, 3600, (v) => { m.delaySeconds = v; changed(); }).element,
      areaField(`${path}.text`, "Text", m.text, 1000, (v) => { m.text = v; changed(); }).element);
  });
  return h("fieldset", { class: "settings-section" }, h("legend", {}, "Automated responses"), ...rows);
}
