// A chat's private notes in the mini chat: held by their own number (notes are numbered apart from the messages, so
// the visitor's numbers never skip), shown after the message each followed, in a style of their own, with a composer
// that is there for every agent whatever the chat's status (a note can go on any chat, open or resolved).
import { h } from "../../dom";
import type { DashboardContext } from "../context";
import { refusalOf } from "../errors";
import { clock } from "../format";
import { AgentHubMethods, callAgentHub, type ChatNote } from "../../protocol";

export class ChatNotes {
  private readonly bySeq = new Map<number, ChatNote>();
  private lastRead = 0;
  private reading: Promise<void> | null = null;
  readonly composer: HTMLFormElement;
  private readonly input = h("textarea", { rows: "1", maxlength: "4000", "aria-label": "Private note", placeholder: "Private note for agents (@username to mention)…" });

  constructor(private readonly sessionId: string, private readonly ctx: DashboardContext, private readonly changed: () => void) {
    const add = h("button", { type: "submit" }, "Add note");
    this.composer = h("form", { class: "note-composer" }, this.input, add);
    this.composer.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.add();
    });
  }

  /** The notes, in order. */
  get all(): ChatNote[] {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Notes read in order (OpenChat's, GetNotes'). */
  replace(notes: ChatNote[]): void {
    for (const n of notes) this.bySeq.set(n.seq, n);
    this.lastRead = Math.max(this.lastRead, ...notes.map((n) => n.seq), 0);
    this.changed();
  }

  /** A live note; one past a gap reads every note again (a chat holds few). */
  onNote(note: ChatNote): void {
    const gap = note.seq > this.lastRead + 1;
    this.bySeq.set(note.seq, note);
    if (!gap) this.lastRead = Math.max(this.lastRead, note.seq);
    this.changed();
    if (gap) void this.readAll();
  }

  /** The session says how many notes there are: read them when some are missing. */
  checkSeq(lastNoteSeq: number | undefined): void {
    if ((lastNoteSeq ?? 0) > this.lastRead) void this.readAll();
  }

  render(n: ChatNote): HTMLElement {
    const label = n.kind === "transfer" ? "Transfer note" : "Private note";
    return h("div", { class: "msg msg-note", "data-note-seq": String(n.seq), role: "note" },
      h("div", { class: "msg-meta" }, `${label} · ${n.author.displayName} · ${clock(n.writtenAt)}`),
      h("div", { class: "msg-text" }, n.text)); // text only, never parsed as HTML
  }

  private readAll(): Promise<void> {
    this.reading ??= (async () => {
      try {
        this.replace(await callAgentHub(this.ctx.hub, AgentHubMethods.GetNotes, this.sessionId));
      } catch { /* the next note or reconnect reads again */ } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  private async add(): Promise<void> {
    const text = this.input.value.trim();
    if (!text) return;
    try {
      const note = await callAgentHub(this.ctx.hub, AgentHubMethods.AddNote, this.sessionId, crypto.randomUUID(), text);
      this.input.value = "";
      this.onNote(note);
    } catch (e) {
      this.ctx.toast(refusalOf(e).message, "error");
    }
  }
}
