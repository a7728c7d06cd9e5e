import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";

// Expected titles come from the instrument data, never from the app.
const instrument = JSON.parse(
  readFileSync(new URL("../../crates/instrument/data/instrument-v1.json", import.meta.url), "utf-8"),
);
const formTitles: string[] = instrument.forms.map((f: { title: { da: string } }) => f.title.da);

test("the built app loads without errors and lists the questionnaires in Danish", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });
  page.on("requestfailed", (req) => problems.push(`failed: ${req.url()}`));

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Anonym selvtest" })).toBeVisible();
  const cards = page.locator(".form-card");
  await expect(cards).toHaveCount(formTitles.length);
  for (const [i, title] of formTitles.entries()) {
    await expect(cards.nth(i).getByRole("heading", { level: 2 })).toHaveText(title);
  }
  await expect(page.locator("html")).toHaveAttribute("lang", "da");

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await page.screenshot({ path: "screenshots/shell.png", fullPage: true });
  expect(problems).toEqual([]);
});
