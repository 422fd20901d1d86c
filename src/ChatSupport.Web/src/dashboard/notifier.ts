// Tells agents a chat started waiting: an in-page toast, a short sound (if the agent's preferences want it, at their
// volume), a count in the tab title (waiting chats plus unread messages), and a browser notification when the agent
// turned them on in their preferences and the browser allowed them. Arrivals within a short window are grouped into one notice
// ("3 new chats waiting"), so a burst never floods the agent.
import type { DeskStore } from "./context";
import type { AgentPreferences, DeskDelta } from "../protocol";

const groupWindowMs = 1_500;

export class WaitingNotifier {
  private pending: string[] = [];
  private timer: number | undefined;
  private audio: AudioContext | undefined;
  private readonly baseTitle = document.title;
  /** Each new waiting chat notifies once, even if its delta is seen twice (reconnect, snapshot reload). */
  private readonly announced = new Set<string>();

  constructor(
    private readonly desk: DeskStore,
    private readonly toast: (text: string) => void,
    private readonly label: (sessionId: string) => string,
    private readonly preferences: { get(): AgentPreferences },
    private readonly unread: () => number = () => 0,
  ) {
    desk.subscribe(() => this.updateTitle());
    // Browsers allow sound only after a user gesture: the first click or key on the page unlocks it.
    const unlock = () => {
      this.audio ??= new AudioContext();
      void this.audio.resume();
    };
    addEventListener("pointerdown", unlock, { once: true });
    addEventListener("keydown", unlock, { once: true });
  }

  /** Marks the chats waiting at page load as known: the agent sees them in the list, no need to ring. */
  knowExisting(): void {
    for (const s of this.desk.all()) this.announced.add(s.sessionId);
  }

  onDelta(d: DeskDelta): void {
    if (d.kind !== "added" || d.session.status !== "waiting_for_agent" || this.announced.has(d.session.sessionId)) return;
    this.announced.add(d.session.sessionId);
    this.pending.push(d.session.sessionId);
    this.timer ??= window.setTimeout(() => this.flush(), groupWindowMs);
  }

  get permission(): NotificationPermission | "unsupported" {
    return "Notification" in window ? Notification.permission : "unsupported";
  }

  async askPermission(): Promise<void> {
    if ("Notification" in window && Notification.permission === "default") await Notification.requestPermission();
  }

  private flush(): void {
    this.timer = undefined;
    const ids = this.pending.splice(0);
    if (ids.length === 0) return;
    this.announce(ids.length === 1 ? `New chat waiting: ${this.label(ids[0])}` : `${ids.length} new chats waiting`, "chatsupport-waiting");
  }

  /** One notice the same way as a new chat's: the toast, the sound, and a browser notification while the tab is hidden. */
  announce(text: string, tag: string): void {
    this.toast(text);
    this.beep();
    if (this.preferences.get().desktopNotifications && this.permission === "granted" && document.visibilityState !== "visible") {
      const n = new Notification("ChatSupport", { body: text, tag });
      n.onclick = () => { window.focus(); n.close(); };
    }
  }

  /** The tab title: "(n) ChatSupport", n = chats waiting for an agent plus unread visitor messages. */
  refreshTitle(): void {
    this.updateTitle();
  }

  private updateTitle(): void {
    const waiting = this.desk.all().filter((s) => s.status === "waiting_for_agent").length + this.unread();
    document.title = waiting > 0 ? `(${waiting}) ${this.baseTitle}` : this.baseTitle;
  }

  private beep(): void {
    const { sound, volume } = this.preferences.get();
    if (!sound || volume <= 0 || !this.audio || this.audio.state !== "running") return;
    const osc = this.audio.createOscillator();
    const gain = this.audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.25 * (volume / 100), this.audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, this.audio.currentTime + 0.25);
    osc.connect(gain).connect(this.audio.destination);
    osc.start();
    osc.stop(this.audio.currentTime + 0.25);
  }
}
