// Follow-up links, end to end: `asi links` makes single-use links, the inbox knows only their
// hashes, one response per link is accepted, and a used, expired or unknown link is refused
// with its own Danish message while the answers stay on the phone.
import { readFileSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect, type Inbox } from "./inbox";
import { expectNoViolations } from "./axe";
import { completeForm, vectors } from "./questionnaire";
import { kept, metadataOf, openControlled } from "./device";

const clinicName = "Demo Rusmiddelcenter";
const sendStatus = (page: Page) => page.locator("#send-status");
const used = "Dette link er allerede brugt";

/** Answers Trivsel & forbrug from a follow-up link and presses "Send". */
async function answerAndSend(page: Page, answers: Record<string, number | boolean | string>) {
  await completeForm(page, "trivsel", answers);
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await page.getByRole("button", { name: `Send til ${clinicName}` }).click();
}

/** Opens `url` as a new page load (a link differing only in its fragment would otherwise
 * not load the app again). */
async function openFresh(page: Page, url: string) {
  await page.goto("about:blank");
  await page.goto(url);
}

/** The inbox's database files as text (the SQLite file and its write-ahead log). */
function databaseBytes(inbox: Inbox): string {
  return [inbox.sqlitePath, `${inbox.sqlitePath}-wal`]
    .map((path) => {
      try {
        return readFileSync(path).toString("latin1");
      } catch {
        return "";
      }
    })
    .join("");
}

test("a follow-up link is answered once; a second response is refused and stays on the phone", async ({ context, page, inbox, consoleGuard }) => {
  consoleGuard.allowInboxAnswer(409, "/api/v1/envelopes", "the test answers a used link (link_used)");
  const links = inbox.links(["P-001", "P-002", "P-003"], { form: "trivsel", timepoint: "midway" });
  expect(links.map((l) => l.ref)).toEqual(["P-001", "P-002", "P-003"]);
  expect(new Set(links.map((l) => l.token)).size).toBe(3);
  for (const link of links) {
    // At least 128 random bits, base64url, in the fragment: never sent in a page request.
    expect(Buffer.from(link.token, "base64url").length).toBeGreaterThanOrEqual(16);
    const url = new URL(link.url);
    expect(url.hash).toBe(`#token=${link.token}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ klinik: "demo", form: "trivsel", timepoint: "midway" });
    expect(link.url).not.toContain("P-00");
  }
  const [first] = links;
  await openControlled(page, first.url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Spørgeskema fra ${clinicName}`);
  await expect(page.getByText("i forbindelse med: Midtvejssamtale")).toBeVisible();
  // Only the form of the link's timepoint is offered.
  await expect(page.locator(".form-card")).toHaveCount(1);
  await expectNoViolations(page, "link start");
  // After the first visit the link opens offline too, with the clinic's name.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Spørgeskema fra ${clinicName}`);
  await expect(page.locator(".form-card")).toHaveCount(1);
  await context.setOffline(false);
  const answers = vectors.v3_hcs_like.answers;
  await answerAndSend(page, answers);
  await expect(sendStatus(page)).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`);

  // The clinic's export carries the token; the inbox holds the link only as a hash.
  const [response] = inbox.exportJsonl();
  expect(response.mode).toBe("link");
  expect(response.metadata.token).toBe(first.token);
  expect(response.metadata.timepoint).toBe("midway");
  const stored = databaseBytes(inbox);
  for (const link of links) {
    expect(stored).toContain(createHash("sha256").update(link.token).digest("hex"));
  }
  // The unused links' tokens are nowhere in the inbox (a used one is spent, inside its own
  // envelope: docs/links.md).
  for (const link of links.slice(1)) expect(stored).not.toContain(link.token);

  // The same link again: the app says at once that it is used; a different response sent
  // anyway is refused, said so in Danish, and kept (sealed) on the phone.
  await openFresh(page, first.url);
  await expect(page.getByRole("alert").filter({ hasText: used })).toBeVisible();
  await expectNoViolations(page, "used link start");
  await answerAndSend(page, { ...answers, wellbeing_personal: 2, hash_days: 11 });
  await expect(sendStatus(page)).toContainText(used);
  await expect(sendStatus(page)).toContainText("ligger krypteret på telefonen, indtil du sletter dem");
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 1 });
  expect(await inbox.envelopes()).toHaveLength(1);
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: used })).toBeVisible();
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 1 });

  // A second link of the same batch still works.
  await openFresh(page, links[1].url);
  await answerAndSend(page, answers);
  await expect(sendStatus(page)).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`);
  const tokens = (await inbox.envelopes()).map((e) => metadataOf(e).token);
  expect(tokens).toEqual([first.token, links[1].token]);
});

test("once a link is opened its token leaves the address; a reload, offline too, keeps the link and every answer, and it is sent once", async ({ context, page, inbox }) => {
  const [link] = inbox.links(["P-100"], { form: "trivsel", timepoint: "midway" });
  const address = link.url.split("#")[0];
  await openControlled(page, link.url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Spørgeskema fra ${clinicName}`);
  // The address bar and the tab's history entry hold the link without its token.
  const where = () => page.evaluate(() => ({ href: location.href, entries: history.length }));
  expect(await where()).toEqual({ href: address, entries: 2 });
  expect(page.url()).not.toContain(link.token);

  // Half the form, then a reload: the same link, on the same screen, every answer in place.
  await page.getByRole("button", { name: "Start Trivsel & forbrug" }).click();
  const wellbeing = { wellbeing_personal: "4", wellbeing_close: "6", wellbeing_social: "8" };
  for (const [id, value] of Object.entries(wellbeing)) await page.locator(`input[name="${id}"][value="${value}"]`).check();
  await page.getByRole("button", { name: "Næste", exact: true }).click();
  await page.locator("#hash_days").fill("3");
  await expect(page.locator(".save-state")).toHaveText("Gemt på denne enhed");
  await page.reload();
  await expect(page.locator("#hash_days")).toHaveValue("3");
  expect(await where()).toEqual({ href: address, entries: 2 });

  // Offline, a reload still opens the same link (the service worker serves the page).
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator("#hash_days")).toHaveValue("3");
  await page.getByRole("button", { name: "Tilbage", exact: true }).click();
  for (const [id, value] of Object.entries(wellbeing)) {
    await expect(page.locator(`input[name="${id}"][value="${value}"]`)).toBeChecked();
  }
  await page.getByRole("button", { name: "Næste", exact: true }).click();
  await page.locator("#other_drug_days").fill("0");
  await page.getByRole("button", { name: "Næste", exact: true }).click();
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await page.getByRole("button", { name: `Send til ${clinicName}` }).click();
  await expect(sendStatus(page)).toContainText("sendes automatisk når du er online");
  // Back online, the response is delivered once, with the link's token.
  await context.setOffline(false);
  await expect(sendStatus(page)).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`);
  const envelopes = await inbox.envelopes();
  expect(envelopes.map((e) => metadataOf(e).token)).toEqual([link.token]);
  await page.reload();
  expect(await where()).toEqual({ href: address, entries: 2 });
  await expect(page.getByRole("alert").filter({ hasText: used })).toBeVisible();
  expect(await inbox.envelopes()).toHaveLength(1);
});

test("two links opened one after the other in one tab each keep their own token", async ({ page, inbox }) => {
  const [first, second] = inbox.links(["P-101", "P-102"], { form: "trivsel", timepoint: "midway" });
  await openControlled(page, first.url);
  await page.getByRole("button", { name: "Start Trivsel & forbrug" }).click();
  await page.locator('input[name="wellbeing_personal"][value="1"]').check();
  await expect(page.locator(".save-state")).toHaveText("Gemt på denne enhed");
  await openFresh(page, second.url);
  await page.getByRole("button", { name: "Start Trivsel & forbrug" }).click();
  await page.locator('input[name="wellbeing_personal"][value="9"]').check();
  await expect(page.locator(".save-state")).toHaveText("Gemt på denne enhed");
  // Both addresses are the same without their tokens; going back to the first and reloading
  // opens the first link's draft, and forward again the second's.
  expect(page.url()).toBe(first.url.split("#")[0]);
  const checked = () => page.locator('input[name="wellbeing_personal"]:checked').getAttribute("value");
  await page.goBack();
  await page.goBack();
  await page.reload();
  await expect.poll(checked).toBe("1");
  await page.goForward();
  await page.goForward();
  await page.reload();
  await expect.poll(checked).toBe("9");
});

test("an expired link and an unknown link are refused, each with its own message", async ({ page, inbox, consoleGuard }) => {
  consoleGuard.allowInboxAnswer(410, "/api/v1/envelopes", "the test answers an expired link (link_expired)");
  consoleGuard.allowInboxAnswer(404, "/api/v1/links/*", "the test opens a link the inbox does not know");
  consoleGuard.allowInboxAnswer(422, "/api/v1/envelopes", "the test answers a link the inbox does not know (link_unknown)");
  // A link that expired yesterday, registered as `asi links` would (by its hash only).
  const token = randomBytes(32).toString("base64url");
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const registered = await fetch(`${inbox.url}/api/v1/links`, {
    method: "POST",
    headers: { Authorization: `Bearer ${inbox.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      links: [{ token_sha256: createHash("sha256").update(token).digest("hex"), form: "trivsel", timepoint: "midway", expires: yesterday }],
    }),
  });
  expect(registered.status).toBe(201);
  const expired = `${inbox.url}/?klinik=demo&form=trivsel&timepoint=midway#token=${token}`;
  await openControlled(page, expired);
  await expect(page.getByRole("alert").filter({ hasText: "Linket er udløbet" })).toBeVisible();
  await answerAndSend(page, vectors.v3_hcs_like.answers);
  await expect(sendStatus(page)).toContainText("Linket er udløbet, så dine svar kan ikke sendes med det.");
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 1 });

  const unknown = `${inbox.url}/?klinik=demo&form=trivsel&timepoint=midway#token=${randomBytes(32).toString("base64url")}`;
  await openFresh(page, unknown);
  await expect(page.getByRole("alert").filter({ hasText: "kender ikke dette link" })).toBeVisible();
  await answerAndSend(page, vectors.v3_hcs_like.answers);
  await expect(sendStatus(page)).toContainText("kender ikke dette link, så dine svar kan ikke sendes med det");
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 2 });
  expect(await inbox.envelopes()).toHaveLength(0);
});

test("a damaged link says so and offers no questionnaire", async ({ page, inbox }) => {
  await page.goto(`${inbox.url}/?klinik=demo&form=trivsel&timepoint=midway#token=kort`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Linket virker ikke");
  await expect(page.locator(".form-card")).toHaveCount(0);
  await expectNoViolations(page, "damaged link");
});
