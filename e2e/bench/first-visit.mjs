// Measures what a first visit costs, on a slow phone (Lighthouse's mobile profile: 150 ms
// RTT, 1.6 Mbit/s down, 750 kbit/s up, 4x CPU slowdown; cache disabled), for the app and, in
// the same run, for the plain-HTML floor: the ASI kort as one HTML page without script
// (plain-form.mjs), loads alternating, median of RUNS each:
//   - the time until the first question is painted and takes input (visit.mjs);
//   - the bytes and requests before that, and of the whole visit including the service
//     worker's precache;
//   - layout shift from navigation until the app has started, and 1 s more;
// then the compressed bytes of every file the app loads (gzip -9, brotli 11), and the time
// from a typed answer to "saved on this device" (save-time.mjs).
// Usage: node bench/first-visit.mjs [RUNS]  (after trunk build --release and cargo build -p
// asi-inbox; the inbox from ASI_BIN_DIR, default ../target/debug, serves ../dist as it does in
// production: the build's own brotli copies, and the app's headers). Prints a table; writes
// everything to bench/results/first-visit.json.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

import { buildPlainForm, servePlain } from "./plain-form.mjs";
import { saveTimes } from "./save-time.mjs";
import { firstVisit } from "./visit.mjs";

const runs = Number(process.argv[2] ?? 5);
const port = 4199;
const plainPort = 4198;
const base = `http://localhost:${port}`;
const plainBase = `http://localhost:${plainPort}`;
const args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

const root = new URL("../../", import.meta.url);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

// What a person sees: the start button, and the first section's questions (from the data).
const instrument = JSON.parse(await readFile(new URL("crates/instrument/data/instrument-v2.json", root), "utf-8"));
const firstSection = instrument.forms.find((f) => f.id === "asi_kort").sections[0];
const firstItems = instrument.items.filter((i) => i.section === firstSection);
const start = /^Start ASI kort/;
const question = firstItems[0].text.da;
const dayFields = firstItems.filter((i) => i.type.kind === "days").map((i) => i.text.da);

const binDir = resolve(process.env.ASI_BIN_DIR ?? here("../../target/debug"));
const server = spawn(join(binDir, "asi-inbox"), ["--config", here("../app-inbox.toml")], {
  stdio: ["ignore", "pipe", "inherit"],
  env: {
    ...process.env,
    ASI_INBOX_LISTEN: `127.0.0.1:${port}`,
    ASI_INBOX_DATABASE: join(tmpdir(), `asi-bench-inbox-${port}.sqlite`),
    ASI_INBOX_APP_DIR: here("../../dist"),
  },
});
await new Promise((ok, fail) => {
  server.stdout.on("data", (chunk) => String(chunk).includes("listening on") && ok());
  server.once("exit", (code) => fail(new Error(`asi-inbox exited with ${code}`)));
});
const plain = await servePlain(await buildPlainForm(root), plainPort);

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args });
try {
  // 1. Bytes: every response of the page in an unthrottled first visit (until its start
  // button is there and the network has been quiet for 0.5 s), compressed both ways.
  const page = await browser.newPage();
  const urls = [];
  page.on("response", (r) => urls.push(r.url()));
  await page.goto(base);
  await page.getByRole("button", { name: start }).or(page.getByRole("link", { name: start })).first().waitFor();
  await page.waitForLoadState("networkidle");
  await page.close();
  const files = [];
  for (const url of urls) {
    const path = new URL(url).pathname;
    const body = await readFile(new URL(`dist${path === "/" ? "/index.html" : path}`, root));
    files.push({
      path,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  const total = (k) => files.reduce((n, f) => n + f[k], 0);
  // A file fetched twice (a preload the page's own request did not use) is counted twice.
  const twice = [...new Set(urls.filter((u, i) => urls.indexOf(u) !== i))].map((u) => new URL(u).pathname);

  // 2. First visits on the slow phone, app and plain form alternating. The first question's
  // time is measured inside the page, so the test driver's own start-up on the slowed CPU is
  // not counted; "with driver" is the time until the driver has typed into it.
  const visits = { app: [], plain: [] };
  for (let i = 0; i < runs; i++) {
    visits.app.push(await firstVisit(browser, base, { start, question }));
    visits.plain.push(await firstVisit(browser, plainBase, { start, question }));
  }

  // 3. A typed answer until it is saved on the device, 4x CPU and unthrottled.
  const save = await saveTimes(browser, base, { start, dayFields });

  const median = (all) => [...all].sort((a, b) => a - b)[Math.floor(all.length / 2)];
  const summary = (list) => {
    const of = (key) => ({ median: median(list.map((v) => v[key])), all: list.map((v) => v[key]) });
    const shift = (key) => ({ median: median(list.map((v) => v.layout_shift[key])), all: list.map((v) => v.layout_shift[key]) });
    return {
      first_question_ms: of("first_question_ms"),
      with_driver_ms: of("with_driver_ms"),
      first_paint_ms: of("first_paint_ms"),
      app_started_ms: of("app_started_ms"),
      start_taps: of("start_taps"),
      bytes_before_first_question: of("bytes_before_first_question"),
      requests_before_first_question: of("requests_before_first_question"),
      bytes_total: of("bytes_total"),
      requests_total: of("requests_total"),
      bytes_service_worker: of("bytes_service_worker"),
      layout_shift: { all: shift("all"), without_recent_input: shift("without_recent_input") },
      service_worker: [...new Set(list.map((v) => v.service_worker))].join(", "),
      requests_of_last_visit: list.at(-1).requests,
      layout_shifts_of_last_visit: list.at(-1).layout_shifts,
    };
  };
  const app = summary(visits.app);
  const floor = summary(visits.plain);
  const ratio = (key) => Math.round((app[key].median / floor[key].median) * 10) / 10;
  const results = {
    date: new Date().toISOString(),
    runs,
    profile: "150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower, cache disabled",
    files, requests: urls.length, fetched_twice: twice,
    total: { raw: total("raw"), gzip: total("gzip"), brotli: total("brotli") },
    app,
    plain: { ...floor, page: { raw: plain.raw, brotli: plain.brotli } },
    app_over_plain: { first_question: ratio("first_question_ms"), with_driver: ratio("with_driver_ms"), bytes_before_first_question: ratio("bytes_before_first_question") },
    typed_answer_saved_ms: save,
  };
  await mkdir(here("results"), { recursive: true });
  await writeFile(here("results/first-visit.json"), JSON.stringify(results, null, 1) + "\n");

  const ms = (v) => (v === null || v === undefined ? "—" : `${v} ms`);
  const kb = (v) => `${(v / 1000).toFixed(1)} KB`;
  const cls = (v) => v.toFixed(3);
  const rows = [
    ["first question interactive, in the page", ms(app.first_question_ms.median), ms(floor.first_question_ms.median), results.app_over_plain.first_question],
    ["  … with driver", ms(app.with_driver_ms.median), ms(floor.with_driver_ms.median), results.app_over_plain.with_driver],
    ["first paint", ms(app.first_paint_ms.median), ms(floor.first_paint_ms.median), ""],
    ["started (#boot gone, question there)", ms(app.app_started_ms.median), ms(floor.app_started_ms.median), ""],
    ["bytes the page received before the first question", kb(app.bytes_before_first_question.median), kb(floor.bytes_before_first_question.median), results.app_over_plain.bytes_before_first_question],
    ["requests of the page before the first question", app.requests_before_first_question.median, floor.requests_before_first_question.median, ""],
    ["bytes received in the whole visit", kb(app.bytes_total.median), kb(floor.bytes_total.median), ""],
    ["  … of it, the service worker's precache", kb(app.bytes_service_worker.median), kb(floor.bytes_service_worker.median), ""],
    ["requests of the whole visit", app.requests_total.median, floor.requests_total.median, ""],
    ["layout shift, all", cls(app.layout_shift.all.median), cls(floor.layout_shift.all.median), ""],
    ["layout shift, excluding 0.5 s after input (CLS rule)", cls(app.layout_shift.without_recent_input.median), cls(floor.layout_shift.without_recent_input.median), ""],
    ["typed answer → saved on this device, 4x CPU", ms(save.cpu_4x.median), "", ""],
    ["typed answer → saved on this device, 1x CPU", ms(save.cpu_1x.median), "", ""],
  ];
  const table = [[`first visit, median of ${runs} (slow 4G, 4x CPU)`, "app", "plain HTML", "app/plain"], ...rows];
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => String(r[c]).length)));
  for (const row of table) console.log(row.map((v, c) => (c ? String(v).padStart(widths[c]) : String(v).padEnd(widths[c]))).join("  "));
  console.log(`saved on this device: measured by ${save.cpu_4x.method} (4x CPU), ${save.cpu_1x.method} (1x CPU); service worker: ${app.service_worker}`);
  console.log(`files of the app: ${total("brotli")} B brotli, ${total("gzip")} B gzip (${urls.length} requests${twice.length ? `; fetched twice: ${twice.join(", ")}` : ""}); plain form: ${plain.brotli} B brotli`);
  for (const f of files) console.log(`  ${f.path}: ${f.raw} B raw, ${f.gzip} B gzip, ${f.brotli} B brotli`);
  console.log(`all numbers: ${here("results/first-visit.json")}`);
} finally {
  await browser.close();
  plain.server.close();
  server.kill();
}
