// Same-origin HTTP for the dashboard: the sign-in cookie goes by itself (SameSite=Strict, HttpOnly); state-changing
// requests carry the anti-forgery token in X-CSRF-TOKEN (docs/security.md).
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export async function fetchCsrfToken(): Promise<string> {
  const response = await fetch("/api/auth/antiforgery", { credentials: "same-origin" });
  const body = (await response.json()) as { token: string };
  csrfToken = body.token;
  return body.token;
}

/** The anti-forgery token for a request built by hand (a file upload). */
export async function csrf(): Promise<string> {
  return csrfToken ?? (await fetchCsrfToken());
}

export async function api(path: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? "GET").toUpperCase();
  const headers = new Headers(init.headers);
  if (method !== "GET" && method !== "HEAD") {
    if (!csrfToken) await fetchCsrfToken();
    headers.set("X-CSRF-TOKEN", csrfToken!);
    if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return fetch(path, { ...init, headers, credentials: "same-origin" });
}

/** The refusal of a route ({ error, message }), as a sentence for people. */
export async function refusalOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: string };
    if (body.message) return body.message;
  } catch { /* not JSON */ }
  return `The server answered ${response.status}.`;
}
