import { test, expect } from "./fixtures";
import { completeForm, vectors } from "./questionnaire";

const withSuicidalThoughts = { ...vectors.v3_hcs_like.answers, psych_suicidal_thoughts: true };

for (const hidden of [false, true]) {
  test(`yes to suicidal thoughts shows crisis information first (scores ${hidden ? "hidden" : "shown"})`, async ({ page }) => {
    await page.goto(hidden ? "/?scores=hide" : "/");
    await completeForm(page, "asi_kort", withSuicidalThoughts);
    await page.getByRole("button", { name: "Afslut og se resultat" }).click();

    const crisis = page.getByRole("region", { name: "Har du det svært lige nu?" });
    await expect(crisis).toBeVisible();
    await expect(crisis.getByRole("link", { name: /Livslinien på 70 201 201/ })).toHaveAttribute("href", "tel:+4570201201");
    await expect(crisis.getByRole("link", { name: /ring 112/ })).toHaveAttribute("href", "tel:112");
    // Crisis information comes before anything else under the heading.
    const firstAfterHeading = page.locator("main h1 + *");
    await expect(firstAfterHeading).toHaveClass(/crisis/);
    await expect(page.locator("table.asi-chart")).toHaveCount(hidden ? 0 : 1);
    if (hidden) await page.screenshot({ path: "screenshots/result-crisis-hidden.png", fullPage: true });
  });
}
