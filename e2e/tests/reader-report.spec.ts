// The clinic's report in the reader, end to end, against a real inbox: the synthetic cohort of
// `asi report`'s own test (60 people, four measurement points, dropouts, every course ending;
// crates/cli/tests/data/report) is sealed to follow-up links — some answered, some still
// open, some expiring within days, some expired — and the reader makes the report in the
// browser from the same key, envelopes, references and register file as `asi report`:
// the same JSON (to the last bits of what exp and ln compute), the same page and the same
// text on the reader's page, and the shown numbers are the JSON's.
// The list of who has not answered is the inbox's link states; a new link for someone whose
// link expired works; the report and one person print without clipping, the person on one
// A4 page. axe checks every state.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash, randomBytes } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { test, expect, bin, startInbox, type Inbox } from "./inbox";
import { expectNoViolations } from "./axe";
import { vectors } from "./questionnaire";

const DATA = new URL("../../crates/cli/tests/data/report/", import.meta.url);
const REGISTER = readFileSync(new URL("register.csv", DATA), "utf-8");
const ANSWERS = readFileSync(new URL("answers.csv", DATA), "utf-8");
const POINTS = ["intake", "midway", "discharge", "followup_40w"] as const;
type Point = (typeof POINTS)[number];
const formOf = (point: Point) => (point === "midway" ? "trivsel" : "asi_kort");
/** The days after today each kind of link is valid (an expired link's day is in the past). */
const VALID = { answered: 30, open: 30, soon: 3, expired: -10 } as const;
type Kind = keyof typeof VALID;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const dayIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The answers file's rows, one per response. */
function answerRows(): Array<Record<string, string>> {
  const [header, ...lines] = ANSWERS.trim().split("\n").map((l) => l.split(","));
  return lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
}

/** A response as the app records it (as `crates/cli/tests/report.rs` makes them). */
function recordOf(row: Record<string, string>): Record<string, unknown> {
  const n = (key: string) => Number(row[key]);
  const wellbeing = { wellbeing_personal: n("wellbeing_personal"), wellbeing_close: n("wellbeing_close"), wellbeing_social: n("wellbeing_social") };
  if (row.timepoint === "midway") return { ...wellbeing, hash_days: n("hash"), other_drug_days: n("other") };
  return {
    ...vectors.v1_no_burden.answers,
    ...wellbeing,
    days_cannabis: n("hash"),
    days_cocaine: n("other"),
    psych_problem_days: n("psych_problem_days"),
    drug_problem_days: n("drug_problem_days"),
    main_income: row.main_income,
  };
}

/** Which kind of link a person's unanswered link at a point is. */
function unansweredKind(point: Point, index: number): Kind {
  switch (point) {
    case "intake":
      return "open";
    case "midway":
      return "expired";
    case "discharge":
      return "soon";
    default:
      return index % 2 === 0 ? "expired" : "open";
  }
}

type Cohort = { refsFiles: string[]; refsCsv: string; dir: string; responses: number };

/**
 * The cohort in the inbox: links made with `asi links` (valid 30 or 3 days) or, for links
 * that have expired, registered as `asi links` registers them with a last day in the past;
 * every answer sealed with `asi seal` to its person's link and posted.
 */
async function cohort(inbox: Inbox): Promise<Cohort> {
  const dir = mkdtempSync(join(tmpdir(), "asi-e2e-report-"));
  const people = REGISTER.trim().split("\n").slice(1).map((l) => l.split(",")[0]);
  const rows = answerRows();
  const answered = (person: string, point: Point) => rows.find((r) => r.ref === person && r.timepoint === point);
  const refsFiles: string[] = [];
  const tokens = new Map<string, string>();
  for (const point of POINTS) {
    const groups: Record<Kind, string[]> = { answered: [], open: [], soon: [], expired: [] };
    people.forEach((person, i) => groups[answered(person, point) ? "answered" : unansweredKind(point, i)].push(person));
    const csv: string[] = ["ref,token,url"];
    for (const kind of ["answered", "open", "soon"] as const) {
      if (groups[kind].length === 0) continue;
      for (const link of inbox.links(groups[kind], { form: formOf(point), timepoint: point, expires: VALID[kind] })) {
        csv.push(`${link.ref},${link.token},${link.url}`);
        tokens.set(`${link.ref}/${point}`, link.token);
      }
    }
    if (groups.expired.length > 0) {
      const made = groups.expired.map((ref) => ({ ref, token: randomBytes(32).toString("base64url") }));
      const registered = await fetch(`${inbox.url}/api/v1/links`, {
        method: "POST",
        headers: { Authorization: `Bearer ${inbox.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          clinic: "demo",
          links: made.map((m) => ({ token_sha256: sha256(m.token), form: formOf(point), timepoint: point, expires: dayIn(VALID.expired) })),
        }),
      });
      expect(registered.status).toBe(201);
      for (const m of made) csv.push(`${m.ref},${m.token},${inbox.url}/?klinik=demo&form=${formOf(point)}&timepoint=${point}#token=${m.token}`);
    }
    const file = join(dir, `links-${point}.csv`);
    writeFileSync(file, csv.join("\n") + "\n");
    refsFiles.push(file);
  }
  for (const row of rows) {
    const point = row.timepoint as Point;
    const envelope = execFileSync(
      bin("asi"),
      ["seal", `--public-key=${inbox.clinic.publicKey}`, "--clinic", "demo", "--form", formOf(point), "--timepoint", point, `--token=${tokens.get(`${row.ref}/${point}`)}`, "-"],
      { input: JSON.stringify(recordOf(row)) + "\n", encoding: "utf-8" },
    );
    const posted = await fetch(`${inbox.url}/api/v1/envelopes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: envelope.trim() });
    expect(posted.status, `${row.ref} ${point}`).toBe(201);
  }
  const refsCsv = refsFiles.map((f) => readFileSync(f, "utf-8")).join("");
  writeFileSync(join(dir, "register.csv"), REGISTER);
  return { refsFiles, refsCsv, dir, responses: rows.length };
}

/** `asi report` on the inbox with the cohort's files and `options`, as `format`. */
function cliReport(inbox: Inbox, c: Cohort, format: "json" | "html", options: string[] = []): string {
  return execFileSync(
    bin("asi"),
    ["report", "--key", inbox.keyFile, "--inbox", inbox.url, ...c.refsFiles.flatMap((f) => ["--refs", f]), "--register", join(c.dir, "register.csv"), "--format", format, ...options],
    { encoding: "utf-8", env: inbox.readerEnv() },
  );
}

/** The CLI's page without its own list of who has not answered (the reader shows its own),
 * as text. */
async function cliText(page: Page, html: string): Promise<string> {
  const other = await page.context().newPage();
  await other.setContent(html);
  const text = await other.locator("main.report").evaluate((main) => {
    const list = [...main.querySelectorAll("h3")].find((h) => h.textContent === "Mangler at svare");
    list?.nextElementSibling?.remove();
    list?.remove();
    return main.textContent;
  });
  await other.close();
  return text ?? "";
}

/** The text of the file the button named `name` saves. */
async function downloaded(page: Page, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  return readFileSync((await file.path())!, "utf-8");
}

/**
 * The reader's JSON is `asi report`'s: the same members, texts, counts and shares, and every
 * number computed through exp and ln (odds ratios, p-values, coefficients) equal to the last
 * few binary digits — the browser's build of Rust's math functions and the C library's the
 * CLI uses may round the last bit differently. What the page shows is compared exactly.
 */
function expectSameReport(fromReader: string, fromCli: string) {
  const same = (a: unknown, b: unknown, at: string): void => {
    if (typeof a === "number" && typeof b === "number") {
      if (Number.isInteger(a) && Number.isInteger(b)) expect(a, at).toBe(b);
      else expect(Math.abs(a - b), `${at}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
    } else if (Array.isArray(a) && Array.isArray(b)) {
      expect(a.length, at).toBe(b.length);
      a.forEach((x, i) => same(x, b[i], `${at}[${i}]`));
    } else if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
      expect(Object.keys(a), at).toEqual(Object.keys(b));
      for (const key of Object.keys(a)) same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
    } else {
      expect(a, at).toBe(b);
    }
  };
  same(JSON.parse(fromReader), JSON.parse(fromCli), "report");
}

/** A shown percentage ("46,8 %") as a share. */
const shareOf = (text: string) => Number(text.replace(" %", "").replace(",", ".")) / 100;
/** A shown number with a decimal comma. */
const numberOf = (text: string) => Number(text.replace(",", "."));

/** The cells of the report's table whose caption starts with `caption`, row by row. */
async function tableCells(report: Locator, caption: string): Promise<string[][]> {
  const table = report.locator("table").filter({ has: report.page().locator("caption", { hasText: caption }) }).first();
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c as HTMLElement).innerText.trim())));
}

/** Opens the reader and its responses with the clinic's key, the inbox and `refsCsv`. */
async function openResponses(page: Page, inbox: Inbox, refsCsv: string, responses: number) {
  await page.goto(`${inbox.url}/klinik/`);
  await page.getByLabel("Klinikkens private nøgle (fil)").setInputFiles({ name: "clinic.key", mimeType: "text/plain", buffer: readFileSync(inbox.keyFile) });
  await page.getByLabel("Læsenøgle").fill(inbox.token);
  await page.getByLabel("Personreferencer (valgfri)").setInputFiles({ name: "links.csv", mimeType: "text/csv", buffer: Buffer.from(refsCsv) });
  await page.getByRole("button", { name: "Åbn svarene" }).click();
  await expect(page.locator("#opened-status")).toHaveText(`${responses} besvarelser er åbnet.`);
}

async function makeReport(page: Page, people: number) {
  await page.getByRole("button", { name: "Lav rapporten" }).click();
  // One request per link of the references file (240 here) to a debug build of the inbox.
  await expect(page.locator("#report-status")).toContainText(`Rapporten er lavet: ${people} personer.`, { timeout: 60_000 });
  await expect(page.locator("#report-status")).toBeFocused();
}

/** Replaces `window.print` (a dialog a test cannot close) with a record of what was to be
 * printed, so the print style sheet stays in force for `page.pdf`. */
async function catchPrint(page: Page) {
  await page.evaluate(() => {
    const printed: string[] = [];
    (window as unknown as { printed: string[] }).printed = printed;
    window.print = () => void printed.push(document.documentElement.dataset.print ?? "");
  });
}

const printed = (page: Page) => page.evaluate(() => (window as unknown as { printed: string[] }).printed);

/** The A4 page's width inside 15 mm margins, in CSS pixels. */
const PRINT_WIDTH = Math.floor(((210 - 2 * 15) / 25.4) * 96);

/** Every element of the print layout that reaches beyond the page's width, or whose content
 * is wider than it. */
async function overflowing(page: Page): Promise<string[]> {
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
  const found = await page.evaluate((width) => {
    const out: string[] = [];
    const name = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.className && typeof e.className === "string" ? "." + e.className.trim().replace(/\s+/g, ".") : ""}`;
    for (const e of document.body.querySelectorAll("*")) {
      if (e.getClientRects().length === 0 || e.closest(".visually-hidden")) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > width + 1 || r.left < -1) out.push(`${name(e)} spans ${Math.round(r.left)}–${Math.round(r.right)} px`);
      // Content wider than its box: text that does not wrap, a table in a narrow column,
      // a scrolling or clipping box (its hidden part would be lost on paper).
      if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && e.tagName !== "svg") {
        out.push(`${name(e)} holds ${e.scrollWidth} px in ${e.clientWidth} px`);
      }
    }
    if (document.documentElement.scrollWidth > width + 1) out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    return out;
  }, PRINT_WIDTH);
  return found;
}

/** The number of pages of a PDF made by Chromium. */
const pageCount = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;

test("the reader's report is asi report's, lists who has not answered, makes a new link and prints", async ({ page }) => {
  // 173 responses sealed one by one with `asi seal`, and `asi report` run six times.
  test.setTimeout(360_000);
  const inbox = await startInbox();
  try {
    const c = await cohort(inbox);
    await page.setViewportSize({ width: 1280, height: 900 });
    await openResponses(page, inbox, c.refsCsv, c.responses);

    // The register file from the clinic's machine: read here, its columns offered.
    await page.getByLabel("Registerfil (valgfri)").setInputFiles({ name: "register.csv", mimeType: "text/csv", buffer: Buffer.from(REGISTER) });
    await expect(page.locator("#register-summary")).toHaveText("Registerfilen har 60 personer og grupperingskolonnerne: afdeling.");
    await makeReport(page, 60);
    const report = page.locator("#rapport");

    // The same numbers as `asi report`: its JSON, its page's text, its page.
    const json = cliReport(inbox, c, "json");
    expectSameReport(await downloaded(page, "Hent tallene (JSON)"), json);
    const html = cliReport(inbox, c, "html");
    expect(await report.evaluate((r) => r.textContent)).toBe(await cliText(page, html));
    // The CLI's page prints within A4's width too (the same styles).
    const standalone = await page.context().newPage();
    await standalone.setContent(html);
    expect(await overflowing(standalone)).toEqual([]);
    await standalone.close();
    expect(await downloaded(page, "Hent som HTML-side")).toBe(html);

    // …and the numbers shown are the JSON's.
    const r = JSON.parse(json);
    const table1 = await tableCells(report, "Tabel 1:");
    expect(table1.length).toBe(4);
    r.data_basis.forEach((row: { answered: { n: number; count: number; share: number } }, i: number) => {
      expect(Number(table1[i][1])).toBe(row.answered.n);
      expect(Number(table1[i][2])).toBe(row.answered.count);
      expect(shareOf(table1[i][3])).toBeCloseTo(row.answered.share, 3);
    });
    const rates = await tableCells(report, "Svarprocent for opfølgningslinks");
    r.links.rows.forEach((row: { links: number; answered: { n: number; count: number; share: number }; open: number; expired: number }, i: number) => {
      expect(rates[i].slice(1, 6).map(Number)).toEqual([row.links, row.answered.n, row.answered.count, row.open, row.expired]);
      expect(shareOf(rates[i][6])).toBeCloseTo(row.answered.share, 3);
    });
    const drugFree = await tableCells(report, "Figur 7:");
    r.drug_use.drug_free.raw.forEach((s: { count: number; n: number; share: number }, i: number) => {
      expect(drugFree[i][1]).toContain(`(${s.count} af ${s.n})`);
      expect(shareOf(drugFree[i][1].split(" (")[0])).toBeCloseTo(s.share, 3);
    });
    for (const t of r.outcomes) {
      const rows = await tableCells(report, `Tabel ${t.number}:`);
      t.rows.forEach((row: { odds_ratio: { kind: string; odds_ratio?: number; p_value?: number } }, i: number) => {
        const or = row.odds_ratio;
        if (or.kind === "estimate") {
          expect(numberOf(rows[i][2]), `Tabel ${t.number}`).toBeCloseTo(or.odds_ratio!, 2);
          if (or.p_value! >= 0.001) expect(numberOf(rows[i][3])).toBeCloseTo(or.p_value!, 3);
          else expect(rows[i][3]).toBe("<0,001");
        } else if (or.kind === "reference") {
          expect(rows[i][2]).toBe("1,0 (ref)");
        }
      });
    }
    expect(r.outcomes.some((t: { rows: Array<{ odds_ratio: { kind: string } }> }) => t.rows.some((row) => row.odds_ratio.kind === "estimate"))).toBe(true);

    // Who has not answered: the inbox's link states, person by person.
    const soonDay = dayIn(7);
    const expected: Record<string, Array<{ ref: string; state: string; expires: string }>> = {};
    const states: Array<{ ref: string; point: string; state: string; expires: string }> = [];
    for (const line of c.refsCsv.trim().split("\n").filter((l) => !l.startsWith("ref,"))) {
      const [ref, token] = line.split(",");
      const info = await (await fetch(`${inbox.url}/api/v1/links/${sha256(token)}`)).json();
      states.push({ ref, point: info.timepoint, state: info.state, expires: info.expires });
    }
    for (const point of POINTS) {
      const mine = states.filter((s) => s.point === point);
      expected[point] = [...new Set(mine.map((s) => s.ref))]
        .filter((ref) => !mine.some((s) => s.ref === ref && s.state === "used"))
        .map((ref) => {
          const links = mine.filter((s) => s.ref === ref);
          const newest = links.reduce((a, b) => (b.expires > a.expires ? b : a));
          const open = links.some((s) => s.state === "open");
          return { ref, state: open ? (newest.expires <= soonDay ? "soon" : "open") : "expired", expires: newest.expires };
        })
        .sort((a, b) => a.expires.localeCompare(b.expires) || a.ref.localeCompare(b.ref));
    }
    expect(expected.midway.every((u) => u.state === "expired")).toBe(true);
    expect(expected.discharge.every((u) => u.state === "soon")).toBe(true);
    expect(new Set(expected.followup_40w.map((u) => u.state))).toEqual(new Set(["open", "expired"]));
    const shown = async (point: string) =>
      page.locator(`table.unanswered[data-timepoint="${point}"] tbody tr`).evaluateAll((rows) =>
        rows.map((row) => ({ ref: row.getAttribute("data-reference")!, state: row.getAttribute("data-state")!, expires: row.getAttribute("data-expires")! })),
      );
    for (const point of POINTS) expect(await shown(point), point).toEqual(expected[point]);
    await expect(page.locator('table.unanswered tr[data-state="soon"]').first()).toContainText("åbent — udløber inden for 7 dage");
    await expect(page.locator('table.unanswered tr[data-state="expired"] button')).toHaveCount(
      Object.values(expected).flat().filter((u) => u.state === "expired").length,
    );
    await expectNoViolations(page, "reader, report");
    await page.screenshot({ path: "screenshots/reader-report.png", fullPage: false });

    // A new link for someone whose link expired: one button; the inbox has it, open, for
    // the same form and point; the page shows its address and gives the row to keep.
    const gone = expected.midway[0];
    const row = page.locator(`table.unanswered[data-timepoint="midway"] tr[data-reference="${gone.ref}"]`);
    await row.getByRole("button", { name: `Lav nyt link til ${gone.ref}, Midtvejssamtale` }).click();
    await expect(page.locator("#new-links-status")).toContainText(`Nyt link til ${gone.ref} (Midtvejssamtale), gyldigt til og med ${dayIn(30)}.`);
    await expect(page.locator("#new-links-status")).toBeFocused();
    const url = await page.locator(`.new-link[data-reference="${gone.ref}"] input`).inputValue();
    const token = new URL(url).hash.replace("#token=", "");
    expect(url).toBe(`${inbox.url}/?klinik=demo&form=trivsel&timepoint=midway#token=${token}`);
    expect(Buffer.from(token, "base64url").length).toBe(32);
    const info = await (await fetch(`${inbox.url}/api/v1/links/${sha256(token)}`)).json();
    expect(info).toEqual({ clinic: "demo", form: "trivsel", timepoint: "midway", expires: dayIn(30), state: "open" });
    const newRows = join(c.dir, "new-links.csv");
    writeFileSync(newRows, await downloaded(page, "Hent de nye links (ref,token,url)"));
    expect(readFileSync(newRows, "utf-8")).toBe(`ref,token,url\n${gone.ref},${token},${url}\n`);
    // The person's link is open now, and the list says so.
    await expect(row).toHaveAttribute("data-state", "open");
    await expect(row.getByRole("button")).toHaveCount(0);
    await expectNoViolations(page, "reader, new link");
    await page.locator("#new-links").screenshot({ path: "screenshots/reader-new-link.png" });

    // The link works: the app opens it for the form, and a response sealed to it is taken.
    const app = await page.context().newPage();
    await app.goto(url);
    await expect(app.getByRole("heading", { level: 1 })).toHaveText("Spørgeskema fra Demo Rusmiddelcenter");
    await expect(app.getByText("i forbindelse med: Midtvejssamtale")).toBeVisible();
    await expect(app.locator(".form-card")).toHaveCount(1);
    await app.close();
    const envelope = execFileSync(
      bin("asi"),
      ["seal", `--public-key=${inbox.clinic.publicKey}`, "--clinic", "demo", "--form", "trivsel", "--timepoint", "midway", `--token=${token}`, "-"],
      { input: JSON.stringify({ wellbeing_personal: 6, wellbeing_close: 7, wellbeing_social: 5, hash_days: 2, other_drug_days: 0 }) + "\n", encoding: "utf-8" },
    );
    const posted = await fetch(`${inbox.url}/api/v1/envelopes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: envelope.trim() });
    expect(posted.status).toBe(201);

    // The clinic adds the downloaded row to its references file and opens the responses
    // again: the new link's response is the person's, and nobody misses that point any more.
    const refsWithNew = c.refsCsv + readFileSync(newRows, "utf-8");
    await openResponses(page, inbox, refsWithNew, c.responses + 1);
    await page.getByLabel("Registerfil (valgfri)").setInputFiles({ name: "register.csv", mimeType: "text/csv", buffer: Buffer.from(REGISTER) });
    await makeReport(page, 60);
    expect((await shown("midway")).map((u) => u.ref)).toEqual(expected.midway.slice(1).map((u) => u.ref));
    const withNew = { ...c, refsFiles: [...c.refsFiles, newRows] };
    expectSameReport(await downloaded(page, "Hent tallene (JSON)"), cliReport(inbox, withNew, "json"));

    // The options as form controls: period, points and split, as `asi report` takes them.
    await page.getByLabel("Fra og med (valgfri)").fill("2025-03-01");
    await page.getByLabel("Til og med (valgfri)").fill("2025-09-30");
    await page.getByLabel("Udskrivning", { exact: true }).uncheck();
    await page.getByLabel("Opdel tabel 2–5 efter").selectOption("afdeling");
    const options = ["--from", "2025-03-01", "--to", "2025-09-30", "--timepoints", "intake,midway,followup_40w", "--group-by", "afdeling"];
    const narrow = cliReport(inbox, withNew, "json", options);
    await makeReport(page, JSON.parse(narrow).people);
    expectSameReport(await downloaded(page, "Hent tallene (JSON)"), narrow);
    const mine = JSON.parse(narrow);
    expect(mine.group_by).toBe("afdeling");
    expect(mine.timepoints.map((t: { id: string }) => t.id)).toEqual(["intake", "midway", "followup_40w"]);
    expect(mine.people).toBeLessThan(60);
    expect(await report.evaluate((r) => r.textContent)).toBe(await cliText(page, cliReport(inbox, withNew, "html", options)));
    await expectNoViolations(page, "reader, report with options");

    // Printing the report: only the report and its list, nothing wider than an A4 page.
    await catchPrint(page);
    await page.getByRole("button", { name: "Udskriv rapporten" }).click();
    expect(await printed(page)).toEqual(["report"]);
    expect(await overflowing(page)).toEqual([]);
    await expect(page.locator("#report-form")).toBeHidden();
    await expect(page.locator("#rapport")).toBeVisible();
    const reportPdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pageCount(reportPdf)).toBeGreaterThan(3);
    mkdirSync("screenshots", { recursive: true });
    writeFileSync("screenshots/reader-report-print.pdf", reportPdf);
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 1280, height: 900 });

    // One person for the journal: one A4 page, nothing clipped.
    await page.locator("#person-select").selectOption({ label: "P-005" });
    await page.getByRole("button", { name: "Udskriv", exact: true }).click();
    expect(await printed(page)).toEqual(["report", "person"]);
    expect(await overflowing(page)).toEqual([]);
    await expect(page.locator("#person-print-table")).toBeVisible();
    await expect(page.locator("#rapport")).toBeHidden();
    await expect(page.locator("#person-print-table tr[data-measure='drug'] td")).toHaveCount(4);
    await expect(page.locator(".about-measures dt")).toHaveCount(9);
    const personPdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pageCount(personPdf)).toBe(1);
    writeFileSync("screenshots/reader-person-print.pdf", personPdf);
  } finally {
    await inbox.stop();
  }
});
