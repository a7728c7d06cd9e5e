import { test, expect } from "./fixtures";
import { instrument } from "./questionnaire";

test("switching to English mid-form keeps every answer", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Start ASI kort + Trivsel & forbrug" }).click();
  await page.locator("#alc_use_days").fill("4");
  await page.locator('.field:has(#alc_heavy_days) .decline input').check();
  await page.getByRole("button", { name: "Næste", exact: true }).click();
  await page.locator("#days_cannabis").fill("14");

  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const substances = instrument.sections.find((s: { id: string }) => s.id === "substances");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(substances.title.en);
  const cannabis = instrument.items.find((i: { id: string }) => i.id === "days_cannabis");
  await expect(page.getByLabel(cannabis.text.en, { exact: true })).toHaveValue("14");

  await page.getByRole("button", { name: "Back", exact: true }).click();
  await expect(page.locator("#alc_use_days")).toHaveValue("4");
  await expect(page.locator('.field:has(#alc_heavy_days) .decline input')).toBeChecked();
  await expect(page.getByText("Prefer not to answer").first()).toBeVisible();

  await page.getByRole("button", { name: "Skift til dansk" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "da");
  await expect(page.locator("#alc_use_days")).toHaveValue("4");
});
