import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { deleteEverything, expectNothingLeft } from "./device";

async function startAsi(page: Page) {
  await page.goto("/");
  await page.getByRole("button", { name: "Start ASI kort + Trivsel & forbrug" }).click();
}

async function saved(page: Page) {
  await expect(page.locator(".save-state")).toHaveText("Gemt på denne enhed");
}

async function answerHalf(page: Page) {
  await startAsi(page);
  await page.locator("#alc_use_days").fill("4");
  await page.locator(".field:has(#alc_heavy_days) .decline input").check();
  await page.getByRole("button", { name: "Næste", exact: true }).click();
  await page.locator("#days_cannabis").fill("14");
  await saved(page);
}

async function expectHalfInPlace(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stoffer og medicin");
  await expect(page.locator("#days_cannabis")).toHaveValue("14");
  await page.getByRole("button", { name: "Tilbage", exact: true }).click();
  await expect(page.locator("#alc_use_days")).toHaveValue("4");
  await expect(page.locator(".field:has(#alc_heavy_days) .decline input")).toBeChecked();
}

test("a reload resumes on the same screen with every answer in place", async ({ page }) => {
  await answerHalf(page);
  await page.reload();
  await expectHalfInPlace(page);
});

test("closing the page and opening a new one resumes too", async ({ context }) => {
  const first = await context.newPage();
  await answerHalf(first);
  await first.close();
  const second = await context.newPage();
  await second.goto("/");
  await expectHalfInPlace(second);
});

test("the start screen offers to continue; starting again is a deliberate act", async ({ page }) => {
  await answerHalf(page);
  await page.getByRole("button", { name: "Tilbage", exact: true }).click();
  await page.getByRole("button", { name: "Tilbage", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anonym selvtest");
  await expect(page.getByRole("button", { name: "Fortsæt ASI kort + Trivsel & forbrug" })).toBeVisible();
  // Declining the confirmation keeps the answers.
  page.once("dialog", (d) => d.dismiss());
  await page.getByRole("button", { name: "Start forfra ASI kort + Trivsel & forbrug" }).click();
  await page.getByRole("button", { name: "Fortsæt ASI kort + Trivsel & forbrug" }).click();
  await expect(page.locator("#alc_use_days")).toHaveValue("4");
});

test("«Slet mine svar» leaves nothing of the answers on the device", async ({ page }) => {
  await answerHalf(page);
  await deleteEverything(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anonym selvtest");
  await expectNothingLeft(page);
  // And a reload starts afresh.
  await page.reload();
  await expect(page.getByRole("button", { name: "Start ASI kort + Trivsel & forbrug" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Fortsæt/ })).toHaveCount(0);
});

for (const [what, breakIt] of [
  ["missing", () => Object.defineProperty(window, "indexedDB", { value: undefined, configurable: true })],
  ["refusing", () => {
    IDBFactory.prototype.open = function () {
      throw new DOMException("The user denied permission to access the database.", "UnknownError");
    };
  }],
] as const) {
  test(`with IndexedDB ${what}, the app works in memory and says so`, async ({ page }) => {
    await page.addInitScript(breakIt);
    await page.goto("/");
    await expect(page.getByRole("alert")).toContainText("Dine svar kan ikke gemmes på denne enhed");
    await page.getByRole("button", { name: "Start Trivsel & forbrug" }).click();
    await expect(page.locator(".save-state")).toHaveText("Gemmes ikke");
    for (const id of ["wellbeing_personal", "wellbeing_close", "wellbeing_social"]) {
      await page.locator(`input[name="${id}"][value="7"]`).check();
    }
    await page.getByRole("button", { name: "Næste", exact: true }).click();
    await page.locator("#hash_days").fill("0");
    await page.locator("#other_drug_days").fill("0");
    await page.getByRole("button", { name: "Næste", exact: true }).click();
    await page.getByRole("button", { name: "Afslut og se resultat" }).click();
    await expect(page.locator('[data-score="wellbeing"]')).toContainText("7,0 ud af 10");
  });
}

test("several drafts coexist, one per questionnaire", async ({ page }) => {
  await answerHalf(page);
  await page.getByRole("button", { name: "Tilbage", exact: true }).click();
  await page.getByRole("button", { name: "Tilbage", exact: true }).click();
  await page.getByRole("button", { name: "Start Trivsel & forbrug" }).click();
  await page.locator('input[name="wellbeing_personal"][value="3"]').check();
  await saved(page);
  await page.reload();
  // The most recent draft is resumed; the other waits on the start screen.
  await expect(page.locator('input[name="wellbeing_personal"][value="3"]')).toBeChecked();
  await page.getByRole("button", { name: "Tilbage", exact: true }).click();
  await page.getByRole("button", { name: "Fortsæt ASI kort + Trivsel & forbrug" }).click();
  // Where it was left: the first screen (we went back from there), answers in place.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alkohol");
  await expect(page.locator("#alc_use_days")).toHaveValue("4");
  await page.getByRole("button", { name: "Næste", exact: true }).click();
  await expect(page.locator("#days_cannabis")).toHaveValue("14");
});

test("a database left by a newer version of the app: works in memory and says so", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Start ASI kort + Trivsel & forbrug" })).toBeVisible();
  await page.evaluate(async () => {
    await new Promise((ok, fail) => {
      const del = indexedDB.deleteDatabase("asi-app");
      del.onsuccess = ok;
      del.onerror = fail;
    });
    await new Promise((ok, fail) => {
      const open = indexedDB.open("asi-app", 99);
      open.onsuccess = () => { open.result.close(); ok(null); };
      open.onerror = fail;
    });
  });
  await page.reload();
  await expect(page.getByRole("alert")).toContainText("Dine svar kan ikke gemmes på denne enhed");
  await page.getByRole("button", { name: "Start ASI kort + Trivsel & forbrug" }).click();
  await page.locator("#alc_use_days").fill("2");
  await expect(page.locator(".save-state")).toHaveText("Gemmes ikke");
});

test("when the device refuses a write (storage full), the citizen is told at once", async ({ page }) => {
  await startAsi(page);
  await page.locator("#alc_use_days").fill("4");
  await saved(page);
  // From now on every write fails as it does on a full disk.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.locator("#alc_heavy_days").fill("2");
  await expect(page.getByRole("alert")).toContainText("Dine svar kan ikke gemmes på denne enhed");
  await expect(page.locator(".save-state")).toHaveText("Gemmes ikke");
  // The answer given is kept in the page and the form goes on.
  await expect(page.locator("#alc_heavy_days")).toHaveValue("2");
  await page.getByRole("button", { name: "Næste", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stoffer og medicin");
});

test("an IndexedDB that never answers does not leave a blank screen", async ({ page }) => {
  await page.addInitScript(() => {
    // An open request that never succeeds nor fails, as when an upgrade is blocked.
    IDBFactory.prototype.open = function () {
      return {} as IDBOpenDBRequest;
    };
  });
  await page.goto("/");
  // The build's start screen is there at once; the app takes it over when it gives up on
  // the storage, and says why answers are not kept.
  await expect(page.getByRole("heading", { level: 1, name: "Anonym selvtest" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("Dine svar kan ikke gemmes på denne enhed", { timeout: 10_000 });
  await expect(page.locator("#boot")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Start ASI kort + Trivsel & forbrug" })).toBeVisible();
});
