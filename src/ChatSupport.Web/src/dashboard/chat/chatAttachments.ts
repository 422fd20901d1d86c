// Attaching files from a mini chat (plans with attachments only): the paperclip, a drop on the chat, or a paste into
// the reply box. Each upload shows its progress with a Cancel button above the composer; once stored, the file is a
// message of the chat that arrives like any other. A refusal stays there, readable, until dismissed.
import { h, icon } from "../../dom";
import { attachmentCard, ICON_CLIP } from "../../attachmentCard";
import { fetchLinks, formatSize, uploadFile, uploadQuery, UploadError, type ChatMessage } from "../../protocol";
import type { DashboardContext } from "../context";
import { csrf } from "../http";

export class ChatAttachments {
  readonly button = h("button", { type: "button", class: "attach", "aria-label": "Attach a file", title: "Attach a file" }, icon(ICON_CLIP, 16));
  readonly uploads = h("ul", { class: "uploads", "aria-live": "polite" });
  private readonly picker = h("input", { type: "file", multiple: true, hidden: true });

  constructor(private readonly sessionId: string, private readonly ctx: DashboardContext, chat: HTMLElement, input: HTMLTextAreaElement, afterSent: (seq: number) => void) {
    const limits = ctx.me.attachments;
    this.button.hidden = !limits;
    this.button.append(this.picker);
    this.picker.accept = limits?.accept ?? "";
    this.button.addEventListener("click", (e) => { if (e.target === this.button) this.picker.click(); });
    this.picker.addEventListener("change", () => { this.attachAll(this.picker.files, afterSent); this.picker.value = ""; });
    chat.addEventListener("dragover", (e) => { if (limits) e.preventDefault(); });
    chat.addEventListener("drop", (e) => { if (!limits || input.disabled) return; e.preventDefault(); this.attachAll(e.dataTransfer?.files, afterSent); });
    input.addEventListener("paste", (e) => {
      if (limits && e.clipboardData?.files.length) { e.preventDefault(); this.attachAll(e.clipboardData.files, afterSent); }
    });
  }

  /** A stored message's file: a thumbnail or a card, opened through a fresh link. */
  card(m: ChatMessage): HTMLElement {
    return attachmentCard(m.attachment!, () => fetchLinks(`/api/attachments/agent/${this.sessionId}/${m.seq}`, { credentials: "same-origin" }),
      (path) => new URL(path, location.href).href);
  }

  private attachAll(files: FileList | null | undefined, afterSent: (seq: number) => void): void {
    for (const file of files ?? []) void this.attach(file, afterSent);
  }

  private async attach(file: File, afterSent: (seq: number) => void): Promise<void> {
    const bar = h("progress", { max: "1", value: "0", "aria-label": `Uploading ${file.name}` });
    const cancel = h("button", { type: "button" }, "Cancel");
    const row = h("li", { class: "upload" }, h("span", {}, `${file.name} · ${formatSize(file.size)} `), bar, cancel);
    this.uploads.append(row);
    try {
      const up = uploadFile(`/api/attachments/agent/${this.sessionId}${uploadQuery(crypto.randomUUID(), file.name)}`, file,
        { "X-CSRF-TOKEN": await csrf() }, (f) => { bar.value = f; }, true);
      cancel.addEventListener("click", up.cancel);
      const ack = await up.done;
      row.remove();
      afterSent(ack.seq);
    } catch (e) {
      if (e instanceof UploadError && e.code === "cancelled") { row.remove(); return; }
      const dismiss = h("button", { type: "button" }, "Dismiss");
      dismiss.addEventListener("click", () => row.remove());
      row.classList.add("failed");
      row.replaceChildren(h("span", { role: "alert" }, `${file.name} not sent: ${e instanceof UploadError ? e.message : "the file could not be sent."} `), dismiss);
      this.ctx.toast(`${file.name} not sent`, "error");
    }
  }
}
