// The involvement questionnaire (Inddragelse), end to end on a phone: from a follow-up link,
// six statements answered or declined, the question in the citizen's own words typed on
// several lines, the review showing the text as written, no score on the result screen, and
// the clinic's export holding exactly the answers given. Every screen is checked with axe at
// 360 px and for sideways scrolling at 320 px, in Danish and in English.
import type { Page } from "@playwright/test";
import { test, expect } from "./inbox";
import { expectNoViolations } from "./axe";
import { instrument } from "./questionnaire";

test.use({ viewport: { width: 360, height: 640 } });

const clinicName = "Demo Rusmiddelcenter";

/** What the citizen writes: Danish letters, markup and a spreadsheet formula, on three lines. */
const ownWords = "Første linje med æøå og ÆØÅ.\n<b>ikke fed</b> & <script>\n=1+1";

/** The statements' answers: the scale's values, one declined (absent from the record). */
const statements: Record<string, number | undefined> = {
  involvement_decisions: 4,
  involvement_concerns: 3,
  involvement_time: 2,
  involvement_privacy: undefined,
  involvement_priorities: 1,
  involvement_relatives: 0,
};

/** The interface's words this test reads, Danish and English side by side. */
const words = {
  heading: [`Spørgeskema fra ${clinicName}`, `Questionnaire from ${clinicName}`],
  next: ["Næste", "Next"],
  review: ["Dine svar", "Your answers"],
  finish: ["Afslut og se resultat", "Finish and see the result"],
  result: ["Dit resultat", "Your result"],
  declined: ["Vil ikke svare", "Prefer not to answer"],
  send: [`Send til ${clinicName}`, `Send to ${clinicName}`],
  sent: [`Sendt. ${clinicName} har modtaget dine svar.`, `Sent. ${clinicName} has received your answers.`],
  noScore: [
    "Tak for dine svar. Skemaet «Inddragelse» giver ingen score – dine svar hjælper behandlingsstedet med at blive bedre.",
    "Thank you for your answers. The form “Involvement” gives no score – your answers help the treatment centre improve.",
  ],
  characters: ["af 1000 tegn", "of 1000 characters"],
} satisfies Record<string, [string, string]>;

/** The words of `lang`. */
const wordsIn = (lang: "da" | "en") =>
  Object.fromEntries(Object.entries(words).map(([key, [da, en]]) => [key, lang === "da" ? da : en])) as Record<
    keyof typeof words,
    string
  >;

const form = instrument.forms.find((f: { id: string }) => f.id === "inddragelse");
const section = (id: string) => instrument.sections.find((s: { id: string }) => s.id === id);
const question = instrument.items.find((i: { id: string }) => i.id === "involvement_important");

/** axe at the phone's width, then no sideways scrolling at 320 px (WCAG 1.4.10). */
async function checkScreen(page: Page, screen: string) {
  await expectNoViolations(page, screen);
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${screen} scrolls sideways by ${overflow}px at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 360, height: 640 });
}

for (const lang of ["da", "en"] as const) {
  test(`the involvement form from a link, on a phone, in ${lang === "da" ? "Danish" : "English"}: answered, sent, no score`, async ({ page, inbox }) => {
    const w = wordsIn(lang);
    const [link] = inbox.links(["P-201"], { form: "inddragelse", timepoint: "discharge" });
    await page.goto(link.url);
    if (lang === "en") await page.getByRole("button", { name: "Switch to English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.heading);
    await expect(page.locator(".form-card")).toHaveCount(1);
    await checkScreen(page, `start (${lang})`);

    await page.getByRole("button", { name: `Start ${form.title[lang]}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(section("involvement").title[lang]);
    await checkScreen(page, `statements (${lang})`);
    for (const [id, value] of Object.entries(statements)) {
      await page.locator(`input[name="${id}"][value="${value ?? ""}"]`).check();
    }
    await page.getByRole("button", { name: w.next, exact: true }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(section("involvement_own_words").title[lang]);
    const field = page.getByLabel(question.text[lang], { exact: true });
    await expect(field).toHaveJSProperty("tagName", "TEXTAREA");
    await expect(field).toHaveAttribute("autocomplete", "off");
    await expect(field).not.toHaveAttribute("maxlength", /.*/);
    await expect(page.locator("#involvement_important-count")).toHaveText(`0 ${w.characters}`);
    await field.fill(ownWords);
    // Characters, not UTF-16 units: "æøå" are three.
    await expect(page.locator("#involvement_important-count")).toHaveText(`${Array.from(ownWords).length} ${w.characters}`);
    await checkScreen(page, `own words, typed (${lang})`);
    await page.getByRole("button", { name: w.next, exact: true }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.review);
    const written = page.locator('.review-row[data-item="involvement_important"] dd');
    // Shown as the text it is, with its line breaks: no element made of it.
    expect(await written.evaluate((dd) => (dd as HTMLElement).innerText)).toBe(ownWords);
    await expect(written.locator("b, script")).toHaveCount(0);
    await expect(page.locator('.review-row[data-item="involvement_privacy"] dd')).toHaveText(w.declined);
    await checkScreen(page, `review (${lang})`);

    await page.getByRole("button", { name: w.finish }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.result);
    await expect(page.locator("#no-score")).toHaveText(w.noScore);
    await expect(page.locator(".asi-chart, [data-score], [data-reference]")).toHaveCount(0);
    await page.getByRole("button", { name: w.send }).click();
    await expect(page.locator("#send-status")).toHaveText(w.sent);
    await checkScreen(page, `result (${lang})`);

    // The clinic opens exactly the answers given: the declined statement absent, the text
    // byte for byte.
    const [response] = inbox.exportJsonl();
    expect(response.metadata.form).toBe("inddragelse");
    expect(response.metadata.timepoint).toBe("discharge");
    expect(response.metadata.token).toBe(link.token);
    expect(response.instrument_version).toBe("asi-kort-dk-v2");
    expect(response.locale).toBe(lang);
    const given = Object.fromEntries(Object.entries(statements).filter(([, v]) => v !== undefined));
    expect(response.answers).toEqual({ ...given, involvement_important: ownWords });
  });
}

test("the self-test does not offer the involvement form, with or without a clinic", async ({ page, inbox }) => {
  for (const address of ["/selvtest", `${inbox.url}/selvtest?klinik=demo`]) {
    // With a clinic, its settings are fetched as the page opens: the test waits for them, so
    // the inbox is not stopped under the request.
    const settings = address.includes("klinik")
      ? page.waitForResponse((r) => r.url().endsWith("/api/v1/clinics/demo"))
      : Promise.resolve();
    await page.goto(address);
    await settings;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anonym selvtest");
    await expect(page.locator(".form-card")).toHaveCount(2);
    await expect(page.locator('.form-card[data-form="inddragelse"]')).toHaveCount(0);
    await expect(page.getByText(form.title.da, { exact: true })).toHaveCount(0);
  }
});
