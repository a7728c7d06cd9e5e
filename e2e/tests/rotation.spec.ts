// Key rotation end to end (docs/operations.md): a phone that sealed offline with the clinic's
// cached settings while the clinic changed its key still delivers, a phone online after the
// change seals to the new key, each response reaches the inbox once, and both open with both
// key files — in `asi export` and in the reader. A phone that kept the old settings but is
// online when it sends fetches them first and seals to the new key. With only the new key, the old response is
// named as unopenable and the other opens.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, bin } from "./inbox";
import { completeForm, vectors } from "./questionnaire";
import { kept, metadataOf, openControlled } from "./device";

const clinicName = "Demo Rusmiddelcenter";
const sendStatus = (page: Page) => page.locator("#send-status");
const sent = `Sendt. ${clinicName} har modtaget dine svar.`;

async function openOnline(page: Page, url: string) {
  const settings = page.waitForEvent("requestfinished", (r) => new URL(r.url()).pathname === "/api/v1/clinics/demo");
  await openControlled(page, url);
  await settings;
}

async function answerAndSend(page: Page) {
  // The tab in front: a browser runs no animation frames in a tab behind another.
  await page.bringToFront();
  await completeForm(page, "trivsel", vectors.v3_hcs_like.answers);
  await page.getByRole("button", { name: "Afslut og se resultat" }).click();
  await page.getByRole("button", { name: `Send anonymt til ${clinicName}` }).click();
}

/** The reader at the inbox, given `keys` (file contents), reading the inbox with the token. */
async function openInReader(page: Page, url: string, token: string, keys: Buffer[]) {
  await page.goto(`${url}/klinik/`);
  await page.getByLabel("Klinikkens private nøgle (fil)").setInputFiles(
    keys.map((buffer, i) => ({ name: `clinic-${i + 1}.key`, mimeType: "text/plain", buffer })),
  );
  await page.getByLabel("Læsenøgle").fill(token);
  await page.getByRole("button", { name: "Åbn svarene" }).click();
}

test("responses sealed to the old key and to the new key all arrive once and open with both keys", async ({ context, inbox }) => {
  test.slow();
  const oldKey = inbox.keyFile;

  // Two phones have the clinic's settings (the old key); they lose their connection.
  const phone = await context.newPage();
  await openOnline(phone, `${inbox.url}/?klinik=demo`);
  const other = await context.newPage();
  await openOnline(other, `${inbox.url}/?klinik=demo`);
  await context.setOffline(true);
  await answerAndSend(phone);
  await expect(sendStatus(phone)).toHaveText("Gemt på telefonen — sendes automatisk når du er online. 1 svar venter.");

  // Meanwhile the clinic rotates its key; the inbox comes back on the same address.
  const newKey = await inbox.rotate();

  // Back online, the phone delivers its response sealed to the old key.
  await context.setOffline(false);
  await expect(sendStatus(phone)).toHaveText(sent);
  expect(await kept(phone)).toEqual({ drafts: 0, outbox: 0 });

  // The other phone, online again after the change, fetches the settings as it seals, and
  // seals to the new key (its kept settings still name the old one).
  await answerAndSend(other);
  await expect(sendStatus(other)).toHaveText(sent);

  const envelopes = await inbox.envelopes();
  expect(envelopes).toHaveLength(2);
  // `asi key check`: the inbox now hands out the new key, not the old one.
  const check = (file: string) =>
    spawnSync(bin("asi"), ["key", "check", file, "--inbox", inbox.url, "--clinic", "demo"], { encoding: "utf-8" }).status;
  expect(check(newKey)).toBe(0);
  expect(check(oldKey)).toBe(1);
  const [first, second] = envelopes.map((e) => metadataOf(e).key_id);
  expect(first).not.toBe(second);

  // `asi export` with both key files opens both; with only the new one, the old one is named.
  const exported = (keys: string[]) =>
    spawnSync(bin("asi"), ["export", ...keys.flatMap((k) => ["--key", k]), "--inbox", inbox.url, "--format", "jsonl"], {
      encoding: "utf-8",
      env: inbox.readerEnv(),
    });
  const both = exported([oldKey, newKey]);
  expect(both.status, both.stderr).toBe(0);
  const rows = both.stdout.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  expect(rows.map((r) => r.metadata.key_id)).toEqual([first, second]);
  for (const row of rows) expect(row.scores_match).toBe(true);
  const onlyNew = exported([newKey]);
  expect(onlyNew.status).toBe(1);
  expect(onlyNew.stdout.split("\n").filter((l) => l.trim())).toHaveLength(1);
  expect(onlyNew.stderr).toContain(`forseglet til nøgle ${first}`);
  expect(onlyNew.stderr).toContain("ingen af de angivne nøglefiler passer");

  // The reader: both key files open both; the new one alone names the old response.
  const reader = await context.newPage();
  await openInReader(reader, inbox.url, inbox.token, [readFileSync(oldKey), readFileSync(newKey)]);
  await expect(reader.locator("#opened-status")).toHaveText("2 besvarelser er åbnet.");
  await expect(reader.locator("#responses tbody tr")).toHaveCount(2);
  await openInReader(reader, inbox.url, inbox.token, [readFileSync(newKey)]);
  await expect(reader.locator("#opened-status")).toHaveText("1 besvarelse er åbnet. 1 kunne ikke åbnes (se nedenfor).");
  await expect(reader.locator(`tr[data-failure="${envelopes[0].id}"]`)).toContainText("ingen af de angivne nøglefiler passer");
});
