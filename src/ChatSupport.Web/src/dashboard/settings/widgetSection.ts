// Widget appearance: colour (with white text at 4.5:1 or more), position and offsets, whether agents' names and
// initials show, the pre-chat form and its fields, and the texts per language (the widget picks the visitor's).
import { h, text } from "../../dom";
import { settingsLanguages, type PreChatField, type WidgetTexts, type WorkspaceSettings } from "../../protocol";
import { contrastWithWhite } from "./contrast";
import { areaField, checkField, numberField, selectField, textField } from "./fields";

const defaults: WidgetTexts = { launcherLabel: "Chat with us", title: "Chat with us", subtitle: "We usually reply in a few minutes.", welcome: "Hi! How can we help?" };

export function widgetSection(draft: WorkspaceSettings, changed: () => void): HTMLElement {
  const root = h("fieldset", { class: "settings-section" });
  const w = draft.widget;
  const redraw = () => { root.replaceChildren(...build()); changed(); };

  const build = (): Node[] => {
    const ratio = h("p", { class: "hint contrast", "aria-live": "polite" });
    const showRatio = () => {
      const r = contrastWithWhite(w.primaryColor);
      text(ratio, r === null ? "Write the colour as #rrggbb."
        : `Contrast with white text: ${r.toFixed(2)}:1 — ${r >= 4.5 ? "passes WCAG AA" : "below 4.5:1: choose a darker colour"}.`);
      ratio.dataset.passes = String(r !== null && r >= 4.5);
    };
    const colour = textField("widget.primaryColor", "Primary colour", w.primaryColor, (v) => { w.primaryColor = v.trim(); sync(); showRatio(); changed(); },
      { pattern: "#[0-9A-Fa-f]{6}", spellcheck: "false", autocomplete: "off", size: "8" });
    const picker = h("input", { type: "color", value: /^#[0-9a-f]{6}$/i.test(w.primaryColor) ? w.primaryColor : "#1d4ed8", "aria-label": "Pick the primary colour" });
    const sync = () => { if (/^#[0-9a-f]{6}$/i.test(w.primaryColor)) picker.value = w.primaryColor.toLowerCase(); };
    picker.addEventListener("input", () => { w.primaryColor = picker.value; colour.input.value = picker.value; showRatio(); changed(); });
    colour.element.append(picker);
    showRatio();

    const fields = h("fieldset", { class: "prechat-fields", "data-field": "widget.preChatFields" }, h("legend", {}, "Pre-chat form fields"),
      ...(["name", "email"] as PreChatField[]).map((f) => checkField(`widget.preChatFields.${f}`, f === "name" ? "Name" : "Email", w.preChatFields.includes(f), (on) => {
        w.preChatFields = (["name", "email"] as PreChatField[]).filter((x) => (x === f ? on : w.preChatFields.includes(x)));
        changed();
      }).element));

    const languages = Object.keys(w.texts);
    const texts = languages.map((lang) => {
      const t = w.texts[lang];
      const path = `widget.texts.${lang}`;
      const remove = h("button", { type: "button", disabled: lang === draft.general.language }, `Remove ${settingsLanguages[lang] ?? lang}`);
      remove.addEventListener("click", () => { delete w.texts[lang]; redraw(); });
      return h("fieldset", { class: "texts", "data-field": path, lang }, h("legend", {}, `Texts: ${settingsLanguages[lang] ?? lang}`),
        textField(`${path}.launcherLabel`, "Launcher label", t.launcherLabel, (v) => { t.launcherLabel = v; changed(); }, { maxlength: "30" }).element,
        textField(`${path}.title`, "Title", t.title, (v) => { t.title = v; changed(); }, { maxlength: "60" }).element,
        textField(`${path}.subtitle`, "Subtitle", t.subtitle, (v) => { t.subtitle = v; changed(); }, { maxlength: "120" }).element,
        areaField(`${path}.welcome`, "Welcome text", t.welcome, 500, (v) => { t.welcome = v; changed(); }).element,
        h("div", { class: "row" }, remove));
    });
    const missing = Object.entries(settingsLanguages).filter(([l]) => !languages.includes(l));
    const add = selectField("widget.texts", "Add texts in", "", [["", "Choose a language…"], ...missing], (l) => {
      if (!l) return;
      w.texts[l] = { ...(w.texts[draft.general.language] ?? defaults) };
      redraw();
    });

    return [
      h("legend", {}, "Widget appearance"),
      colour.element, ratio,
      selectField("widget.position", "Position", w.position, [["bottom_right", "Bottom right"], ["bottom_left", "Bottom left"]],
        (v) => { w.position = v as typeof w.position; changed(); }).element,
      numberField("widget.offsetX", "Offset from the side (px)", w.offsetX, 0, 200, (v) => { w.offsetX = v; changed(); }).element,
      numberField("widget.offsetY", "Offset from the bottom (px)", w.offsetY, 0, 200, (v) => { w.offsetY = v; changed(); }).element,
      checkField("widget.showAgentNames", "Show agents' names and initials", w.showAgentNames, (v) => { w.showAgentNames = v; changed(); }).element,
      checkField("widget.preChatForm", "Ask for details before a chat (pre-chat form)", w.preChatForm, (v) => { w.preChatForm = v; changed(); }).element,
      fields,
      h("p", { class: "hint" }, "The widget shows the texts of the visitor's browser language, else the workspace's language."),
      ...texts, add.element,
    ];
  };
  root.replaceChildren(...build());
  return root;
}
