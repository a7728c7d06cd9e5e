// Alcohol in Trivsel & forbrug is the clinic's choice: a clinic whose settings add the ASI
// kort's two alcohol questions (`optional_sections`) gets them asked after hash and other
// drugs, and exported; a clinic that adds nothing does not.
import type { Page } from "@playwright/test";
import { test, expect, startInbox, type Inbox } from "./inbox";
import { expectNoViolations } from "./axe";
import { completeForm, instrument, itemsOf, sectionsOf } from "./questionnaire";

const clinicName = "Demo Rusmiddelcenter";
const answers = {
  wellbeing_personal: 6,
  wellbeing_close: 7,
  wellbeing_social: 5,
  hash_days: 4,
  other_drug_days: 0,
  alc_use_days: 12,
  alc_heavy_days: 3,
};
const alcohol = instrument.sections.find((s: { id: string }) => s.id === "alcohol_use");

/** Opens a Trivsel & forbrug midway link of `inbox` once the clinic's settings are known. */
async function openLink(page: Page, inbox: Inbox) {
  const [link] = inbox.links(["P-301"], { form: "trivsel", timepoint: "midway" });
  await page.goto(link.url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Spørgeskema fra ${clinicName}`);
}

/** From the review: finish, send, and wait until the inbox has the response. */
async function finishAndSend(page: Page) {
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await page.getByRole("button", { name: `Send til ${clinicName}` }).click();
  await expect(page.locator("#send-status")).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`);
}

test("a clinic that adds alcohol to Trivsel & forbrug gets the two alcohol questions asked and exported", async ({ page }) => {
  const inbox = await startInbox({ clinic: { optional_sections: { trivsel: ["alcohol_use"] } } });
  try {
    await openLink(page, inbox);
    const sections = [...sectionsOf("trivsel"), "alcohol_use"];
    expect(sections).toEqual(["wellbeing", "consumption", "alcohol_use"]);
    await completeForm(page, "trivsel", answers, async (section) => {
      await expect(page.locator(".progress-text")).toHaveText(`Trin ${sections.indexOf(section) + 1} af 3`);
      if (section !== "alcohol_use") return;
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(alcohol.title.da);
      expect(itemsOf("alcohol_use").map((i) => i.id)).toEqual(["alc_use_days", "alc_heavy_days"]);
      for (const item of itemsOf("alcohol_use")) {
        await expect(page.getByLabel(item.text.da, { exact: true })).toBeVisible();
      }
      await expectNoViolations(page, "alcohol in Trivsel & forbrug");
    }, "Næste", sections);
    await expect(page.getByRole("heading", { level: 2, name: alcohol.title.da, exact: true })).toBeVisible();
    await finishAndSend(page);
    const [response] = inbox.exportJsonl();
    expect(response.metadata.form).toBe("trivsel");
    expect(response.answers).toEqual(answers);
    expect(response.scores_match).toBe(true);
  } finally {
    await inbox.stop();
  }
});

test("a clinic that adds nothing asks Trivsel & forbrug without alcohol", async ({ page, inbox }) => {
  await openLink(page, inbox);
  const { alc_use_days: _, alc_heavy_days: __, ...without } = answers;
  await completeForm(page, "trivsel", without);
  // After hash and other drugs comes the review: no alcohol screen was asked.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dine svar");
  await expect(page.getByRole("heading", { level: 2, name: alcohol.title.da, exact: true })).toHaveCount(0);
  await finishAndSend(page);
  const [response] = inbox.exportJsonl();
  expect(response.answers).toEqual(without);
});

test("«Start» pressed before the clinic's settings have arrived starts the form as the clinic asks it once they do", async ({ page }) => {
  const inbox = await startInbox({ clinic: { optional_sections: { trivsel: ["alcohol_use"] } } });
  try {
    // Hold the clinic's settings back until «Start» has been pressed.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/v1/clinics/**", async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${inbox.url}/selvtest?klinik=demo`);
    const title = instrument.forms.find((f: { id: string }) => f.id === "trivsel").title.da;
    await page.getByRole("button", { name: `Start ${title}` }).click();
    await expect(page.getByText("Henter klinikkens oplysninger …")).toBeVisible();
    // The settings arrive; the start screen is drawn anew with them, and the press is kept.
    release();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trivsel");
    await expect(page.locator(".progress-text")).toHaveText("Trin 1 af 3");
  } finally {
    await inbox.stop();
  }
});
