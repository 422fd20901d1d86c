// The workspace's settings on the wire (docs/protocol.md, "Settings routes"): the Settings page's document
// (GET/PUT /api/settings) and the widget's public view (GET /api/visitor/settings, and the visitor hub's
// SettingsChanged push, which carries the same view).

export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
export type WidgetPosition = "bottom_right" | "bottom_left";
export type PreChatField = "name" | "email";

export interface WeeklyInterval { day: Weekday; start: string; end: string }
export interface Holiday { date: string; name: string }
export interface TimeRange { start: string; end: string }
export interface DateOverride { date: string; hours: TimeRange[] }
export interface AutomatedMessage { enabled: boolean; delaySeconds: number; text: string }
export interface WidgetTexts { launcherLabel: string; title: string; subtitle: string; welcome: string }

export interface WidgetAppearance {
  primaryColor: string; position: WidgetPosition; offsetX: number; offsetY: number; showAgentNames: boolean;
  preChatForm: boolean; preChatFields: PreChatField[]; texts: Record<string, WidgetTexts>;
}

export interface WorkspaceSettings {
  version: number;
  general: { timeZone: string; language: string };
  workingHours: { enabled: boolean; weekly: WeeklyInterval[]; holidays: Holiday[]; overrides: DateOverride[] };
  automatedResponses: { greeting: AutomatedMessage; away: AutomatedMessage; stillLooking: AutomatedMessage; closing: AutomatedMessage };
  widget: WidgetAppearance;
  updatedAt: string | null; updatedBy: string | null;
}

/** What the widget may know: appearance, language, open now, back at, the expected reply (seconds, or null: the fixed text). */
export interface WidgetSettingsView {
  version: number; appearance: WidgetAppearance; language: string; open: boolean; backAt: string | null;
  expectedReplySeconds: number | null; validUntil: string | null;
}

/** The languages the widget has texts for (SettingsLimits.Languages), with their names for the Settings page. */
export const settingsLanguages: Record<string, string> = {
  en: "English", de: "Deutsch", fr: "Français", es: "Español", it: "Italiano", nl: "Nederlands", pt: "Português", sv: "Svenska", da: "Dansk", pl: "Polski",
};
