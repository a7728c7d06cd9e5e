// Sending, end to end with a real inbox: sealed on the phone, kept in the outbox until the
// inbox has it, delivered exactly once, and opened by the clinic's `asi export`.
import type { Page, Request } from "@playwright/test";
import { test, expect, type Inbox } from "./inbox";
import { expectNoViolations } from "./axe";
import { completeForm, instrument, vectors } from "./questionnaire";
import { kept, openControlled } from "./device";

/**
 * Opens the app on the inbox, for the demo clinic, once the service worker controls it and
 * the clinic's settings (its key) have arrived: as for a person who opened the link online
 * and lost the connection afterwards.
 */
async function openApp(page: Page, inbox: Inbox) {
  const settings = page.waitForEvent("requestfinished", (r) => new URL(r.url()).pathname === "/api/v1/clinics/demo");
  await openControlled(page, `${inbox.url}/?klinik=demo`);
  await settings;
}

const clinicName = "Demo Rusmiddelcenter";
const sendButton = (page: Page) => page.getByRole("button", { name: `Send anonymt til ${clinicName}` });
const sendStatus = (page: Page) => page.locator("#send-status");

/** The answers of `record` that belong to `form`. */
function answersOf(form: string, record: Record<string, unknown>) {
  const sections: string[] = instrument.forms.find((f: { id: string }) => f.id === form).sections;
  const ids = instrument.items.filter((i: { section: string }) => sections.includes(i.section)).map((i: { id: string }) => i.id);
  return Object.fromEntries(Object.entries(record).filter(([id]) => ids.includes(id)));
}

function expectScores(actual: Record<string, unknown>, expected: Record<string, unknown>) {
  for (const [key, value] of Object.entries(expected)) {
    if (typeof value === "number") expect(actual[key], key).toBeCloseTo(value, 6);
    else expect(actual[key], key).toEqual(value);
  }
}

test("answered offline, the response waits on the phone and reaches the inbox exactly once when online", async ({ page, context, inbox }) => {
  await openApp(page, inbox);
  await context.setOffline(true);
  const { answers, scores } = vectors.v3_hcs_like;
  await completeForm(page, "asi_kort", answers);
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await expectNoViolations(page, "result with send");
  await sendButton(page).click();
  await expect(sendStatus(page)).toHaveText("Gemt på telefonen — sendes automatisk når du er online. 1 svar venter.");
  await expect(sendStatus(page)).toBeFocused();
  await expectNoViolations(page, "result, waiting");
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(sendStatus(page)).toHaveText("Saved on your phone — will be sent automatically when you are online. 1 response waiting.");
  await expectNoViolations(page, "result, waiting (en)");
  await page.getByRole("button", { name: "Skift til dansk" }).click();
  // Only the sealed envelope is on the phone now; the plaintext draft is gone.
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 1 });
  expect(await inbox.envelopes()).toHaveLength(0);

  await context.setOffline(false);
  await expect(sendStatus(page)).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`);
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 0 });
  expect(await inbox.envelopes()).toHaveLength(1);

  const [response] = inbox.exportJsonl();
  expect(response.answers).toEqual(answers);
  expectScores(response.scores, scores);
  expect(response.scores_match).toBe(true);
  expect(response.mode).toBe("anonymous");
  expect(response.locale).toBe("da");
  expect(response.metadata.clinic).toBe("demo");
  expect(response.metadata.form).toBe("asi_kort");
  expect(response.metadata.timepoint).toBe("self_screening");
  expect(response.metadata.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(response.metadata).not.toHaveProperty("token");
});

test("when the inbox answers 500 the response stays on the phone and is sent once the inbox recovers", async ({ page, inbox, consoleGuard }) => {
  consoleGuard.allowInboxAnswer(500, "/api/v1/envelopes", "the test makes the inbox fail");
  await openApp(page, inbox);
  const answered: number[] = [];
  let failing = true;
  await page.route("**/api/v1/envelopes", async (route) => {
    if (failing) {
      answered.push(500);
      await route.fulfill({ status: 500, contentType: "application/json", body: '{"error":"database unavailable"}' });
    } else {
      const response = await route.fetch();
      answered.push(response.status());
      await route.fulfill({ response });
    }
  });
  const { answers } = vectors.v3_hcs_like;
  await completeForm(page, "trivsel", answers);
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await sendButton(page).click();
  // The inbox answered, but not with the acknowledgement of this envelope.
  await expect(sendStatus(page)).toHaveText(
    "Ikke sendt endnu: klinikkens indbakke har ikke bekræftet, at den har fået dine svar. De er gemt på telefonen, og der prøves igen automatisk. 1 svar venter.",
  );
  await expect.poll(() => answered.length).toBeGreaterThanOrEqual(1);
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 1 });
  expect(await inbox.envelopes()).toHaveLength(0);

  // The inbox recovers: the retry timer (2–4 s after the first failure) delivers it.
  failing = false;
  await expect(sendStatus(page)).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`, { timeout: 15_000 });
  expect(answered.at(-1)).toBe(201);
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 0 });
  const stored = inbox.exportJsonl();
  expect(stored).toHaveLength(1);
  expect(stored[0].answers).toEqual(answersOf("trivsel", answers));
  expect(stored[0].metadata.form).toBe("trivsel");
});

test("reloading the page while the response is being sent does not duplicate it", async ({ page, inbox, consoleGuard }) => {
  consoleGuard.allow(
    /^Failed to load resource: net::ERR_FAILED \(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/envelopes\)$/,
    "the test aborts the first post as the page reloads (the browser may report it or not, by timing)",
    { optional: true },
  );
  await openApp(page, inbox);
  const statuses: number[] = [];
  let reloaded: Promise<unknown> | undefined;
  await page.route("**/api/v1/envelopes", async (route) => {
    const response = await route.fetch();
    statuses.push(response.status());
    if (!reloaded) {
      // The inbox has stored it, but the page goes away before it hears so.
      reloaded = page.reload();
      await route.abort().catch(() => {});
    } else {
      await route.fulfill({ response });
    }
  });
  const { answers } = vectors.v3_hcs_like;
  await completeForm(page, "trivsel", answers);
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await sendButton(page).click();
  await expect.poll(() => reloaded).toBeDefined();
  await reloaded;
  // After the reload the envelope is still in the outbox and is sent again: the inbox
  // recognises the identical envelope (200) and keeps one.
  await expect(page.getByRole("status").filter({ hasText: "Sendt. Alle dine svar er modtaget." })).toBeVisible();
  expect(statuses).toEqual([201, 200]);
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 0 });
  expect(await inbox.envelopes()).toHaveLength(1);
  expect(inbox.exportJsonl()[0].answers).toEqual(answersOf("trivsel", answers));
});

test("no request the app makes carries an answer in plaintext", async ({ page, context, inbox }) => {
  const requests: Request[] = [];
  context.on("request", (r) => requests.push(r));
  await openApp(page, inbox);
  // Distinctive values, so that finding them anywhere means an answer leaked: seven digits, so
  // that neither a port number (five digits) nor, by chance, the random hex and base64 of an
  // envelope's id, key id or ciphertext can hold them (five digits once did: a key_id
  // "430865482133cb69" held "48213").
  const answers = { ...vectors.v3_hcs_like.answers, drug_money_dkk: 4821379, alc_money_dkk: 9753146, work_days: 17 };
  await completeForm(page, "asi_kort", answers);
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await sendButton(page).click();
  await expect(sendStatus(page)).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`);

  const origins = new Set(requests.map((r) => new URL(r.url()).origin));
  expect([...origins]).toEqual([inbox.url]);
  const posts = requests.filter((r) => r.method() === "POST");
  expect(posts.map((r) => new URL(r.url()).pathname)).toEqual(["/api/v1/envelopes"]);
  const forbidden = ["4821379", "9753146", ...instrument.items.map((i: { id: string }) => i.id)];
  for (const request of requests) {
    const seen = [request.url(), JSON.stringify(await request.allHeaders()), request.postData() ?? ""].join("\n");
    for (const value of forbidden) expect(seen, `${request.method()} ${request.url()}`).not.toContain(value);
  }
  // The one POST is an envelope v1 and nothing else.
  const body = JSON.parse(posts[0].postData()!);
  expect(Object.keys(body).sort()).toEqual(["aad", "ct", "enc", "id", "key_id", "v"]);
  expect(inbox.exportJsonl()[0].answers).toEqual(answers);
});

test("a response the inbox refuses for good is kept, said so, and not sent again", async ({ page, inbox, consoleGuard }) => {
  consoleGuard.allowInboxAnswer(422, "/api/v1/envelopes", "the test sends a response the inbox refuses");
  await openApp(page, inbox);
  let posts = 0;
  await page.route("**/api/v1/envelopes", async (route) => {
    posts += 1;
    await route.fulfill({ status: 422, contentType: "application/json", body: '{"error":"the envelope is sealed to another key","code":"wrong_key"}' });
  });
  await completeForm(page, "trivsel", vectors.v3_hcs_like.answers);
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await sendButton(page).click();
  await expect(sendStatus(page)).toContainText("afvist af klinikkens indbakke og bliver ikke sendt (fejl 422)");
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 1 });
  // Going online again, or a new start of the app, does not send it again.
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "fejl 422" })).toBeVisible();
  expect(posts).toBe(1);
  expect(await inbox.envelopes()).toHaveLength(0);
});

test("with two tabs open, one envelope is posted once (one sender across tabs)", async ({ context, inbox }) => {
  const first = await context.newPage();
  await openApp(first, inbox);
  const second = await context.newPage();
  await second.goto(`${inbox.url}/?klinik=demo`);
  await expect(second.getByRole("heading", { level: 1, name: "Anonym selvtest" })).toBeVisible();
  // What the inbox answered to each POST that reached it (offline attempts never do).
  const answered: number[] = [];
  context.on("response", (r) => {
    if (r.request().method() === "POST") answered.push(r.status());
  });
  await context.setOffline(true);
  await first.bringToFront();
  await completeForm(first, "trivsel", vectors.v3_hcs_like.answers);
  await first.getByRole("button", { name: "Afslut og se resultat" }).click();
  await sendButton(first).click();
  await expect(sendStatus(first)).toContainText("1 svar venter");
  // Both tabs hear "online" and both try to deliver; the Web Lock lets one at a time look
  // at the outbox, and the second finds it empty.
  await context.setOffline(false);
  await expect(sendStatus(first)).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`);
  await expect.poll(() => inbox.envelopes().then((e) => e.length)).toBe(1);
  // The other tab's pass has run too once the lock is free; it posted nothing.
  await second.evaluate(() => navigator.locks.request("asi-outbox", async () => {}));
  expect(answered).toEqual([201]);
});

test("an address with a clinic the inbox does not know says so and offers no sending", async ({ page, inbox, consoleGuard }) => {
  consoleGuard.allowInboxAnswer(404, "/api/v1/clinics/findes-ikke", "the test opens a clinic the inbox does not serve");
  await page.goto(`${inbox.url}/?klinik=findes-ikke`);
  await completeForm(page, "trivsel", vectors.v3_hcs_like.answers);
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await expect(page.getByText("Klinikken i adressen findes ikke.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Send/ })).toHaveCount(0);
});
