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
  // The national outpatient means as Table 3 of the HCS report prints them (three decimals).
  const table3: Record<string, string> = {
    economy: "0,828", medical: "0,331", psychiatric: "0,397", alcohol: "0,131", legal: "0,105", drug: "0,319", asi6: "0,352",
  };
  for (const [key, mean] of Object.entries(table3)) {
    await expect(page.locator(`tr[data-score="${key}"] td.ref .value`)).toHaveText(mean);
  }
  // The wellbeing reference says whom it describes, and that it is no norm for older people.
  await expect(page.locator('[data-reference="wellbeing"]')).toHaveText("Gennemsnit for unge 15–25 år i Danmark: 7,45");
  await expect(page.getByText("Det er ikke en norm for voksne i andre aldre.")).toBeVisible();
  await expect(page.getByText("ikke en diagnose")).toBeVisible();
  // No suicidal thoughts in this vector: no crisis block.
  await expect(page.getByRole("heading", { name: "Har du det svært lige nu?" })).toHaveCount(0);
  await page.screenshot({ path: "screenshots/result.png", fullPage: true });
});
