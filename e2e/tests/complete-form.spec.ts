import { test, expect } from "./fixtures";
import { completeForm, shown, vectors } from "./questionnaire";

test("completing the ASI kort with vector v3_hcs_like shows its scores", async ({ page }) => {
  const { answers, scores } = vectors.v3_hcs_like;
  await page.goto("/");
  await completeForm(page, "asi_kort", answers);

  await expect(page.getByRole("heading", { level: 1, name: "Dine svar" })).toBeVisible();
  await expect(page.locator('[data-item="alc_use_days"] dd')).toHaveText("4 dage");
  await expect(page.locator('[data-item="main_income"] dd')).toHaveText("Lønindkomst");
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Dit resultat" })).toBeFocused();
  for (const key of ["economy", "medical", "psychiatric", "alcohol", "legal", "drug", "asi6"]) {
    await expect(page.locator(`tr[data-score="${key}"] td.you .value`)).toHaveText(shown(scores[key], 2));
  }
  await expect(page.locator('[data-score="wellbeing"]')).toContainText(`${shown(scores.wellbeing, 1)} ud af 10`);
  await expect(page.locator('tr[data-score="asi6"] td.ref .value')).toHaveText("0,35");
  await expect(page.getByText("ikke en diagnose")).toBeVisible();
  // No suicidal thoughts in this vector: no crisis block.
  await expect(page.getByRole("heading", { name: "Har du det svært lige nu?" })).toHaveCount(0);
  await page.screenshot({ path: "screenshots/result.png", fullPage: true });
});
