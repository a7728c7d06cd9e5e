import { defineConfig } from "@playwright/test";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// Debian's Chromium (apt-get install chromium); Playwright never downloads a browser here.
const chromiumArgs = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const port = Number(process.env.E2E_PORT ?? 4173);
// The inbox binary (ASI_BIN_DIR, default ../target/debug; scripts/test.sh builds it).
const inbox = join(resolve(process.env.ASI_BIN_DIR ?? "../target/debug"), "asi-inbox");

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 360, height: 640 },
    locale: "da-DK",
    launchOptions: { executablePath: "/usr/bin/chromium", args: chromiumArgs },
  },
  // The built app (../dist) as the product serves it: the real inbox, with its headers (a
  // strict Content-Security-Policy among them), and no clinic (app-inbox.toml).
  webServer: {
    command: `${inbox} --config app-inbox.toml`,
    env: {
      ASI_INBOX_LISTEN: `127.0.0.1:${port}`,
      ASI_INBOX_DATABASE: join(tmpdir(), `asi-e2e-app-inbox-${port}.sqlite`),
      ASI_INBOX_APP_DIR: resolve("../dist"),
    },
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: !process.env.CI,
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    timeout: 30_000,
  },
});
