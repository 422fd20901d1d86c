// Builds the agent dashboard (dashboard/index.html → src/dashboard/main.ts) into the Api's wwwroot/app/, served
// at /app/. Everything is bundled (the SignalR client, the map data): nothing is loaded from a CDN at run time.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: resolve(here, "dashboard"),
  base: "/app/",
  logLevel: "warn",
  publicDir: false,
  build: {
    outDir: resolve(here, "../ChatSupport.Api/wwwroot/app"),
    emptyOutDir: true,
    target: "es2020",
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      // @microsoft/signalr's ESM build has two /*#__PURE__*/ comments Rollup cannot place: harmless, not ours.
      onwarn(warning, warn) {
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("@microsoft/signalr")) return;
        warn(warning);
      },
    },
  },
});
