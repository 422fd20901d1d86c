// The follow-up choices of a resolved chat, as Chatwoot's snooze offers them: in 1 hour, tomorrow (9:00, the agent's
// local time), next week (Monday 9:00) or a chosen time. Pure, so the choices are the same wherever they show.
export type FollowUpChoice = "hour" | "tomorrow" | "week" | "custom";

export const followUpChoices: { value: FollowUpChoice; label: string }[] = [
  { value: "hour", label: "In 1 hour" },
  { value: "tomorrow", label: "Tomorrow, 9:00" },
  { value: "week", label: "Next week, Monday 9:00" },
  { value: "custom", label: "Choose a time…" },
];

/** When a choice falls, from now; custom is the datetime-local input's value (local time), or null when empty. */
export function followUpAt(choice: FollowUpChoice, now: Date, custom: string): Date | null {
  const at = new Date(now);
  switch (choice) {
    case "hour":
      return new Date(now.getTime() + 60 * 60 * 1000);
    case "tomorrow":
      at.setDate(at.getDate() + 1);
      at.setHours(9, 0, 0, 0);
      return at;
    case "week":
      at.setDate(at.getDate() + (((8 - at.getDay()) % 7) || 7)); // the next Monday, never today
      at.setHours(9, 0, 0, 0);
      return at;
    case "custom":
      return custom ? new Date(custom) : null;
  }
}
