// Anonymous self-referral, end to end: /selvtest explains what anonymous means, the self-test
// is complete without sending anything, and "Send anonymt" sends nothing that identifies a
// person or a device; «Slet mine svar» then leaves nothing behind.
import type { Request } from "@playwright/test";
import { test, expect, startInbox } from "./inbox";
import { expectNoViolations } from "./axe";
import { completeForm, vectors } from "./questionnaire";
import { deleteEverything, expectNothingLeft, metadataOf, openControlled } from "./device";

const clinicName = "Demo Rusmiddelcenter";

test("a full anonymous self-test plus «Send anonymt» identifies no one and leaves nothing", async ({ context, page }) => {
  const inbox = await startInbox({ clinic: { opening_hours: "Mandag–fredag 9–15" } });
  try {
    const requests: Request[] = [];
    context.on("request", (r) => requests.push(r));
    await openControlled(page, `${inbox.url}/selvtest?klinik=demo`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anonym selvtest");
    await expect(page.getByRole("heading", { level: 2, name: "Hvad betyder anonym her?" })).toBeVisible();
    await expect(page.getByText("Du skal ikke skrive navn, cpr-nummer")).toBeVisible();
    const { answers } = vectors.v3_hcs_like;
    await completeForm(page, "asi_kort", answers);
    await page.getByRole("button", { name: "Afslut og se resultat" }).click();

    // The self-test is complete without sending: result, help and the clinic's details.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dit resultat");
    await expect(page.getByRole("heading", { level: 2, name: "Du kan få hjælp – også anonymt" })).toBeVisible();
    await expect(page.getByText("serviceloven § 101 a")).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: `Kontakt ${clinicName}` })).toBeVisible();
    await expect(page.getByText("Tlf. 70 00 00 00")).toBeVisible();
    await expect(page.getByText("Åbningstider: Mandag–fredag 9–15")).toBeVisible();
    expect(requests.filter((r) => r.method() !== "GET")).toEqual([]);
    expect(await inbox.envelopes()).toHaveLength(0);
    await expectNoViolations(page, "self-test result");

    await page.getByRole("button", { name: `Send anonymt til ${clinicName}` }).click();
    await expect(page.locator("#send-status")).toHaveText(`Sendt. ${clinicName} har modtaget dine svar.`);

    // Nothing went anywhere but the app's own origin, which is the inbox's here.
    expect([...new Set(requests.map((r) => new URL(r.url()).origin))]).toEqual([inbox.url]);
    for (const request of requests) {
      const headers = await request.allHeaders();
      expect(headers, request.url()).not.toHaveProperty("cookie");
    }
    // The envelope's clear metadata: no token, no stable id of a device, the day only.
    const [envelope] = await inbox.envelopes();
    const metadata = metadataOf(envelope);
    expect(Object.keys(metadata).sort()).toEqual(["clinic", "day", "form", "id", "key_id", "timepoint"]);
    expect(metadata.timepoint).toBe("self_screening");
    expect(metadata.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(metadata.id).toBe(envelope.id);
    const [response] = inbox.exportJsonl();
    expect(response.mode).toBe("anonymous");
    expect(response.answers).toEqual(answers);

    await deleteEverything(page);
    await expectNothingLeft(page);
  } finally {
    await inbox.stop();
  }
});

test("a clinic that takes no anonymous responses is not offered any", async ({ page }) => {
  const inbox = await startInbox({ clinic: { accept_anonymous: false } });
  try {
    await page.goto(`${inbox.url}/selvtest?klinik=demo`);
    await completeForm(page, "trivsel", vectors.v3_hcs_like.answers);
    await page.getByRole("button", { name: "Afslut og se resultat" }).click();
    await expect(page.getByText(`${clinicName} tager ikke imod anonyme svar her.`)).toBeVisible();
    await expect(page.getByRole("button", { name: /^Send/ })).toHaveCount(0);
    // The result and the help are there all the same.
    await expect(page.getByRole("heading", { level: 2, name: "Du kan få hjælp – også anonymt" })).toBeVisible();
  } finally {
    await inbox.stop();
  }
});
