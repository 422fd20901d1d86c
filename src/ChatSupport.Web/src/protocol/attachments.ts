// File uploads and links (docs/protocol.md, "Attachments"), shared by the widget and the mini chat. Uploads go over
// HTTP with XMLHttpRequest, whose upload events give a progress bar and whose abort cancels; never through the hubs.
import type { AttachmentAck, AttachmentLinks } from "./wireTypes";

/** A refused or failed upload: the server's code and sentence (or a network failure's). */
export class UploadError extends Error {
  constructor(readonly code: string, message: string) { super(message); }
}

export interface Upload { done: Promise<AttachmentAck>; cancel: () => void; }

/** POSTs the file's bytes; `headers` carry the visitor's token or the agent's anti-forgery token. */
export function uploadFile(url: string, file: Blob, headers: Record<string, string>, onProgress: (fraction: number) => void, withCredentials = false): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<AttachmentAck>((resolve, reject) => {
    xhr.open("POST", url);
    xhr.withCredentials = withCredentials;
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body: { error?: string; message?: string } & Partial<AttachmentAck> = {};
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as AttachmentAck);
      else reject(new UploadError(body.error ?? `http_${xhr.status}`, body.message ?? "The file could not be sent."));
    };
    xhr.onerror = () => reject(new UploadError("network", "The file could not be sent: the connection failed."));
    xhr.onabort = () => reject(new UploadError("cancelled", "Cancelled."));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}

/** The upload route's query: the client message id and the display name. */
export const uploadQuery = (clientMessageId: string, name: string) =>
  `?clientMessageId=${encodeURIComponent(clientMessageId)}&name=${encodeURIComponent(name)}`;

/** Fresh links to a message's file and thumbnail (they expire within minutes: ask when showing or opening). */
export async function fetchLinks(url: string, init: RequestInit): Promise<AttachmentLinks> {
  const res = await fetch(url, init);
  if (!res.ok) throw new UploadError(`http_${res.status}`, "The file could not be opened.");
  return (await res.json()) as AttachmentLinks;
}

export function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

/** "PDF", "PNG", "DOCX": the short type a card shows, from the detected MIME type and the name. */
export function typeLabel(contentType: string, fileName: string): string {
  const ext = fileName.includes(".") ? fileName.slice(fileName.lastIndexOf(".") + 1) : contentType.split("/")[1] ?? "";
  return ext.toUpperCase().slice(0, 6);
}
