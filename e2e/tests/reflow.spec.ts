import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { completeForm, vectors } from "./questionnaire";

// WCAG 1.4.10: content reflows at 320 CSS px (a 1280 px screen at 400 %, a phone at 200 %)
// with no horizontal scrolling.
test.use({ viewport: { width: 320, height: 640 } });

async function expectNoHorizontalScroll(page: Page, screen: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${screen} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

test("every screen fits 320 px without sideways scrolling", async ({ page }) => {
  await page.goto("/");
  await expectNoHorizontalScroll(page, "start");
  // The longest answers: maximum burden, the longest education label, suicidal thoughts.
  const answers = { ...vectors.v2_max_burden.answers, education_type: "medium_higher" };
  await completeForm(page, "asi_kort", answers, (section) => expectNoHorizontalScroll(page, section));
  await expectNoHorizontalScroll(page, "review");
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await expect(page.getByRole("heading", { name: "Har du det svært lige nu?" })).toBeVisible();
  await expectNoHorizontalScroll(page, "result");
});
