// The involvement form (Inddragelse) in the clinic's reader, end to end: responses sealed
// with `asi seal` to follow-up links at discharge, beside an ASI kort at intake; the reader
// says the form has no score where scores are shown, shows per statement how many chose each
// step and their share of those who answered (the numbers worked out by hand below), shows
// the answers in the citizens' own words as text — never as markup — and is axe-clean.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test, expect, bin, startInbox, type Inbox } from "./inbox";
import { expectNoViolations } from "./axe";
import { vectors } from "./questionnaire";

/** Markup, a formula and a line break in a free text: all to be shown as the characters they are. */
const MARKUP = "<b>fed</b> <img src=x onerror=alert(1)>\n=1+1";

/**
 * Three involvement responses at discharge (A–C); "–" is "Vil ikke svare".
 *
 * | statement  | A | B | C |
 * |------------|---|---|---|
 * | decisions  | 4 | 3 | 4 |
 * | time       | 3 | – | 2 |
 * | relatives  | 0 | 4 | – |
 */
const INVOLVEMENT: Record<string, Record<string, number | string>> = {
  A: { involvement_decisions: 4, involvement_time: 3, involvement_relatives: 0, involvement_important: "At der bliver taget udgangspunkt i mig." },
  B: { involvement_decisions: 3, involvement_relatives: 4 },
  C: { involvement_decisions: 4, involvement_time: 2, involvement_important: MARKUP },
};

function seal(inbox: Inbox, form: string, timepoint: string, token: string, answers: object): string {
  return execFileSync(
    bin("asi"),
    ["seal", `--public-key=${inbox.clinic.publicKey}`, "--clinic", "demo", "--form", form, "--timepoint", timepoint, "--day", "2026-04-27", `--token=${token}`, "-"],
    { input: JSON.stringify(answers) + "\n", encoding: "utf-8" },
  ).trim();
}

async function post(inbox: Inbox, envelope: string) {
  const posted = await fetch(`${inbox.url}/api/v1/envelopes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: envelope });
  expect(posted.status).toBe(201);
}

test("the reader shows the involvement form's shares per statement, its free texts as text, and no score", async ({ page }) => {
  const inbox = await startInbox({ clinic: { offers: { asi_kort: ["intake"], inddragelse: ["discharge"] } } });
  try {
    const [intake] = inbox.links(["A"], { form: "asi_kort", timepoint: "intake" });
    await post(inbox, seal(inbox, "asi_kort", "intake", intake.token, vectors.v3_hcs_like.answers));
    const links = inbox.links(Object.keys(INVOLVEMENT), { form: "inddragelse", timepoint: "discharge" });
    for (const link of links) await post(inbox, seal(inbox, "inddragelse", "discharge", link.token, INVOLVEMENT[link.ref]));
    const refsCsv = ["ref,token,url", ...[intake, ...links].map((l) => `${l.ref},${l.token},${l.url}`)].join("\n") + "\n";

    await page.goto(`${inbox.url}/klinik/`);
    await page.getByLabel("Klinikkens private nøgle (fil)").setInputFiles({ name: "clinic.key", mimeType: "text/plain", buffer: readFileSync(inbox.keyFile) });
    await page.getByLabel("Læsenøgle").fill(inbox.token);
    await page.getByLabel("Personreferencer (valgfri)").setInputFiles({ name: "links.csv", mimeType: "text/csv", buffer: Buffer.from(refsCsv) });
    await page.getByRole("button", { name: "Åbn svarene" }).click();
    await expect(page.locator("#opened-status")).toHaveText("4 besvarelser er åbnet.");

    // Where scores are shown, an involvement response says it has none.
    const rows = page.locator('#responses tbody tr[data-form="inddragelse"]');
    await expect(rows).toHaveCount(3);
    await expect(rows.first().locator("td.no-score")).toHaveText("Inddragelse: ingen score — se svarene (Vis svar) og andelene under Gruppen");
    await expect(page.locator("#responses caption")).toContainText("Inddragelse har ingen score.");
    // The ASI kort's course is not disturbed by the involvement response at another point.
    await expect(page.locator("#person-table tr[data-timepoint=intake] td").first()).toHaveText("2026-04-27");

    // The shares at discharge, as worked out above.
    await expect(page.getByRole("heading", { name: "Inddragelse", level: 2 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Udskrivning (3 besvarelser)", level: 3 })).toBeVisible();
    const table = page.locator("#shares-inddragelse-discharge-table");
    const row = (item: string) => table.locator(`tr[data-item="${item}"]`);
    const expectRow = async (item: string, counts: number[], answered: number, declined: number) => {
      for (const [step, count] of counts.entries()) {
        const cell = row(item).locator(`td[data-step="${step}"]`);
        await expect(cell, `${item} ${step}`).toHaveAttribute("data-count", String(count));
        const share = count / answered;
        await expect(cell, `${item} ${step}`).toHaveText(`${count} (${Math.round(share * 100)} %)`);
      }
      await expect(row(item).locator("td[data-answered]")).toHaveText(String(answered));
      await expect(row(item).locator("td[data-declined]")).toHaveText(String(declined));
    };
    // decisions 4, 3, 4: one "I høj grad" (33 %), two "I meget høj grad" (67 %).
    await expectRow("involvement_decisions", [0, 0, 0, 1, 2], 3, 0);
    // time 3, –, 2: of the two who answered, one "I nogen grad" and one "I høj grad".
    await expectRow("involvement_time", [0, 0, 1, 1, 0], 2, 1);
    // relatives 0, 4, –.
    await expectRow("involvement_relatives", [1, 0, 0, 0, 1], 2, 1);
    // The statements no one answered have no shares.
    await expect(row("involvement_privacy").locator('td[data-step="0"]')).toHaveText("0 (–)");
    await expect(row("involvement_privacy").locator("td[data-declined]")).toHaveText("3");
    // The chart carries the same numbers.
    const pieces = await page.locator('#shares-inddragelse-discharge-chart g[data-bar="involvement_decisions"] rect').evaluateAll((rs) =>
      rs.map((r) => [Number(r.getAttribute("data-step")), Number(r.getAttribute("data-count"))]),
    );
    expect(pieces).toEqual([[3, 1], [4, 2]]);

    // The free texts, as written: the markup is text, not elements.
    const texts = page.locator('ul.free-texts[data-timepoint="discharge"] blockquote');
    await expect(texts).toHaveCount(2);
    await expect(texts.first()).toHaveText("At der bliver taget udgangspunkt i mig.");
    expect(await texts.nth(1).evaluate((b) => b.textContent)).toBe(MARKUP);
    expect(await texts.nth(1).evaluate((b) => b.children.length)).toBe(0);
    await expect(page.locator("ul.free-texts img, ul.free-texts b")).toHaveCount(0);

    await expectNoViolations(page, "reader, involvement");
  } finally {
    await inbox.stop();
  }
});
