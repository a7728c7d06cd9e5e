// The screens of the three ways in, in both languages, at 320 px (WCAG 1.4.10 reflow) and
// checked by axe: a link's start with its notice, identified intake's identification (with
// errors), consent and thank-you, and the self-test's result with help and sending.
import type { Page } from "@playwright/test";
import { test, expect, startInbox } from "./inbox";
import { expectNoViolations } from "./axe";
import { answerItem, instrument, isAsked, itemsOf, sectionsOf, vectors } from "./questionnaire";

test.use({ viewport: { width: 320, height: 640 } });

async function check(page: Page, screen: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${screen} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  await expectNoViolations(page, screen);
}

async function toEnglish(page: Page) {
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
}

test("the three ways in pass axe and reflow at 320 px, in Danish and English", async ({ browser }) => {
  test.setTimeout(90_000);
  const inbox = await startInbox({ clinic: { opening_hours: "Mandag–fredag 9–15" } });
  try {
    const answers = { ...vectors.v3_hcs_like.answers, psych_suicidal_thoughts: true, cpr: "0101901234", name: "Test Testesen" };
    for (const lang of ["da", "en"] as const) {
      // A fresh device per language: nothing of the other run is resumed.
      const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: "da-DK" });
      const page = await context.newPage();
      const words = lang === "da"
        ? { next: "Næste", finish: "Afslut og se resultat", consent: "Jeg har læst teksten og giver mit samtykke", send: "Send til Demo Rusmiddelcenter" }
        : { next: "Next", finish: "Finish and see the result", consent: "I have read the text and give my consent", send: "Send to Demo Rusmiddelcenter" };

      // A follow-up link that was already used.
      const [link] = inbox.links([`R-${lang}`], { form: "trivsel", timepoint: "midway" });
      await page.goto("about:blank");
      await page.goto(link.url);
      if (lang === "en") await toEnglish(page);
      await check(page, `${lang} link start`);

      // Identified intake: identification with an error, consent, thank-you.
      await page.goto("about:blank");
      await page.goto(`${inbox.url}/?klinik=demo&mode=identified&form=trivsel&timepoint=midway`);
      if (lang === "en") await toEnglish(page);
      await check(page, `${lang} identified start`);
      await page.getByRole("button", { name: /^Start/ }).click();
      await page.locator("#cpr").fill("311390-1234");
      await page.getByRole("button", { name: words.next, exact: true }).click();
      await expect(page.locator("#cpr-error")).not.toBeEmpty();
      await check(page, `${lang} identification with errors`);
      await page.locator("#cpr").fill(String(answers.cpr));
      await page.locator("#name").fill(String(answers.name));
      await page.getByRole("button", { name: words.next, exact: true }).click();
      await completeFormFrom(page, answers, words.next);
      await page.getByRole("button", { name: words.finish }).click();
      await check(page, `${lang} consent`);
      await page.getByLabel(words.consent).check();
      await page.getByRole("button", { name: words.send }).click();
      await expect(page.locator("#send-status")).toBeVisible();
      await check(page, `${lang} identified, thank you`);

      // The self-test's result: crisis information, help, anonymous sending.
      await page.goto("about:blank");
      await page.goto(`${inbox.url}/selvtest?klinik=demo`);
      if (lang === "en") await toEnglish(page);
      await check(page, `${lang} self-test start`);
      const trivsel = instrument.forms.find((f: { id: string }) => f.id === "trivsel").title[lang];
      await page.getByRole("button", { name: `Start ${trivsel}` }).click();
      await completeFormFrom(page, answers, words.next);
      await page.getByRole("button", { name: words.finish }).click();
      await check(page, `${lang} self-test result`);
      await context.close();
    }
  } finally {
    await inbox.stop();
  }
});

/** The sections of Trivsel & forbrug (after the identification screen, if any). */
async function completeFormFrom(page: Page, answers: Record<string, number | boolean | string>, next: string) {
  for (const section of sectionsOf("trivsel")) {
    for (const item of itemsOf(section)) if (isAsked(item, answers)) await answerItem(page, item, answers[item.id]);
    await page.getByRole("button", { name: next, exact: true }).click();
  }
}
