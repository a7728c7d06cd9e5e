// Acknowledged delivery: a response leaves the phone only when the inbox's answer names that
// very envelope (its id and the SHA-256 of its bytes). A wrong address, a captive portal or a
// static host that answers 200 must not make it disappear; a clinic's limit holds it back
// and the citizen is told it is kept and will be sent.
import type { BrowserContext, Page, Route } from "@playwright/test";
import { test, expect, type Inbox } from "./inbox";
import { completeForm, vectors } from "./questionnaire";
import { kept, openControlled } from "./device";

const clinicName = "Demo Rusmiddelcenter";
const sendStatus = (page: Page) => page.locator("#send-status");
const notConfirmed =
  "Ikke sendt endnu: klinikkens indbakke har ikke bekræftet, at den har fået dine svar. De er gemt på telefonen, og der prøves igen automatisk. 1 svar venter.";
const busy =
  "Ikke sendt endnu: klinikken modtager mange svar lige nu. Dine svar er gemt på telefonen og sendes automatisk lidt senere. 1 svar venter.";

/** How the stand-in between the app and the inbox answers a POST of an envelope. */
type Answer = (route: Route) => Promise<void>;

/** Opens the demo clinic's self-test with every envelope POST answered by `answer()`. */
async function openBehind(page: Page, inbox: Inbox, answer: () => Answer) {
  await page.route("**/api/v1/envelopes", (route) => answer()(route));
  const settings = page.waitForEvent("requestfinished", (r) => new URL(r.url()).pathname === "/api/v1/clinics/demo");
  await openControlled(page, `${inbox.url}/?klinik=demo`);
  await settings;
}

/** Answers the response and presses "Send anonymt". */
async function answerAndSend(page: Page) {
  await completeForm(page, "trivsel", vectors.v3_hcs_like.answers);
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await page.getByRole("button", { name: `Send anonymt til ${clinicName}` }).click();
}

/** The browser's `online` event: the sender tries again at once. */
async function backOnline(context: BrowserContext) {
  await context.setOffline(true);
  await context.setOffline(false);
}

test("an answer that does not acknowledge the envelope keeps it on the phone until the real inbox has it", async ({ page, context, inbox }) => {
  const seen: string[] = [];
  const html: Answer = async (route) => {
    seen.push("html");
    await route.fulfill({ status: 200, contentType: "text/html", body: "<!DOCTYPE html><title>Log ind på netværket</title>" });
  };
  const otherId: Answer = async (route) => {
    seen.push("other id");
    const ack = { id: "11111111-1111-4111-8111-111111111111", status: "stored", sha256: "0".repeat(64) };
    await route.fulfill({ status: 201, contentType: "application/json", body: JSON.stringify(ack) });
  };
  const empty: Answer = async (route) => {
    seen.push("empty");
    await route.fulfill({ status: 204 });
  };
  const real: Answer = async (route) => {
    const response = await route.fetch();
    seen.push(String(response.status()));
    await route.fulfill({ response });
  };
  let answer = html;
  await openBehind(page, inbox, () => answer);
  await answerAndSend(page);
  for (const [impostor, name] of [[html, "html"], [otherId, "other id"], [empty, "empty"]] as const) {
    answer = impostor;
    if (impostor !== html) await backOnline(context);
    await expect.poll(() => seen.includes(name)).toBe(true);
    await expect(sendStatus(page)).toHaveText(notConfirmed);
    expect(await kept(page), name).toEqual({ drafts: 0, outbox: 1 });
  }
  expect(await inbox.envelopes()).toHaveLength(0);

  answer = real;
  await backOnline(context);
  await expect(sendStatus(page)).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`);
  expect(seen.at(-1)).toBe("201");
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 0 });
  expect(await inbox.envelopes()).toHaveLength(1);
});

test("a response held back by the clinic's limit is kept, the citizen is told so, and it is sent later", async ({ page, context, inbox, consoleGuard }) => {
  consoleGuard.allowInboxAnswer(429, "/api/v1/envelopes", "the test makes the clinic's limit hold the response back");
  const seen: string[] = [];
  let limited = true;
  await openBehind(page, inbox, () => async (route) => {
    if (limited) {
      seen.push("429");
      await route.fulfill({
        status: 429,
        headers: { "retry-after": "1" },
        contentType: "application/json",
        body: JSON.stringify({ error: "too many responses without a link reach this clinic", code: "rate_limited" }),
      });
    } else {
      const response = await route.fetch();
      seen.push(String(response.status()));
      await route.fulfill({ response });
    }
  });
  await answerAndSend(page);
  await expect(sendStatus(page)).toHaveText(busy);
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 1 });
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(sendStatus(page)).toHaveText(
    "Not sent yet: the clinic is receiving many responses right now. Your answers are saved on your phone and will be sent automatically a little later. 1 response waiting.",
  );
  await page.getByRole("button", { name: "Skift til dansk" }).click();

  limited = false;
  await backOnline(context);
  await expect(sendStatus(page)).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`);
  expect(seen.filter((s) => s === "201")).toHaveLength(1);
  expect(await inbox.envelopes()).toHaveLength(1);
});

test("online but without an answer from the inbox, the citizen is told the inbox, not the connection, is the reason", async ({ page, context, inbox, consoleGuard }) => {
  consoleGuard.allow(/Failed to load resource: net::ERR_FAILED.*\/api\/v1\/envelopes/, "the test makes the inbox unreachable");
  let reachable = false;
  await openBehind(page, inbox, () => async (route) => {
    if (reachable) await route.fulfill({ response: await route.fetch() });
    else await route.abort("failed");
  });
  await answerAndSend(page);
  await expect(sendStatus(page)).toHaveText(
    "Ikke sendt endnu: klinikkens indbakke kan ikke nås lige nu. Dine svar er gemt på telefonen og sendes automatisk, så snart det lykkes. 1 svar venter.",
  );
  expect(await kept(page)).toEqual({ drafts: 0, outbox: 1 });
  reachable = true;
  await backOnline(context);
  await expect(sendStatus(page)).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`);
  expect(await inbox.envelopes()).toHaveLength(1);
});
