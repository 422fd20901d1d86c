// The agent dashboard's entry: signed in (and allowed) → the shell; otherwise the sign-in form, or why the
// workspace may not use Live Chat Support.
import "./dashboard.css";
import { h } from "../dom";
import type { DashboardView, Me } from "./context";
import { analyticsView } from "./analytics/analyticsView";
import { apiKeysView } from "./apiKeys/apiKeysView";
import { api } from "./http";
import { mapView } from "./map/mapView";
import { startShell } from "./shell";
import { showSignIn } from "./signIn";
import { resolvedView } from "./resolved/resolvedView";
import { settingsView } from "./settings/settingsView";
import { teamView } from "./team/teamView";
import { webhooksView } from "./webhooks/webhooksView";

/** Views other modules add (map, resolved chats, analytics): listed here, in navigation order after the queue. */
const extraViews: DashboardView[] = [mapView, resolvedView, analyticsView, teamView, settingsView, apiKeysView, webhooksView];

const refusals: Record<string, string> = {
  system_admin_required: "Live Chat Support is for System Admins of this workspace.",
  scale_plan_required: "Live Chat Support needs the Scale plan.",
  priority_support_required: "Live Chat Support needs the Priority Support feature.",
  unknown_tenant: "This workspace does not exist.",
};

async function boot(): Promise<void> {
  const root = document.getElementById("app")!;
  const response = await api("/api/auth/me");
  if (response.status === 401) {
    showSignIn(root, () => void boot());
    return;
  }
  const me = (await response.json()) as Me & { chatSupport: string };
  if (me.chatSupport !== "allowed") {
    const signOut = h("button", { type: "button" }, "Sign out");
    signOut.addEventListener("click", async () => {
      await api("/api/auth/sign-out", { method: "POST", body: "{}" });
      location.reload();
    });
    root.replaceChildren(h("main", { class: "sign-in-page" }, h("div", { class: "sign-in", role: "alert" },
      h("h1", {}, "Not available"), h("p", {}, refusals[me.chatSupport] ?? "Live Chat Support is not available for this account."), signOut)));
    return;
  }
  await startShell(root, me, extraViews);
}

void boot();
