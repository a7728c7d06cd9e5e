// The clinic's reader, end to end: ten people answer over four timepoints (with dropouts),
// sealed with `asi seal` to follow-up links made by `asi links`; the reader opens them in the
// browser with the clinic's key, shows the table, one person's course and the group's means
// (raw and LOCF, checked against values computed here), and exports exactly what
// `asi export` writes. Nothing is kept in the browser.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, bin, startInbox, type Inbox } from "./inbox";
import { expectNoViolations } from "./axe";
import { vectors } from "./questionnaire";
import { kept, openControlled } from "./device";

const POINTS = ["intake", "midway", "discharge", "followup_40w"] as const;
const FORM: Record<string, string> = { intake: "asi_kort", midway: "trivsel", discharge: "asi_kort", followup_40w: "asi_kort" };
const DAY: Record<string, string> = { intake: "2026-01-05", midway: "2026-03-02", discharge: "2026-04-27", followup_40w: "2026-10-12" };
const PEOPLE = Array.from({ length: 10 }, (_, i) => `P-${String(i + 1).padStart(2, "0")}`);
/** Who did not answer where (the dropouts). */
const MISSING: Record<string, string[]> = {
  midway: ["P-02", "P-05"],
  discharge: ["P-02", "P-05", "P-07", "P-10"],
  followup_40w: ["P-01", "P-02", "P-05", "P-07", "P-09", "P-10"],
};
const MEASURES = [
  "wellbeing", "wellbeing_personal", "wellbeing_close", "wellbeing_social", "economy", "medical", "psychiatric", "alcohol", "legal", "drug", "asi6",
  "hash_days", "other_drug_days", "alcohol_days", "heavy_drinking_days",
];

type Answers = Record<string, number | boolean | string>;
type Response = { person: string; point: string; answers: Answers; values: Record<string, number | null> };

/** One person's answers at one point: the v3 vector's ASI answers with wellbeing and hash varied. */
function answersOf(p: number, t: number): Answers {
  const wellbeing = {
    wellbeing_personal: (p + 2 * t + 1) % 11,
    wellbeing_close: (3 * p + t + 2) % 11,
    wellbeing_social: (2 * p + 3 * t) % 11,
  };
  const hash = Math.max(0, 24 - 7 * t - p);
  if (FORM[POINTS[t]] === "trivsel") return { ...wellbeing, hash_days: hash, other_drug_days: t };
  const asi = Object.fromEntries(
    Object.entries(vectors.v3_hcs_like.answers).filter(([id]) => !id.startsWith("wellbeing_") && id !== "hash_days" && id !== "other_drug_days"),
  ) as Answers;
  return { ...asi, ...wellbeing, days_cannabis: hash, psych_problem_days: (p * 3 + t * 5) % 31, alc_use_days: (p + t) % 31 };
}

/** Scores of a record by `asi score` (one line of JSON). */
function score(answers: Answers): Record<string, number | null> {
  const out = execFileSync(bin("asi"), ["score", "-"], { input: JSON.stringify(answers) + "\n", encoding: "utf-8" });
  return JSON.parse(out);
}

/** Makes the links, seals every response to its link and posts it to the inbox. */
async function cohort(inbox: Inbox): Promise<{ responses: Response[]; refsCsv: string }> {
  const responses: Response[] = [];
  const csv: string[] = [];
  for (const [t, point] of POINTS.entries()) {
    const answering = PEOPLE.filter((p) => !(MISSING[point] ?? []).includes(p));
    const links = inbox.links(answering, { form: FORM[point], timepoint: point });
    csv.push("ref,token,url", ...links.map((l) => `${l.ref},${l.token},${l.url}`));
    for (const link of links) {
      const p = PEOPLE.indexOf(link.ref) + 1;
      const answers = answersOf(p, t);
      const envelope = execFileSync(
        bin("asi"),
        ["seal", `--public-key=${inbox.clinic.publicKey}`, "--clinic", "demo", "--form", FORM[point], "--timepoint", point, "--day", DAY[point], `--token=${link.token}`, "-"],
        { input: JSON.stringify(answers) + "\n", encoding: "utf-8" },
      );
      const posted = await fetch(`${inbox.url}/api/v1/envelopes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: envelope.trim() });
      expect(posted.status).toBe(201);
      const s = score(answers);
      const num = (v: unknown) => (typeof v === "number" ? v : null);
      responses.push({
        person: link.ref,
        point,
        answers,
        values: {
          wellbeing: num(s.wellbeing),
          wellbeing_personal: num(answers.wellbeing_personal),
          wellbeing_close: num(answers.wellbeing_close),
          wellbeing_social: num(answers.wellbeing_social),
          economy: num(s.economy),
          medical: num(s.medical),
          psychiatric: num(s.psychiatric),
          alcohol: num(s.alcohol),
          legal: num(s.legal),
          drug: num(s.drug),
          asi6: num(s.asi6),
          hash_days: num(answers.hash_days ?? answers.days_cannabis),
          other_drug_days: num(answers.other_drug_days),
          alcohol_days: num(answers.alc_use_days),
          heavy_drinking_days: num(answers.alc_heavy_days),
        },
      });
    }
  }
  return { responses, refsCsv: csv.join("\n") + "\n" };
}

/** Means and n per point, raw and LOCF, computed here from the cohort. */
function expectedGroup(responses: Response[]) {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const at = (person: string, point: string) => responses.find((r) => r.person === person && r.point === point);
  const raw: Record<string, Record<string, { n: number; mean: number | null }>> = {};
  const locf: typeof raw = {};
  for (const m of MEASURES) {
    raw[m] = {};
    locf[m] = {};
    for (const [t, point] of POINTS.entries()) {
      const present = responses.filter((r) => r.point === point).map((r) => r.values[m]).filter((v): v is number => v !== null);
      raw[m][point] = { n: present.length, mean: mean(present) };
      const carried: number[] = [];
      for (const person of PEOPLE) {
        if (!at(person, "intake")) continue;
        let value: number | null = null;
        for (const earlier of POINTS.slice(0, t + 1)) value = at(person, earlier)?.values[m] ?? value;
        if (value !== null) carried.push(value);
      }
      locf[m][point] = { n: carried.length, mean: mean(carried) };
    }
  }
  return { raw, locf };
}

async function loadReader(page: Page, inbox: Inbox, refsCsv: string | null, key = readFileSync(inbox.keyFile)) {
  await page.goto(`${inbox.url}/klinik/`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Klinikkens læser");
  await page.getByLabel("Klinikkens private nøgle (fil)").setInputFiles({ name: "clinic.key", mimeType: "text/plain", buffer: key });
  await page.getByLabel("Læsenøgle").fill(inbox.token);
  if (refsCsv) {
    await page.getByLabel("Personreferencer (valgfri)").setInputFiles({ name: "links.csv", mimeType: "text/csv", buffer: Buffer.from(refsCsv) });
  }
  await page.getByRole("button", { name: "Åbn svarene" }).click();
}

test("the reader shows the table, one person's course and the group, raw and LOCF", async ({ page }) => {
  test.slow();
  const inbox = await startInbox();
  try {
    const { responses, refsCsv } = await cohort(inbox);
    expect(responses).toHaveLength(28);
    await page.goto(`${inbox.url}/klinik/`);
    await expectNoViolations(page, "reader, empty");
    await loadReader(page, inbox, refsCsv);
    await expect(page.locator("#opened-status")).toHaveText("28 besvarelser er åbnet.");
    await expect(page.locator("#opened-status")).toBeFocused();

    // The table: one row per response, with the clinic's own references.
    const rows = page.locator("#responses tbody tr");
    await expect(rows).toHaveCount(28);
    await expect(rows.first().locator("td").nth(2)).toHaveText("P-01");
    await page.locator("#filter-timepoint").selectOption("followup_40w");
    await expect(rows).toHaveCount(4);
    await page.locator("#filter-timepoint").selectOption("");
    await page.locator("#filter-person").fill("p-03");
    await expect(rows).toHaveCount(4);
    await page.locator("#filter-person").fill("");
    // Sorting by wellbeing puts the highest first on the second click.
    await page.getByRole("button", { name: "Trivsel", exact: true }).click();
    await page.getByRole("button", { name: "Trivsel", exact: true }).click();
    const best = Math.max(...responses.map((r) => r.values.wellbeing!));
    await expect(rows.first().locator("td").nth(11)).toHaveText(best.toFixed(1).replace(".", ","));
    await expect(page.locator("th[aria-sort=descending]")).toHaveText(/Trivsel/);
    // The whole answer record is one click away.
    await rows.first().getByRole("button", { name: "Vis svar" }).click();
    await expect(page.locator("#record-heading")).toBeFocused();
    await expect(page.locator("dl.answers dt").first()).toBeVisible();
    await expectNoViolations(page, "reader, loaded");

    // One person over time: P-05 answered at intake only; P-03 everywhere.
    await page.locator("#person-select").selectOption({ label: "P-03" });
    const mine = responses.filter((r) => r.person === "P-03");
    for (const measure of ["wellbeing", "wellbeing_personal", "wellbeing_close", "wellbeing_social"]) {
      const values = await page.locator(`#person-wellbeing g[data-line="${measure}"] circle`).evaluateAll((cs) =>
        cs.map((c) => [Number(c.getAttribute("data-point")), Number(c.getAttribute("data-value"))]),
      );
      const expected = POINTS.map((p, i) => [i, mine.find((r) => r.point === p)?.values[measure]] as const).filter(([, v]) => v != null);
      expect(values.length).toBe(expected.length);
      for (const [[i, v], [j, w]] of values.map((v, k) => [v, expected[k]] as const)) {
        expect(i).toBe(j);
        expect(v).toBeCloseTo(w as number, 9);
      }
    }
    // The reduction flag: at least halving the intake's hash days.
    const intakeHash = mine.find((r) => r.point === "intake")!.values.hash_days!;
    for (const point of POINTS.slice(1)) {
      const hash = mine.find((r) => r.point === point)!.values.hash_days!;
      await expect(page.locator(`#person-table tr[data-timepoint="${point}"] td[data-measure="reduction"]`)).toHaveText(2 * hash <= intakeHash ? "ja" : "nej");
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator("#person-heading").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "screenshots/reader-person.png" });
    await page.locator("#group-heading").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "screenshots/reader-group.png" });
    await page.locator("#responses-heading").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "screenshots/reader-table.png" });
    await page.setViewportSize({ width: 360, height: 640 });
    await page.locator("#person-select").selectOption({ label: "P-05" });
    await expect(page.locator('#person-table tr[data-timepoint="midway"] td').first()).toHaveText("ikke besvaret");

    // The group: every mean and n, raw and LOCF, as computed here.
    const expected = expectedGroup(responses);
    for (const kind of ["raw", "locf"] as const) {
      for (const m of MEASURES) {
        for (const point of POINTS) {
          const cell = page.locator(`#group-${kind} tr[data-measure="${m}"] td[data-timepoint="${point}"]`);
          const want = expected[kind][m][point];
          await expect(cell, `${kind} ${m} ${point}`).toHaveAttribute("data-n", String(want.n));
          const mean = await cell.getAttribute("data-mean");
          if (want.mean === null) expect(mean, `${kind} ${m} ${point}`).toBe("");
          else expect(Number(mean), `${kind} ${m} ${point}`).toBeCloseTo(want.mean, 9);
        }
      }
    }
    // LOCF keeps everyone with an intake at every point.
    expect(expected.locf.wellbeing.followup_40w.n).toBe(10);

    // Export: byte for byte what `asi export` writes.
    for (const [button, format] of [["Hent CSV", "csv"], ["Hent JSON lines", "jsonl"]] as const) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
      const fromReader = readFileSync((await download.path())!, "utf-8");
      const fromCli = execFileSync(
        bin("asi"),
        ["export", "--key", inbox.keyFile, "--inbox", inbox.url, "--format", format],
        { encoding: "utf-8", env: inbox.readerEnv() },
      );
      expect(fromReader).toBe(fromCli);
    }
  } finally {
    await inbox.stop();
  }
});

test("a wrong key or a changed envelope is a clear message for that envelope only", async ({ page }) => {
  const inbox = await startInbox();
  try {
    await cohort(inbox);
    const envelopes = await inbox.envelopes();
    const changed = { ...envelopes[3], ct: (envelopes[3].ct[0] === "A" ? "B" : "A") + envelopes[3].ct.slice(1) };
    const file = [...envelopes.slice(0, 3), changed, ...envelopes.slice(4)].map((e) => JSON.stringify(e)).join("\n") + "\n";
    await page.goto(`${inbox.url}/klinik/`);
    await page.getByLabel("Klinikkens private nøgle (fil)").setInputFiles({ name: "clinic.key", mimeType: "text/plain", buffer: readFileSync(inbox.keyFile) });
    await page.getByLabel("… eller åbn en fil med konvolutter").setInputFiles({ name: "envelopes.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(file) });
    await page.getByRole("button", { name: "Åbn svarene" }).click();
    await expect(page.locator("#opened-status")).toHaveText("27 besvarelser er åbnet. 1 kunne ikke åbnes (se nedenfor).");
    await expect(page.locator(`tr[data-failure="${changed.id}"]`)).toContainText("den er blevet ændret, eller den er ikke til denne nøgle");
    await expect(page.locator("#responses tbody tr")).toHaveCount(27);

    // Another clinic's key opens nothing, and says why for every envelope.
    const other = execFileSync(bin("asi"), ["keygen", "--out", `${inbox.keyFile}.other`], { encoding: "utf-8" });
    expect(other).toContain("public_key");
    await loadReader(page, inbox, null, readFileSync(`${inbox.keyFile}.other`));
    await expect(page.locator("#opened-status")).toHaveText("0 besvarelser er åbnet. 28 kunne ikke åbnes (se nedenfor).");
    await expect(page.locator("tr[data-failure]").first()).toContainText("den er forseglet til nøgle");
    await expectNoViolations(page, "reader, failures");
  } finally {
    await inbox.stop();
  }
});

test("closing and reopening the reader leaves no key and no answer in the browser", async ({ context }) => {
  const inbox = await startInbox();
  try {
    await cohort(inbox);
    const page = await context.newPage();
    // The citizen app's service worker, installed first, must leave the reader alone.
    await openControlled(page, `${inbox.url}/selvtest`);
    await loadReader(page, inbox, null);
    await expect(page.locator("#opened-status")).toHaveText("28 besvarelser er åbnet.");
    await expect(page.getByLabel("Klinikkens private nøgle (fil)")).toHaveValue("");
    await page.close();
    const again = await context.newPage();
    await again.goto(`${inbox.url}/klinik/`);
    await expect(again.getByRole("heading", { level: 1 })).toHaveText("Klinikkens læser");
    await expect(again.locator("#responses")).toHaveCount(0);
    const left = await again.evaluate(async () => {
      const cached: string[] = [];
      for (const key of await caches.keys()) {
        for (const request of await (await caches.open(key)).keys()) cached.push(new URL(request.url).pathname);
      }
      return {
        dbs: (await indexedDB.databases()).map((d) => d.name),
        local: localStorage.length,
        session: sessionStorage.length,
        cookies: document.cookie,
        cached,
      };
    });
    // The only database is the citizen app's own (from the visit above), holding nothing.
    expect({ ...left, cached: [] }).toEqual({ dbs: ["asi-app"], local: 0, session: 0, cookies: "", cached: [] });
    expect(await kept(again)).toEqual({ drafts: 0, outbox: 0 });
    // Only the citizen app's shell is cached: nothing of the reader, no inbox answer.
    expect(left.cached.filter((path) => path.startsWith("/klinik") || path.startsWith("/api"))).toEqual([]);
    expect(left.cached).toContain("/index.html");
    expect(await context.cookies()).toEqual([]);
  } finally {
    await inbox.stop();
  }
});
