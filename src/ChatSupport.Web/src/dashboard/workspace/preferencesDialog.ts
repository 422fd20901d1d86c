// The Preferences dialog (a native modal <dialog>: focus stays inside, Escape closes it).
import { h, text } from "../../dom";
import { refusalOf } from "../errors";
import type { AgentPreferences } from "../../protocol";
import type { PreferencesStore } from "./preferences";

export function preferencesDialog(store: PreferencesStore, askNotifications: () => Promise<void>): { element: HTMLDialogElement; open(): void } {
  const sound = h("input", { type: "checkbox", name: "sound" });
  const volume = h("input", { type: "range", name: "volume", min: "0", max: "100", step: "5" });
  const desktop = h("input", { type: "checkbox", name: "desktopNotifications" });
  const radios = (name: string, choices: [string, string][]) => h("fieldset", { class: "choice" }, h("legend", {}, name === "theme" ? "Theme" : "Density"),
    ...choices.map(([value, label]) => h("label", {}, h("input", { type: "radio", name, value }), ` ${label}`)));
  const theme = radios("theme", [["system", "Follow the system"], ["light", "Light"], ["dark", "Dark"]]);
  const density = radios("density", [["comfortable", "Comfortable"], ["compact", "Compact"]]);
  const error = h("p", { class: "form-error", role: "alert" });
  const save = h("button", { type: "submit", class: "primary" }, "Save preferences");
  const cancel = h("button", { type: "button" }, "Cancel");
  const form = h("form", { class: "preferences-form", method: "dialog" },
    h("h2", { id: "preferences-title" }, "Preferences"),
    h("label", {}, sound, " Sound for new chats"),
    h("label", {}, "Volume ", volume),
    h("label", {}, desktop, " Desktop notifications"),
    theme, density, error, h("div", { class: "row" }, save, cancel));
  const dialog = h("dialog", { class: "preferences", "aria-labelledby": "preferences-title" }, form);

  const fill = (p: AgentPreferences) => {
    sound.checked = p.sound;
    volume.value = String(p.volume);
    desktop.checked = p.desktopNotifications;
    for (const input of form.querySelectorAll<HTMLInputElement>("input[type=radio]")) input.checked = input.value === (input.name === "theme" ? p.theme : p.density);
    text(error, "");
  };
  cancel.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const picked = (name: string) => form.querySelector<HTMLInputElement>(`input[name=${name}]:checked`)?.value;
    const next: AgentPreferences = {
      sound: sound.checked, volume: Number(volume.value), desktopNotifications: desktop.checked,
      theme: (picked("theme") ?? "system") as AgentPreferences["theme"], density: (picked("density") ?? "comfortable") as AgentPreferences["density"],
    };
    try {
      if (next.desktopNotifications) await askNotifications();
      await store.save(next);
      dialog.close();
    } catch (err) {
      text(error, refusalOf(err).message);
    }
  });
  return {
    element: dialog,
    open() {
      fill(store.get());
      dialog.showModal();
    },
  };
}
