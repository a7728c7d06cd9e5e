// The first screens before the app has loaded (docs/first-screens.md): the build renders the
// start screen of each way in and the first section of each form into index.html; the
// citizen can start and answer while the wasm is still on its way, and the app takes the page
// over with every answer, the focus and the caret kept, and nothing on screen moving.
import type { Page } from "@playwright/test";
import { test, expect, inboxAnswer } from "./fixtures";
import { expectNoViolations } from "./axe";

const start = /^Start ASI kort/;
const first = "#alc_use_days";
const second = "#alc_heavy_days";

/** Holds the app's wasm back until the returned function is called. */
async function holdWasm(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((ok) => (release = ok));
  await page.route(/_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Records every layout shift of the page that did not follow the citizen's input (a
 *  shift within half a second of a tap or key press is expected: a new screen). */
async function watchLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    (window as any).__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) {
        if (entry.hadRecentInput) continue;
        (window as any).__shifts.push({
          value: entry.value,
          nodes: (entry.sources ?? []).map((s: any) =>
            `${s.node?.nodeName} ${s.node?.textContent?.slice(0, 40)} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`,
          ),
        });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** Where every element of the page's <main> is, and how large. */
function layout(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("body > div:not([hidden]) main *")].map((e) => {
      const r = e.getBoundingClientRect();
      // What is saved says more once the app runs: its text may be longer, never elsewhere.
      const width = e.classList.contains("save-state") ? "" : Math.round(r.width);
      return `${e.tagName} ${Math.round(r.x)},${Math.round(r.y)} ${width}x${Math.round(r.height)}`;
    }),
  );
}

/**
 * The visible page (the build's or the app's) as tags, attributes in name order, and text:
 * the browser's DOM, so the two renderers' order of attributes and their empty comments do
 * not count, and everything the citizen or a screen reader gets does.
 */
function markup(page: Page) {
  return page.evaluate(() => {
    const write = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
      if (node.nodeType !== Node.ELEMENT_NODE) return "";
      const e = node as Element;
      if (e.id === "boot-wait") return "";
      const attributes = [...e.attributes]
        .map((a) => `${a.name}="${a.value}"`)
        .sort()
        .join(" ");
      return `<${e.tagName.toLowerCase()} ${attributes}>${[...e.childNodes].map(write).join("")}</${e.tagName.toLowerCase()}>`;
    };
    const root = document.querySelector("body > div:not([hidden])")!;
    return [...root.childNodes].map(write).join("");
  });
}

const tookOver = (page: Page) => expect(page.locator("#boot")).toHaveCount(0);

/** Lets the next load fetch the app from the network (where the test can hold it back),
 *  not from the service worker's cache. */
async function withoutServiceWorker(page: Page) {
  await page.evaluate(async () => {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  });
}

test("before the app has loaded, the start screen and the first section take answers; the app keeps them, the focus and the caret, and nothing moves", async ({ page }) => {
  await watchLayoutShifts(page);
  const release = await holdWasm(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Anonym selvtest" })).toBeVisible();
  await expectNoViolations(page, "the build's start screen");
  await page.getByRole("button", { name: start }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alkohol" })).toBeFocused();
  await expect(page.locator(".save-state")).toHaveText("Ikke gemt endnu");
  await expectNoViolations(page, "the build's first section");
  await page.locator(second).fill("");
  await page.getByRole("button", { name: /^Én mere: På hvor mange dage har du haft et overforbrug/ }).click();
  await page.getByRole("button", { name: /^Én mere: På hvor mange dage har du haft et overforbrug/ }).click();
  await expect(page.locator(second)).toHaveValue("2");
  await page.locator(first).click();
  await page.keyboard.type("2");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("1");
  const before = await layout(page);

  release();
  await tookOver(page);
  // Every value is the app's now: in its draft, saved on the device.
  await expect(page.locator(first)).toHaveValue("12");
  await expect(page.locator(second)).toHaveValue("2");
  await expect(page.locator(".save-state")).toHaveText("Gemt på denne enhed");
  // Nothing moved, and the browser recorded no layout shift.
  expect(await layout(page)).toEqual(before);
  expect(await page.evaluate(() => (window as any).__shifts)).toEqual([]);
  // Focus and caret where they were, and typing goes on there.
  await expect(page.locator(first)).toBeFocused();
  expect(await page.locator(first).evaluate((e: HTMLInputElement) => [e.selectionStart, e.selectionEnd])).toEqual([1, 1]);
  await page.keyboard.press("Backspace");
  await expect(page.locator(first)).toHaveValue("2");
  await page.keyboard.type("1");
  await expect(page.locator(first)).toHaveValue("12");
  await expect(page.locator(".save-state")).toHaveText("Gemt på denne enhed");

  await page.reload();
  await tookOver(page);
  await expect(page.getByRole("heading", { level: 1, name: "Alkohol" })).toBeVisible();
  await expect(page.locator(first)).toHaveValue("12");
  await expect(page.locator(second)).toHaveValue("2");
});

test("the build's start screen is the app's first render", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("/");
  await expect(page.getByRole("button", { name: start })).toBeVisible();
  const built = await markup(page);
  release();
  await tookOver(page);
  expect(await markup(page)).toEqual(built);
});

const token = "k3Jd9sQp2xVb7LmN4tRw8A0123456789abcdefABCDE";
for (const [way, address, button, heading] of [
  ["the self-test's ASI kort", "/", start, "Alkohol"],
  ["the self-test's Trivsel & forbrug", "/selvtest", /^Start Trivsel/, "Trivsel"],
  ["identified intake", "/?klinik=demo&mode=identified", start, "Om dig"],
  ["a follow-up link's involvement form", `/?klinik=demo&form=inddragelse&timepoint=midway#token=${token}`, /^Start Inddragelse/, "Inddragelse"],
] as const) {
  test(`the build's first section is the app's first render: ${way}`, async ({ page, consoleGuard }) => {
    // The app asks about the clinic (and the link) as it starts; the test may end before
    // the inbox's answer arrives.
    if (address.includes("klinik=demo")) {
      consoleGuard.allow(inboxAnswer(404, "/api/v1/clinics/*"), "the test's inbox has no clinic «demo»", { optional: true });
      if (address.includes("token")) {
        consoleGuard.allow(inboxAnswer(404, "/api/v1/links/*"), "the link is not registered with the test's inbox", { optional: true });
      }
    }
    const release = await holdWasm(page);
    await page.goto(address);
    await page.getByRole("button", { name: button }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    // Only what is saved differs: nothing before the app, everything once it runs.
    const built = (await markup(page)).replace("Ikke gemt endnu", "Gemt på denne enhed");
    release();
    await tookOver(page);
    await expect(page.locator(".save-state")).toHaveText("Gemt på denne enhed");
    expect(await markup(page)).toEqual(built);
  });
}

test("a citizen who starts while the app is taking over is followed, not lost", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("/");
  await expect(page.getByRole("button", { name: start })).toBeVisible();
  // «Start» pressed on the build's page at the last moment: after the app has decided what
  // to show, just before it takes the page over (where it asks whether a tap is under way).
  await page.evaluate(() => {
    const boot = (window as any).asiBoot;
    const busy = boot.busy;
    let pressed = false;
    boot.busy = () => {
      if (!pressed) {
        pressed = true;
        (document.querySelector('#boot [data-form="asi_kort"] button') as HTMLElement).click();
      }
      return busy();
    };
  });
  release();
  await tookOver(page);
  await expect(page.getByRole("heading", { level: 1, name: "Alkohol" })).toBeVisible();
  await page.locator(first).fill("4");
  await expect(page.locator(".save-state")).toHaveText("Gemt på denne enhed");
});

test("«Næste» pressed before the app has loaded moves on once it has, with the answers saved", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("/");
  await page.getByRole("button", { name: start }).click();
  await page.locator(first).fill("3");
  await page.locator(".field:has(#alc_heavy_days) .decline input").check();
  await page.getByRole("button", { name: "Næste", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Et øjeblik" })).toHaveText(
    "Et øjeblik – resten af skemaet hentes. Dine svar bliver stående.",
  );
  release();
  await expect(page.getByRole("heading", { level: 1, name: "Stoffer og medicin" })).toBeVisible();
  await page.getByRole("button", { name: "Tilbage", exact: true }).click();
  await expect(page.locator(first)).toHaveValue("3");
  await expect(page.locator(".field:has(#alc_heavy_days) .decline input")).toBeChecked();
});

test("what only the app can do waits for it: the language switch, and a form whose sections the clinic decides", async ({ page, consoleGuard }) => {
  consoleGuard.allow(inboxAnswer(404, "/api/v1/clinics/*"), "the test's inbox has no clinic «demo»", { optional: true });
  const release = await holdWasm(page);
  await page.goto("/selvtest?klinik=demo");
  // Trivsel & forbrug may get sections from the clinic's settings: it starts with the app.
  await page.getByRole("button", { name: /^Start Trivsel/ }).click();
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.locator("#boot-wait")).toHaveText("Et øjeblik – resten af skemaet hentes. Dine svar bliver stående.");
  await expect(page.getByRole("heading", { level: 1, name: "Anonym selvtest" })).toBeVisible();
  release();
  await tookOver(page);
  await expect(page.getByRole("heading", { level: 1, name: "Wellbeing" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("«Tilbage» before the app has loaded keeps the answers, and the app keeps them as a draft", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("/");
  await page.getByRole("button", { name: start }).click();
  await page.locator(first).fill("6");
  await page.getByRole("button", { name: "Tilbage", exact: true }).click();
  await expect(page.getByRole("button", { name: start })).toBeFocused();
  release();
  await tookOver(page);
  await page.getByRole("button", { name: /^Fortsæt ASI kort/ }).click();
  await expect(page.locator(first)).toHaveValue("6");
});

for (const choice of ["saved", "typed"] as const) {
  test(`answers typed before the app meet a kept draft: nothing is replaced unasked (continue with the ${choice} ones)`, async ({ page }) => {
    // A draft from an earlier visit.
    await page.goto("/");
    await page.getByRole("button", { name: start }).click();
    await tookOver(page);
    await page.locator(first).fill("5");
    await expect(page.locator(".save-state")).toHaveText("Gemt på denne enhed");

    // A new visit, the app held back: the build's start screen, a new start, other answers.
    await withoutServiceWorker(page);
    const release = await holdWasm(page);
    await page.reload({ waitUntil: "commit" });
    await page.getByRole("button", { name: start }).click();
    await page.locator(first).fill("7");
    release();
    await tookOver(page);
    const heading = page.getByRole("heading", { name: "Du har også svar gemt fra tidligere" });
    await expect(heading).toBeFocused();
    // The kept draft is on screen, untouched, until the citizen chooses.
    await expect(page.locator(first)).toHaveValue("5");
    await expectNoViolations(page, "the choice between kept and typed answers");
    const button = choice === "saved" ? "Fortsæt med de gemte svar" : "Fortsæt med de svar, jeg lige skrev";
    await page.getByRole("button", { name: button }).click();
    await expect(heading).toHaveCount(0);
    const kept = choice === "saved" ? "5" : "7";
    await expect(page.locator(first)).toHaveValue(kept);
    await expect(page.locator(".save-state")).toHaveText("Gemt på denne enhed");
    await page.reload();
    await tookOver(page);
    await expect(page.locator(first)).toHaveValue(kept);
  });
}

test("identified intake: the first section before the app, dated today, taken over with its answers", async ({ page, consoleGuard }) => {
  consoleGuard.allow(inboxAnswer(404, "/api/v1/clinics/*"), "the test's inbox has no clinic «demo»", { optional: true });
  const release = await holdWasm(page);
  await page.goto("/?klinik=demo&mode=identified");
  await page.getByRole("button", { name: start }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Om dig" })).toBeVisible();
  const today = await page.evaluate(() => {
    const now = new Date();
    return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  });
  await expect(page.locator("#completed_on")).toHaveValue(today);
  await page.locator("#name").fill("Jens Hansen");
  release();
  await tookOver(page);
  await expect(page.locator("#name")).toHaveValue("Jens Hansen");
  await expect(page.locator("#completed_on")).toHaveValue(today);
  await expect(page.locator("#name")).toBeFocused();
});
