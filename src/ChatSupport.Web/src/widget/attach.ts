// Attaching files in the widget (pro plans only: the token says what may be attached). A file comes from the paperclip
// button, a drop on the panel or a paste into the composer; while it uploads it shows a progress bar and a Cancel
// button; once stored it is a message of the chat like any other, which the server pushes (shown by messages.ts).
import { h } from "../dom";
import { fetchLinks, formatSize, uploadFile, uploadQuery, UploadError, type VisitorMessageView } from "../protocol";
import { attachmentCard } from "../attachmentCard";
import { base, newId, tenant } from "./config";
import { connect, currentToken } from "./connection";
import { fill } from "./messages";
import { state } from "./state";
import { attachBtn, fileInput, input, log, panel, scrollToEnd, setFileCard } from "./view";

const absolute = (path: string) => new URL(path, base).href;
// Every request names the tenant in its query: a cross-origin preflight carries no token, and the widget's CORS
// policy answers the named tenant's allowed origins (WidgetCorsPolicyProvider).

/** The card of a message's file, its links asked for with the visitor's token. */
setFileCard((m: VisitorMessageView) => attachmentCard(m.attachment!, async () =>
  fetchLinks(`${base}/api/attachments/visitor/${state.session!.sessionId}/${m.seq}?tenant=${encodeURIComponent(tenant)}`, { headers: { authorization: `Bearer ${await currentToken()}` }, credentials: "omit" }), absolute));

async function attach(file: File): Promise<void> {
  const session = state.session, limits = state.token?.attachments;
  if (!session || !limits) return;
  const bar = h("progress", { max: "1", value: "0", "aria-label": `Uploading ${file.name}` });
  const cancel = h("button", { type: "button" }, "Cancel");
  const meta = h("div", { class: "meta" }, bar, cancel);
  const el = h("li", { class: "msg visitor uploading", "data-seq": String(Number.MAX_SAFE_INTEGER) }, h("div", { class: "bubble" }, `${file.name} · ${formatSize(file.size)}`), meta);
  log.append(el);
  scrollToEnd();
  // Checked here only to answer at once; the server checks everything again from the bytes.
  if (file.size > limits.maxBytes) return failed(el, meta, `Not sent: files can be at most ${formatSize(limits.maxBytes)}.`);
  try {
    await connect();
    const up = uploadFile(`${base}/api/attachments/visitor/${session.sessionId}${uploadQuery(newId(), file.name)}&tenant=${encodeURIComponent(tenant)}`, file,
      { authorization: `Bearer ${await currentToken()}` }, (f) => { bar.value = f; });
    cancel.onclick = up.cancel;
    const ack = await up.done;
    el.remove();
    if (!state.log.has(ack.seq)) void fill();
  } catch (e) {
    if (e instanceof UploadError && e.code === "cancelled") el.remove();
    else failed(el, meta, `Not sent: ${e instanceof UploadError ? e.message : "the file could not be sent."}`);
  }
}

function failed(el: HTMLElement, meta: HTMLElement, why: string): void {
  el.classList.add("failed");
  const dismiss = h("button", { type: "button" }, "Dismiss");
  dismiss.onclick = () => el.remove();
  meta.replaceChildren(h("span", { role: "alert" }, why), dismiss);
}

const attachAll = (files: FileList | null | undefined) => { for (const f of files ?? []) void attach(f); };

attachBtn.addEventListener("click", () => { fileInput.accept = state.token?.attachments?.accept ?? ""; fileInput.click(); });
fileInput.addEventListener("change", () => { attachAll(fileInput.files); fileInput.value = ""; });
panel.addEventListener("dragover", (ev) => { if (state.token?.attachments) ev.preventDefault(); });
panel.addEventListener("drop", (ev) => { if (!state.token?.attachments || !state.session) return; ev.preventDefault(); attachAll(ev.dataTransfer?.files); });
input.addEventListener("paste", (ev) => { if (state.token?.attachments && ev.clipboardData?.files.length) { ev.preventDefault(); attachAll(ev.clipboardData.files); } });
