// The sign-in form: tenant, username, password → the HttpOnly session cookie (docs/security.md).
import { h, text } from "../dom";
import { api, fetchCsrfToken, refusalOf, setCsrfToken } from "./http";

export function showSignIn(root: HTMLElement, onSignedIn: () => void, reason?: string): void {
  const tenant = h("input", { id: "tenant", name: "tenant", autocomplete: "organization", required: true, value: localStorage.getItem("chatsupport.tenant") ?? "" });
  const username = h("input", { id: "username", name: "username", autocomplete: "username", required: true });
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const error = h("p", { class: "form-error", role: "alert" }, reason ?? "");
  const submit = h("button", { type: "submit", class: "primary" }, "Sign in");
  const form = h("form", { class: "sign-in", "aria-labelledby": "sign-in-title" },
    h("h1", { id: "sign-in-title" }, "ChatSupport"),
    h("p", {}, "Sign in to the agent dashboard."),
    h("label", { for: "tenant" }, "Workspace"), tenant,
    h("label", { for: "username" }, "Username"), username,
    h("label", { for: "password" }, "Password"), password,
    submit, error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    submit.disabled = true;
    text(error, "");
    try {
      await fetchCsrfToken();
      const response = await api("/api/auth/sign-in", { method: "POST", body: JSON.stringify({ tenant: tenant.value.trim(), username: username.value.trim(), password: password.value }) });
      if (!response.ok) {
        text(error, await refusalOf(response));
        return;
      }
      const body = (await response.json()) as { antiforgeryToken?: string };
      setCsrfToken(body.antiforgeryToken ?? null);
      localStorage.setItem("chatsupport.tenant", tenant.value.trim());
      onSignedIn();
    } catch {
      text(error, "The server could not be reached. Try again.");
    } finally {
      submit.disabled = false;
    }
  });
  root.replaceChildren(h("main", { class: "sign-in-page" }, form));
  (tenant.value ? username : tenant).focus();
}
