import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { expectNoViolations } from "./axe";
import { answerItem, instrument, isAsked, itemsOf, sectionsOf, vectors } from "./questionnaire";

for (const lang of ["da", "en"] as const) {
  test(`axe finds no violations on any screen (${lang})`, async ({ page, browser }) => {
    test.setTimeout(90_000);
    const words = lang === "da"
      ? { start: "Start", next: "Næste", finish: "Afslut og se resultat" }
      : { start: "Start", next: "Next", finish: "Finish and see the result" };
    // Suicidal thoughts yes, so the crisis block is checked too.
    const answers = { ...vectors.v3_hcs_like.answers, psych_suicidal_thoughts: true };
    await page.goto("/");
    if (lang === "en") await page.getByRole("button", { name: "Switch to English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expectNoViolations(page, "start");
    if (lang === "da") await page.screenshot({ path: "screenshots/start.png", fullPage: true });

    const form = instrument.forms.find((f: { id: string }) => f.id === "asi_kort");
    await page.getByRole("button", { name: `${words.start} ${form.title[lang]}` }).click();
    for (const [index, section] of sectionsOf("asi_kort").entries()) {
      await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
      if (index === 0) {
        // With the error summary and messages showing.
        await page.getByRole("button", { name: words.next, exact: true }).click();
        await expect(page.getByRole("alert")).toBeVisible();
        await expectNoViolations(page, `${section} with errors`);
      }
      await expectNoViolations(page, section);
      if (lang === "da" && section === "substances") await page.screenshot({ path: "screenshots/section.png", fullPage: true });
      for (const item of itemsOf(section)) {
        if (isAsked(item, answers)) await answerItem(page, item, answers[item.id]);
      }
      if (section === "wellbeing") await expectNoViolations(page, `${section} answered`);
      await page.getByRole("button", { name: words.next, exact: true }).click();
    }
    await expectNoViolations(page, "review");
    await page.getByRole("button", { name: words.finish }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    await expectNoViolations(page, "result");

    // The other set-up's own section, on a device with nothing saved yet.
    const fresh = await browser.newContext({ viewport: { width: 360, height: 640 } });
    page = await fresh.newPage();
    await page.goto("/");
    if (lang === "en") await page.getByRole("button", { name: "Switch to English" }).click();
    const trivsel = instrument.forms.find((f: { id: string }) => f.id === "trivsel");
    await page.getByRole("button", { name: `${words.start} ${trivsel.title[lang]}` }).click();
    for (const item of itemsOf("wellbeing")) await answerItem(page, item, 5);
    await page.getByRole("button", { name: words.next, exact: true }).click();
    await expectNoViolations(page, "consumption");
    await fresh.close();
  });
}
