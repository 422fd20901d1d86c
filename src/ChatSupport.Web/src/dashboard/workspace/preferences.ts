// The agent's preferences (sound and its volume, desktop notifications, theme, density), read from and saved to the
// server with the agent (GetPreferences / SavePreferences), so they follow the agent to any browser and survive a
// sign-out. The theme "system" follows the browser's light/dark setting live.
import type { HubConnection } from "@microsoft/signalr";
import { AgentHubMethods, callAgentHub, type AgentPreferences } from "../../protocol";

export const defaultPreferences: AgentPreferences = { sound: true, volume: 60, desktopNotifications: false, theme: "system", density: "comfortable" };

export class PreferencesStore {
  private value: AgentPreferences = { ...defaultPreferences };
  private readonly listeners = new Set<(p: AgentPreferences) => void>();
  private readonly dark = matchMedia("(prefers-color-scheme: dark)");

  constructor(private readonly hub: HubConnection) {
    this.dark.addEventListener("change", () => this.apply());
    this.apply();
  }

  get(): AgentPreferences {
    return this.value;
  }

  /** "light" or "dark": the theme chosen, or the system's when the agent follows it. */
  get theme(): "light" | "dark" {
    return this.value.theme === "system" ? (this.dark.matches ? "dark" : "light") : this.value.theme;
  }

  subscribe(listener: (p: AgentPreferences) => void): void {
    this.listeners.add(listener);
  }

  async load(): Promise<void> {
    this.value = { ...defaultPreferences, ...(await callAgentHub(this.hub, AgentHubMethods.GetPreferences)) };
    this.apply();
  }

  /** Stores them on the server; the page shows the stored answer. Throws a refusal (the caller shows it). */
  async save(next: AgentPreferences): Promise<void> {
    this.value = { ...defaultPreferences, ...(await callAgentHub(this.hub, AgentHubMethods.SavePreferences, next)) };
    this.apply();
  }

  private apply(): void {
    document.documentElement.dataset.theme = this.theme;
    document.documentElement.dataset.density = this.value.density;
    this.listeners.forEach((l) => l(this.value));
  }
}
