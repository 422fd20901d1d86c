// The add-or-edit form of the team's lists (quick replies, knowledge articles): "Add <noun>" until a row's Edit
// fills the fields, then "Save <noun>" with "Cancel edit"; a refusal is shown under the form and nothing is cleared.
import { h, text } from "../dom";
import { refusalOf } from "./errors";

export interface EditForm {
  readonly form: HTMLFormElement;
  /** Puts the form in edit mode for the item (the caller has filled the fields) and focuses <paramref>first</paramref>. */
  edit(id: string, first: HTMLElement): void;
}

export function editForm(options: {
  noun: string;
  className: string;
  ariaLabel: string;
  fields: Node[];
  /** Saves the fields as a new item (id null) or as the edited one; throws a refusal to show. */
  save(editing: string | null): Promise<void>;
}): EditForm {
  const save = h("button", { type: "submit", class: "primary" }, `Add ${options.noun}`);
  const cancel = h("button", { type: "button", hidden: true }, "Cancel edit");
  const error = h("p", { class: "form-error", role: "alert" });
  const form = h("form", { class: options.className, "aria-label": options.ariaLabel },
    ...options.fields, h("div", { class: "row" }, save, cancel), error);
  let editing: string | null = null;

  const reset = () => {
    editing = null;
    form.reset();
    text(save, `Add ${options.noun}`);
    cancel.hidden = true;
    text(error, "");
  };
  cancel.addEventListener("click", reset);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await options.save(editing);
      reset();
    } catch (err) {
      text(error, refusalOf(err).message);
    }
  });

  return {
    form,
    edit(id, first) {
      editing = id;
      text(save, `Save ${options.noun}`);
      cancel.hidden = false;
      first.focus();
    },
  };
}
