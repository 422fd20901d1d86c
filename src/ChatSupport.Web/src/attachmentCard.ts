// A message's file, drawn the same way in the widget and the mini chat: an image as its server-made thumbnail, any
// other file as a card with its name, type and size. Opening asks for a fresh short-lived link first.
import { h } from "./dom";
import { formatSize, typeLabel, type AttachmentLinks, type MessageAttachment } from "./protocol";

/** The paperclip of the attach buttons (an SVG path: an emoji needs a font the page may not have). */
export const ICON_CLIP = "M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z";

/** `links` fetches the message's links; `absolute` turns the server's path into a URL on the server's origin. */
export function attachmentCard(a: MessageAttachment, links: () => Promise<AttachmentLinks>, absolute: (path: string) => string): HTMLElement {
  const open = h("a", { class: "file-open", href: "#", "data-file": a.fileName }, a.fileName);
  open.addEventListener("click", async (ev) => {
    if (open.dataset.ready) { delete open.dataset.ready; return; } // the second, real click on the fresh link
    ev.preventDefault();
    try {
      const l = await links();
      open.href = absolute(l.url);
      open.dataset.ready = "1";
      open.click();
    } catch { open.title = "The file could not be opened."; }
  });
  const card = h("div", { class: "file-card" }, open, h("span", { class: "file-meta" }, `${typeLabel(a.contentType, a.fileName)} · ${formatSize(a.size)}`));
  if (!a.hasThumbnail) return card;
  // The size is known before the thumbnail loads, so the row does not jump when it arrives.
  const w = Math.min(a.width ?? 200, 200), ht = a.width && a.height ? Math.round((a.height * w) / a.width) : undefined;
  const img = h("img", { class: "thumb", alt: a.fileName, width: String(w), height: ht ? String(ht) : undefined });
  links().then((l) => { if (l.thumbnailUrl) img.src = absolute(l.thumbnailUrl); }).catch(() => { img.alt = `${a.fileName} (preview unavailable)`; });
  card.prepend(img);
  return card;
}
