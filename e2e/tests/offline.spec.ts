import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { completeForm, shown, vectors } from "./questionnaire";

async function waitForServiceWorkerControl(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
}

test("after one visit the app opens offline and a whole questionnaire can be completed", async ({ page, context }) => {
  await page.goto("/");
  await waitForServiceWorkerControl(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Anonym selvtest" })).toBeVisible();
  // Another address of the app works offline too (every page is the same shell).
  await page.goto("/selvtest");
  await expect(page.getByRole("heading", { level: 1, name: "Anonym selvtest" })).toBeVisible();

  const { answers, scores } = vectors.v3_hcs_like;
  await completeForm(page, "asi_kort", answers);
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await expect(page.locator('tr[data-score="asi6"] td.you .value')).toHaveText(shown(scores.asi6, 2));
  await context.setOffline(false);
});

test("the service worker answers only GETs of the app's own files", async ({ page, context, consoleGuard }) => {
  consoleGuard.allow(
    /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED \(http:\/\/localhost:\d+\/not-in-the-build\.js\)$/,
    "the test asks offline for a file the worker does not serve (reported or not before the test ends, by timing)",
    { optional: true },
  );
  await page.goto("/");
  await waitForServiceWorkerControl(page);
  // Offline, whatever the worker does not serve fails: it answers no POST, no API call and
  // no file outside the build, even for the app's own origin.
  await context.setOffline(true);
  const outcomes = await page.evaluate(async () => {
    const attempt = (url: string, init?: RequestInit) =>
      fetch(url, init).then((r) => `status ${r.status}`, () => "network error");
    return {
      post: await attempt("/api/v1/envelopes", { method: "POST", body: "{}" }),
      api: await attempt("/api/v1/clinics/demo"),
      unknown: await attempt("/not-in-the-build.js"),
      shell: await attempt("/index.html"),
    };
  });
  expect(outcomes).toEqual({ post: "network error", api: "network error", unknown: "network error", shell: "status 200" });
  await context.setOffline(false);
  const source = await (await page.request.get("/sw.js")).text();
  const precache: string[] = JSON.parse(source.match(/const PRECACHE = (\[[\s\S]*?\]);/)![1]);
  expect(precache).toContain("/index.html");
  expect(precache.some((p) => p.endsWith("_bg.wasm"))).toBe(true);
  expect(precache.every((p) => p.startsWith("/") && !p.includes("://"))).toBe(true);
  // A versioned cache holds exactly the precached files.
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith("asi-shell-"))!);
    return { keys, files: (await cache.keys()).map((r) => new URL(r.url).pathname).sort() };
  });
  expect(cached.keys.filter((k) => k.startsWith("asi-shell-"))).toHaveLength(1);
  expect(cached.files).toEqual([...precache].sort());
});
