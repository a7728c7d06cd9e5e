// Identified intake, end to end: CPR and name are asked only here, a CPR number must hold a
// real date, and nothing is sent before the citizen agrees to the clinic's consent text.
import { execFileSync } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Request } from "@playwright/test";
import { test, expect, bin, startInbox, type Inbox } from "./inbox";
import { expectNoViolations } from "./axe";
import { completeForm, sectionsOf, vectors } from "./questionnaire";
import { kept, openControlled } from "./device";

const clinicName = "Demo Rusmiddelcenter";
const consent = "Jeg giver samtykke til, at Demo Rusmiddelcenter må bruge mine svar i min behandling.";
const intake = (inbox: Inbox) => `${inbox.url}/?klinik=demo&mode=identified&form=trivsel&timepoint=midway`;

/** Every envelope in the inbox, opened with the clinic's key by `asi open`. */
async function opened(inbox: Inbox): Promise<Array<Record<string, any>>> {
  const file = join(mkdtempSync(join(tmpdir(), "asi-e2e-open-")), "envelopes.jsonl");
  writeFileSync(file, (await inbox.envelopes()).map((e) => JSON.stringify(e)).join("\n") + "\n");
  const out = execFileSync(bin("asi"), ["open", "--key", inbox.keyFile, file], { encoding: "utf-8" });
  return out.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
}

test("CPR numbers must hold a real date; CPR and name cannot be declined", async ({ page }) => {
  const inbox = await startInbox({ clinic: { consent_text: consent } });
  try {
    await page.goto(intake(inbox));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Indskrivning hos ${clinicName}`);
    await page.getByRole("button", { name: "Start Trivsel & forbrug" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Om dig");
    await expect(page.getByText("Vil ikke svare")).toHaveCount(0);
    const cpr = page.locator("#cpr");
    const message = page.locator("#cpr-error");
    for (const [typed, expected] of [
      ["311390-1234", "De første 6 cifre i et cpr-nummer skal være en rigtig dato (ddmmåå)."],
      ["3002901234", "De første 6 cifre i et cpr-nummer skal være en rigtig dato (ddmmåå)."],
      ["01019", "Et cpr-nummer er 10 cifre, skrevet ddmmåå-xxxx eller ddmmååxxxx."],
      ["abcdefghij", "Et cpr-nummer er 10 cifre, skrevet ddmmåå-xxxx eller ddmmååxxxx."],
    ]) {
      await cpr.fill(typed);
      await cpr.blur();
      await expect(message).toHaveText(expected);
      await expect(cpr).toHaveAttribute("aria-invalid", "true");
    }
    await page.locator("#name").fill("Test Testesen");
    await page.getByRole("button", { name: "Næste", exact: true }).click();
    // A refused CPR number keeps the citizen on the screen.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Om dig");
    await expectNoViolations(page, "identification with an error");
    // 29 February 2000 is a real date (the 7th digit 4 with year 00 is 2000).
    await cpr.fill("290200-4321");
    await expect(message).toHaveText("");
    await page.getByRole("button", { name: "Næste", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Om dig");
  } finally {
    await inbox.stop();
  }
});

test("without consent nothing is sent; with it, the consent and its time go inside the envelope", async ({ context, page }) => {
  const inbox = await startInbox({ clinic: { consent_text: consent } });
  try {
    const posts: Request[] = [];
    context.on("request", (r) => {
      if (r.method() === "POST") posts.push(r);
    });
    await openControlled(page, intake(inbox));
    const answers = { ...vectors.v3_hcs_like.answers, cpr: "0101901234", name: "Test Testesen" };
    await completeForm(page, "trivsel", answers, async () => {}, "Næste", ["identification", ...sectionsOf("trivsel")]);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dine svar");
    await expect(page.getByText("0101901234")).toBeVisible();
    await page.getByRole("button", { name: "Afslut og se resultat" }).click();
    await expect(page.getByRole("heading", { level: 3, name: "Samtykke" })).toBeVisible();
    await expect(page.locator(".consent-text")).toHaveText(consent);
    await expectNoViolations(page, "consent");

    // Send without consent: refused on the spot, nothing sealed, nothing posted.
    const send = page.getByRole("button", { name: `Send til ${clinicName}` });
    await send.click();
    await expect(page.locator("#consent-error")).toHaveText("Sæt kryds for at give samtykke. Uden samtykke sendes intet.");
    await expect(page.locator("#consent")).toBeFocused();
    expect(await kept(page)).toEqual({ drafts: 1, outbox: 0 });
    expect(posts).toEqual([]);
    expect(await inbox.envelopes()).toHaveLength(0);

    const before = new Date();
    await page.getByLabel("Jeg har læst teksten og giver mit samtykke").check();
    await send.click();
    // A shared tablet: the answers leave the screen once sealed.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tak for dine svar");
    await expect(page.locator("#send-status")).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`);
    await expect(page.getByText("0101901234")).toHaveCount(0);
    expect(await kept(page)).toEqual({ drafts: 0, outbox: 0 });
    await expectNoViolations(page, "identified, sent");

    const [payload] = await opened(inbox);
    expect(payload.mode).toBe("identified");
    expect(payload.answers.cpr).toBe("0101901234");
    expect(payload.answers.name).toBe("Test Testesen");
    expect(payload.answers.completed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(payload.consent.text).toBe(consent);
    const given = new Date(payload.consent.given_at).getTime();
    expect(given).toBeGreaterThanOrEqual(Math.floor(before.getTime() / 1000) * 1000);
    expect(given).toBeLessThanOrEqual(Date.now());

    // The next person starts with an empty form.
    await page.getByRole("button", { name: "Ny besvarelse" }).click();
    await page.getByRole("button", { name: "Start Trivsel & forbrug" }).click();
    await expect(page.locator("#cpr")).toHaveValue("");
  } finally {
    await inbox.stop();
  }
});

test("CPR and name are never asked in the self-test or from a link", async ({ page }) => {
  await page.goto("/selvtest");
  await page.getByRole("button", { name: "Start Trivsel & forbrug" }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Om dig");
  await expect(page.locator("#cpr")).toHaveCount(0);
});

test("a form left alone on a shared tablet is cleared after a warning", async ({ page }) => {
  const inbox = await startInbox();
  try {
    await page.clock.install();
    await page.goto(intake(inbox));
    await page.getByRole("button", { name: "Start Trivsel & forbrug" }).click();
    await page.locator("#cpr").fill("0101901234");
    await page.locator("#name").fill("Test Testesen");
    await expect(page.locator(".save-state")).toHaveText("Gemt på denne enhed");
    // Someone still there is asked, and goes on with every answer in place.
    const question = page.getByRole("alertdialog", { name: "Er du stadig i gang?" });
    await expect(question).toHaveCount(0);
    await page.clock.runFor("10:05");
    await expect(question).toBeVisible();
    await expect(page.locator("#idle-continue")).toBeFocused();
    await expectNoViolations(page, "idle question");
    await page.getByRole("button", { name: "Ja, fortsæt" }).click();
    await expect(question).toHaveCount(0);
    await expect(page.locator("#cpr")).toHaveValue("0101901234");
    // Left alone again: asked, and a minute later the answers are gone from screen and device.
    await page.clock.runFor("10:05");
    await expect(question).toBeVisible();
    await page.clock.runFor("01:05");
    await expect(page.getByRole("status").filter({ hasText: "Svarene blev slettet" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Indskrivning hos ${clinicName}`);
    await expect.poll(() => kept(page)).toEqual({ drafts: 0, outbox: 0 });
    await page.reload();
    await expect(page.getByRole("button", { name: "Start Trivsel & forbrug" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Fortsæt/ })).toHaveCount(0);
  } finally {
    await inbox.stop();
  }
});
