// General: the workspace's time zone (IANA; the browser's list to pick from, the server's to check) and language.
import { h } from "../../dom";
import { settingsLanguages, type WorkspaceSettings } from "../../protocol";
import { selectField, textField } from "./fields";

/** The browser's IANA zones to choose from (Intl.supportedValuesOf, where the browser has it). */
function zoneNames(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try { return intl.supportedValuesOf?.("timeZone") ?? []; } catch { return []; }
}

export function generalSection(draft: WorkspaceSettings, changed: () => void): HTMLElement {
  const zones = h("datalist", { id: "settings-time-zones" },
    ...zoneNames().map((z) => h("option", { value: z })));
  const zone = textField("general.timeZone", "Time zone", draft.general.timeZone, (v) => { draft.general.timeZone = v.trim(); changed(); },
    { list: "settings-time-zones", autocomplete: "off", spellcheck: "false" });
  const language = selectField("general.language", "Language", draft.general.language, Object.entries(settingsLanguages),
    (v) => { draft.general.language = v; changed(); });
  return h("fieldset", { class: "settings-section" }, h("legend", {}, "General"),
    h("p", { class: "hint" }, "Working hours, holidays and overrides are read in this time zone; the widget falls back to this language."),
    zone.element, zones, language.element);
}
