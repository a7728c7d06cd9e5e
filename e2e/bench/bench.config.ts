// Benchmarks that drive the app in Chromium with the test helpers (not part of the tests).
// Usage (from e2e/): npx playwright test -c bench/bench.config.ts
import { defineConfig } from "@playwright/test";
import base from "../playwright.config";

export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: "*.bench.ts",
  fullyParallel: false,
  workers: 1,
  webServer: undefined,
  timeout: 300_000,
});
