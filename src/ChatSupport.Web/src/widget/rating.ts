// The rating prompt once the chat is resolved: 1–5 stars, optional feedback, anonymous or not; sent once. Then a
// thank-you with "Start a new chat".
import { h, text } from "../dom";
import { rateEl, scrollToEnd } from "./view";

export interface RatingActions {
  /** Sends the rating; resolves to true when it is stored (or was already), false to let the visitor try again. */
  rate(stars: number, feedback: string | null, anonymous: boolean): Promise<boolean>;
  again(): void;
}

let shownFor = "";

/** Draws the prompt (or the thanks) for this session, unless it is already shown. */
export function showRating(sessionId: string, rated: boolean, actions: RatingActions): void {
  rateEl.hidden = false;
  if (shownFor === sessionId + (rated ? ":rated" : "")) return;
  shownFor = sessionId + (rated ? ":rated" : "");
  const again = h("button", { type: "button", class: "secondary" }, "Start a new chat");
  again.addEventListener("click", actions.again);
  if (rated) {
    rateEl.replaceChildren(h("div", { class: "thanks", role: "status" }, h("p", {}, "Thank you for your feedback!"), again));
    return;
  }
  let stars = 0;
  const starBox = h("div", { class: "stars" });
  const labels: HTMLLabelElement[] = [];
  for (let n = 1; n <= 5; n++) {
    const radio = h("input", { type: "radio", name: "stars", id: `cs-star-${n}`, value: String(n) });
    const label = h("label", { for: `cs-star-${n}`, title: `${n} star${n > 1 ? "s" : ""}` }, "★", h("span", { class: "sr" }, `${n} star${n > 1 ? "s" : ""}`));
    radio.addEventListener("change", () => { stars = n; labels.forEach((l, i) => l.classList.toggle("on", i < n)); submit.disabled = false; });
    labels.push(label);
    starBox.append(radio, label);
  }
  const feedback = h("textarea", { id: "cs-feedback", rows: "3", maxlength: "2000" });
  const anonymous = h("input", { type: "checkbox", id: "cs-anon" });
  const submit = h("button", { class: "primary", type: "submit", disabled: true }, "Send rating");
  const error = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "rating", "aria-label": "Rate this chat" },
    h("fieldset", {}, h("legend", {}, "How was this chat?"), starBox),
    h("div", { class: "field" }, h("label", { for: "cs-feedback" }, "Feedback (optional)"), feedback),
    h("label", { class: "check", for: "cs-anon" }, anonymous, "Submit anonymously"),
    submit, error);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!stars || submit.disabled) return;
    submit.disabled = true;                                        // sent once
    if (await actions.rate(stars, feedback.value.trim() || null, anonymous.checked)) return;
    text(error, "Could not send the rating. Please try again.");
    submit.disabled = false;
  });
  rateEl.replaceChildren(form);
  scrollToEnd();
}

export function hideRating(): void {
  rateEl.hidden = true;
}

/** A new chat gets a fresh prompt. */
export function resetRating(): void {
  rateEl.hidden = true;
  shownFor = "";
}
