// Working hours: any number of intervals a day (a day without one is closed), holidays (typed, or imported from an
// iCalendar file by the server, which only parses: they join the draft), and one-off overrides (a date's own hours;
// none: closed that day). All in the workspace's time zone; the server checks overlaps, order and dates.
import { h, text } from "../../dom";
import type { TimeRange, Weekday, WorkspaceSettings } from "../../protocol";
import { refusalOf } from "../http";
import type { DashboardContext } from "../context";
import { checkField, timeInput } from "./fields";

const days: [Weekday, string][] = [["monday", "Monday"], ["tuesday", "Tuesday"], ["wednesday", "Wednesday"], ["thursday", "Thursday"],
  ["friday", "Friday"], ["saturday", "Saturday"], ["sunday", "Sunday"]];

function removeButton(label: string, onClick: () => void): HTMLButtonElement {
  const b = h("button", { type: "button", class: "remove", "aria-label": label }, "Remove");
  b.addEventListener("click", onClick);
  return b;
}

function addButton(label: string, onClick: () => void): HTMLButtonElement {
  const b = h("button", { type: "button" }, label);
  b.addEventListener("click", onClick);
  return b;
}

/** One interval's two times, labelled for screen readers by what they belong to. */
function intervalRow(path: string, what: string, range: TimeRange, changed: () => void, remove: () => void): HTMLElement {
  return h("div", { class: "interval", "data-field": path },
    timeInput(`${path}.start`, `${what}: opens at`, range.start, (v) => { range.start = v; changed(); }), h("span", { "aria-hidden": "true" }, "–"),
    timeInput(`${path}.end`, `${what}: closes at`, range.end, (v) => { range.end = v; changed(); }),
    removeButton(`Remove ${what} ${range.start}–${range.end}`, remove));
}

export function workingHoursSection(ctx: DashboardContext, draft: WorkspaceSettings, changed: () => void): HTMLElement {
  const root = h("fieldset", { class: "settings-section" });
  const w = draft.workingHours;
  const redraw = () => { root.replaceChildren(...build()); changed(); };

  const build = (): Node[] => {
    const enabled = checkField("workingHours.enabled", "Use working hours (off: always open)", w.enabled, (v) => { w.enabled = v; changed(); });
    const week = h("div", { class: "week", "data-field": "workingHours.weekly" },
      ...days.map(([day, name]) => {
        const rows = w.weekly.map((iv, i) => ({ iv, i })).filter((x) => x.iv.day === day)
          .map(({ iv, i }) => intervalRow(`workingHours.weekly[${i}]`, name, iv, changed, () => { w.weekly.splice(i, 1); redraw(); }));
        return h("div", { class: "day", "data-day": day }, h("span", { class: "day-name" }, name),
          h("div", { class: "intervals" }, ...(rows.length ? rows : [h("span", { class: "closed" }, "Closed")])),
          addButton(`Add hours on ${name}`, () => {
            const same = w.weekly.filter((iv) => iv.day === day), last = same[same.length - 1];
            w.weekly.push(last ? { day, start: last.end === "24:00" ? "23:00" : last.end, end: "24:00" } : { day, start: "09:00", end: "17:00" });
            redraw();
          }));
      }));

    const holidays = h("div", { class: "list", "data-field": "workingHours.holidays" },
      ...w.holidays.map((hd, i) => {
        const date = h("input", { type: "date", min: "2000-01-01", max: "2100-12-31", value: hd.date, "data-field": `workingHours.holidays[${i}].date`, "aria-label": "Holiday date" });
        date.addEventListener("input", () => { hd.date = date.value; changed(); });
        const name = h("input", { value: hd.name, maxlength: "100", "data-field": `workingHours.holidays[${i}].name`, "aria-label": "Holiday name" });
        name.addEventListener("input", () => { hd.name = name.value; changed(); });
        return h("div", { class: "list-row", "data-field": `workingHours.holidays[${i}]` }, date, name,
          removeButton(`Remove holiday ${hd.date}`, () => { w.holidays.splice(i, 1); redraw(); }));
      }));
    const importStatus = h("p", { class: "hint", role: "status" });
    const file = h("input", { type: "file", accept: ".ics,text/calendar", id: "settings-ical" });
    file.addEventListener("change", async () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      text(importStatus, "Reading the calendar…");
      const response = await ctx.api("/api/settings/holidays/import", { method: "POST", body: JSON.stringify({ ics: await chosen.text() }) });
      if (!response.ok) { text(importStatus, await refusalOf(response)); return; }
      const found = ((await response.json()) as { holidays: { date: string; name: string }[] }).holidays;
      const known = new Set(w.holidays.map((x) => x.date));
      const added = found.filter((x) => !known.has(x.date));
      w.holidays.push(...added);
      w.holidays.sort((a, b) => a.date.localeCompare(b.date));
      redraw();
      text(importStatus, `${added.length} holiday${added.length === 1 ? "" : "s"} added from ${chosen.name} (not saved yet).`);
    });

    const overrides = h("div", { class: "list", "data-field": "workingHours.overrides" },
      ...w.overrides.map((o, i) => {
        const date = h("input", { type: "date", min: "2000-01-01", max: "2100-12-31", value: o.date, "data-field": `workingHours.overrides[${i}].date`, "aria-label": "Override date" });
        date.addEventListener("input", () => { o.date = date.value; changed(); });
        const hours = o.hours.map((r, j) => intervalRow(`workingHours.overrides[${i}].hours[${j}]`, `Hours on ${o.date || "this date"}`, r, changed,
          () => { o.hours.splice(j, 1); redraw(); }));
        return h("div", { class: "list-row override", "data-field": `workingHours.overrides[${i}]` }, date,
          h("div", { class: "intervals" }, ...(hours.length ? hours : [h("span", { class: "closed" }, "Closed all day")])),
          addButton(`Add hours on ${o.date || "this date"}`, () => { o.hours.push({ start: "09:00", end: "17:00" }); redraw(); }),
          removeButton(`Remove override ${o.date}`, () => { w.overrides.splice(i, 1); redraw(); }));
      }));

    return [
      h("legend", {}, "Working hours"), enabled.element,
      h("h3", {}, "Every week"), h("p", { class: "hint" }, "Times are HH:mm in the workspace's time zone; 24:00 is the end of the day. A day without hours is closed."), week,
      h("h3", {}, "Holidays (closed all day)"), holidays,
      h("div", { class: "row" }, addButton("Add holiday", () => { w.holidays.push({ date: "", name: "" }); redraw(); }),
        h("label", { for: "settings-ical", class: "file-label" }, "Import holidays from an iCal file"), file), importStatus,
      h("h3", {}, "One-off overrides"), h("p", { class: "hint" }, "A date's own hours instead of the weekly ones; without hours the team is closed that day."), overrides,
      h("div", { class: "row" }, addButton("Add override", () => { w.overrides.push({ date: "", hours: [] }); redraw(); })),
    ];
  };
  root.replaceChildren(...build());
  return root;
}
