// The Settings page's inputs, each bound to one value of the draft and named by its path in the settings document
// ("widget.primaryColor", "workingHours.weekly[2].end"): the path the server names in a refusal, so its sentence is
// shown next to that very input (fieldErrors.ts).
import { h } from "../../dom";

let nextId = 0;
const idFor = (path: string) => `set-${path.replace(/[^A-Za-z0-9]+/g, "-")}-${nextId++}`;

export interface Bound<T> { element: HTMLElement; input: T }

/** A labelled input of a path; onChange gets the new value as typed. */
export function textField(path: string, label: string, value: string, onChange: (v: string) => void,
  attrs: Record<string, string | boolean | undefined> = {}): Bound<HTMLInputElement> {
  const id = idFor(path);
  const input = h("input", { id, "data-field": path, value, ...attrs });
  input.addEventListener("input", () => onChange(input.value));
  return { element: h("div", { class: "setting" }, h("label", { for: id }, label), input), input };
}

/** Empty or not a number is sent as -1: the server then names the field and its range. */
export function numberField(path: string, label: string, value: number, min: number, max: number, onChange: (v: number) => void): Bound<HTMLInputElement> {
  return textField(path, label, String(value), (v) => onChange(v.trim() === "" || Number.isNaN(Number(v)) ? -1 : Number(v)), { type: "number", min: String(min), max: String(max), step: "1" });
}

export function areaField(path: string, label: string, value: string, maxLength: number, onChange: (v: string) => void): Bound<HTMLTextAreaElement> {
  const id = idFor(path);
  const input = h("textarea", { id, "data-field": path, rows: "2", maxlength: String(maxLength) });
  input.value = value;
  input.addEventListener("input", () => onChange(input.value));
  return { element: h("div", { class: "setting" }, h("label", { for: id }, label), input), input };
}

export function checkField(path: string, label: string, checked: boolean, onChange: (v: boolean) => void): Bound<HTMLInputElement> {
  const id = idFor(path);
  const input = h("input", { id, type: "checkbox", "data-field": path, checked });
  input.addEventListener("change", () => onChange(input.checked));
  return { element: h("div", { class: "setting check" }, input, h("label", { for: id }, label)), input };
}

export function selectField(path: string, label: string, value: string, options: [string, string][], onChange: (v: string) => void): Bound<HTMLSelectElement> {
  const id = idFor(path);
  const input = h("select", { id, "data-field": path }, ...options.map(([v, l]) => h("option", { value: v, selected: v === value }, l)));
  input.addEventListener("change", () => onChange(input.value));
  return { element: h("div", { class: "setting" }, h("label", { for: id }, label), input), input };
}

/** A time "HH:mm" input without its own label row (interval rows label each input by aria-label). */
export function timeInput(path: string, label: string, value: string, onChange: (v: string) => void): HTMLInputElement {
  // "24:00" (the end of the day) is not a value a time input holds: it is typed as text.
  const input = h("input", { type: "text", inputmode: "numeric", pattern: "[0-2][0-9]:[0-5][0-9]", placeholder: "HH:mm", size: "5",
    "data-field": path, "aria-label": label, value });
  input.addEventListener("input", () => onChange(input.value.trim()));
  return input;
}
