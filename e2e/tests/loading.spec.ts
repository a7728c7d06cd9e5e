// What a slow or failed first visit shows before the app runs, where the build has no first
// screen for the address (a damaged link, a host's look; first-screens.spec.ts has the rest): the loading message at once (not
// a blank screen), replaced by the app once it starts; and a clear Danish message when the
// app cannot be fetched, over a first screen as over the loading message.
import { test, expect } from "./fixtures";
import { expectNoViolations } from "./axe";

const loading = "Henter spørgeskemaet …";
const failed = "Skemaet kunne ikke hentes. Tjek din forbindelse, og genindlæs siden.";

test("an address with no first screen (a damaged link) shows a loading message until the app starts, then only the app", async ({ page }) => {
  // Hold the wasm back until the message has been checked.
  let release!: () => void;
  const released = new Promise<void>((ok) => (release = ok));
  await page.route(/_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto("/?form=asi_kort", { waitUntil: "commit" });
  await expect(page.getByRole("status")).toHaveText(loading);
  await expect(page.getByRole("banner")).toContainText("ASI selvtest");
  await expectNoViolations(page, "loading");
  await page.screenshot({ path: "screenshots/loading.png" });
  release();
  await expect(page.getByRole("heading", { level: 1, name: "Linket virker ikke" })).toBeVisible();
  await expect(page.getByText(loading)).toHaveCount(0);
  await expect(page.locator("#boot")).toHaveCount(0);
  // One header and one main: the loading page's are gone.
  await expect(page.getByRole("banner")).toHaveCount(1);
  await expect(page.getByRole("main")).toHaveCount(1);
});

for (const [where, address, role] of [
  ["over the build's start screen", "/", "alert"],
  ["in place of the loading message", "/?form=asi_kort", "status"],
] as const) {
  test(`when the app cannot be fetched, the page says so in Danish (${where})`, async ({ page, consoleGuard }) => {
    consoleGuard.allow(
      /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED \(http:\/\/localhost:\d+\/asi-app-[0-9a-f]{16}_bg\.wasm\)$/,
      "the test cuts the wasm off",
    );
    consoleGuard.allow(
      /^TypeError: Failed to fetch\n\s+at __wbg_init/,
      "the test cuts the wasm off: trunk's loader fails, and index.html's handler shows the message",
    );
    await page.route(/_bg\.wasm$/, (route) => route.abort("internetdisconnected"));
    await page.goto(address);
    await expect(page.getByRole(role).filter({ hasText: "Skemaet" })).toHaveText(failed);
  });
}
