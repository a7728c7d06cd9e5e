import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { isAsked, itemsOf, sectionsOf } from "./questionnaire";

// Tab until the focused element satisfies `focused` (run in the page); bounded.
async function tabTo(page: Page, focused: () => boolean, what: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(focused)) return;
  }
  throw new Error(`could not reach ${what} with Tab`);
}

test("the ASI kort + Trivsel & forbrug can be completed with the keyboard only", async ({ page }) => {
  await page.goto("/");
  // Start the ASI kort: Tab to its start button, press Enter.
  await tabTo(page, () => document.activeElement?.getAttribute("aria-label")?.startsWith("Start ASI kort") ?? false, "the start button");
  await page.keyboard.press("Enter");

  const answers: Record<string, unknown> = { in_education: true, education_type: "hf", main_income: "su" };
  for (const section of sectionsOf("asi_kort")) {
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    for (const item of itemsOf(section)) {
      if (!isAsked(item, answers as Record<string, string>)) continue;
      const kind = item.type.kind;
      if (kind === "days" || kind === "kroner") {
        await tabTo(page, () => document.activeElement?.classList.contains("number") ?? false, "a number field");
        const id = await page.evaluate(() => document.activeElement!.id);
        expect(id).toBe(item.id);
        await page.keyboard.type("2");
      } else {
        // Tab into the radio group (focus lands on its first radio), then arrow keys choose.
        await tabTo(page, () => (document.activeElement as HTMLInputElement | null)?.type === "radio", "a radio group");
        expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe(item.id);
        const wanted = answers[item.id];
        if (wanted === undefined) {
          // Space checks the focused (first) choice.
          await page.keyboard.press("Space");
        } else {
          // Arrow down until the wanted value is checked.
          for (let i = 0; i < 25; i++) {
            const value = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
            if (value === String(wanted)) break;
            await page.keyboard.press("ArrowDown");
          }
          await page.keyboard.press("Space");
        }
        await expect(page.locator(`input[name="${item.id}"]:checked`)).toHaveCount(1);
      }
    }
    await tabTo(page, () => document.activeElement?.textContent === "Næste", "Næste");
    await page.keyboard.press("Enter");
  }

  await expect(page.getByRole("heading", { level: 1, name: "Dine svar" })).toBeFocused();
  await expect(page.locator('[data-item="education_type"] dd')).toHaveText("HF");
  await expect(page.locator('[data-item="work_days"] dd')).toHaveText("2 dage");
  await tabTo(page, () => document.activeElement?.textContent === "Afslut og se resultat", "Afslut");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Dit resultat" })).toBeFocused();
  await expect(page.locator('tr[data-score="asi6"] td.you .value')).not.toHaveText("Ikke beregnet");
});
