// The map's markers, as buttons (focusable, named for screen readers): one per session in the status's fixed color,
// or one per group of close sessions showing the count, with a ring split by status so a mixed group shows its mix.
import { h, text } from "../../dom";
import type { ChatStatus, SessionSummary } from "../../protocol";
import { statusColors, statusLabels } from "../context";
import { locationLabel, visitorLabel } from "../format";

export const shownStatuses: ChatStatus[] = ["waiting_for_agent", "assigned_to_agent", "active_chat"];

export function sessionMarker(el: HTMLButtonElement | undefined, s: SessionSummary): HTMLButtonElement {
  const button = el ?? h("button", { type: "button" });
  const l = s.visitor?.location;
  button.className = "map-marker";
  button.dataset.sessionId = s.sessionId;
  button.dataset.status = s.status;
  button.dataset.country = l?.countryCode ?? "";
  button.dataset.lat = String(l?.latitude ?? "");
  button.dataset.lon = String(l?.longitude ?? "");
  delete button.dataset.count;
  delete button.dataset.sessions;
  button.style.setProperty("--status-color", statusColors[s.status]);
  button.style.removeProperty("--ring");
  button.setAttribute("aria-label", `${visitorLabel(s.visitorId, s.visitor)}, ${locationLabel(s.visitor)}: ${statusLabels[s.status]}. Show details`);
  button.title = `${visitorLabel(s.visitorId, s.visitor)} · ${locationLabel(s.visitor)} · ${statusLabels[s.status]}`;
  text(button, "");
  return button;
}

export function clusterMarker(el: HTMLButtonElement | undefined, sessions: SessionSummary[]): HTMLButtonElement {
  const button = el ?? h("button", { type: "button" });
  const counts = shownStatuses.map((status) => [status, sessions.filter((s) => s.status === status).length] as const).filter(([, n]) => n > 0);
  button.className = "map-cluster";
  for (const key of ["sessionId", "status", "country", "lat", "lon"]) delete button.dataset[key];
  button.dataset.count = String(sessions.length);
  button.dataset.sessions = sessions.map((s) => s.sessionId).join(" ");
  button.dataset.statuses = counts.map(([status, n]) => `${status}:${n}`).join(" ");
  // A conic ring: each status's share of the group, in its color.
  let at = 0;
  const stops = counts.map(([status, n]) => {
    const from = at;
    at += (n / sessions.length) * 100;
    return `${statusColors[status]} ${from}% ${at}%`;
  });
  button.style.setProperty("--ring", `conic-gradient(${stops.join(", ")})`);
  const mix = counts.map(([status, n]) => `${n} ${statusLabels[status].toLowerCase()}`).join(", ");
  button.setAttribute("aria-label", `${sessions.length} chats here (${mix}). Zoom in`);
  button.title = `${sessions.length} chats: ${mix}`;
  text(button, String(sessions.length));
  return button;
}
