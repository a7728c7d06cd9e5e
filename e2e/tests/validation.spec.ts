import { test, expect } from "./fixtures";

test("31 days is refused with a Danish message and the form cannot go on", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Start ASI kort + Trivsel & forbrug" }).click();
  const field = page.locator("#alc_use_days");
  await field.fill("31");
  await expect(page.locator("#alc_use_days-error")).toHaveText("Skriv et tal fra 0 til 30.");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#alc_use_days-error")).toHaveAttribute("aria-live", "polite");
  await page.locator("#alc_heavy_days").fill("0");

  await page.getByRole("button", { name: "Næste", exact: true }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Der mangler svar på denne side");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alkohol");

  // The + stepper cannot go above the range either.
  await field.fill("30");
  await page.getByRole("button", { name: /^Én mere: .* et forbrug af alkohol/ }).click();
  await expect(field).toHaveValue("30");
  await expect(page.locator("#alc_use_days-error")).toHaveText("");

  await field.fill("tre");
  await expect(page.locator("#alc_use_days-error")).toHaveText("Skriv et helt tal.");
  await field.fill("3");
  await page.getByRole("button", { name: "Næste", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stoffer og medicin");
});

test("an unanswered question asks for an answer or «Vil ikke svare»", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Start Trivsel & forbrug" }).click();
  await page.getByRole("button", { name: "Næste", exact: true }).click();
  await expect(page.locator("#wellbeing_personal-error")).toHaveText("Svar på spørgsmålet, eller vælg «Vil ikke svare».");
  await page.getByRole("alert").getByRole("link").first().click();
  await expect(page.locator("#wellbeing_personal")).toBeFocused();
});
