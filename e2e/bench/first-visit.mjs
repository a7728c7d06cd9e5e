// Measures what a first visit costs: the compressed bytes of everything the page loads, and
// the time until the first question is interactive in headless Chromium on a slow phone
// (Lighthouse's mobile profile: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, 4x CPU slowdown).
// Usage: node bench/first-visit.mjs [RUNS]  (after trunk build --release and cargo build -p
// asi-inbox; the inbox from ASI_BIN_DIR, default ../target/debug, serves ../dist as it does in
// production: the build's own brotli copies, and the app's headers)
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const runs = Number(process.argv[2] ?? 5);
const port = 4199;
const base = `http://localhost:${port}`;
const args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
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

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args });
try {
  // 1. Bytes: every response of an unthrottled first visit, compressed both ways.
  const page = await browser.newPage();
  const urls = [];
  page.on("response", (r) => urls.push(r.url()));
  await page.goto(base);
  await page.getByRole("button", { name: /^Start ASI kort/ }).waitFor();
  await page.close();
  const files = [];
  for (const url of urls) {
    const path = new URL(url).pathname;
    const file = new URL(`../../dist${path === "/" ? "/index.html" : path}`, import.meta.url);
    const body = await readFile(file);
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

  // 2. Time: navigation start → the first question of the ASI kort is on screen and usable.
  // Measured inside the page, so the test driver's own start-up on a 4x slower CPU (it
  // injects a large script into each new page) is not counted: the page taps "Start" as soon
  // as the button exists, as a person would, and marks the frame in which the first question
  // is painted. The driver then types into it, to prove it accepts input.
  const times = [];
  const driverTimes = [];
  const paints = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const p = await context.newPage();
    await p.addInitScript(() => {
      const watch = new MutationObserver(() => {
        const start = [...document.querySelectorAll("button")].find((b) => /^Start ASI kort/.test(b.getAttribute("aria-label") ?? ""));
        if (start && !performance.getEntriesByName("start-button").length) {
          performance.mark("start-button");
          start.click();
        }
        if (document.getElementById("alc_use_days")) {
          watch.disconnect();
          requestAnimationFrame(() => performance.mark("first-question"));
        }
      });
      watch.observe(document, { subtree: true, childList: true });
    });
    const cdp = await context.newCDPSession(p);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false, latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const started = Date.now();
    await p.goto(base, { waitUntil: "commit" });
    await p.locator("#alc_use_days").fill("1");
    driverTimes.push(Date.now() - started);
    const mark = await p.evaluate(() => performance.getEntriesByName("first-question")[0]?.startTime);
    // The first text on screen: index.html's loading message, long before the app runs.
    paints.push(Math.round(await p.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN)));
    if (mark === undefined || (await p.locator("#alc_use_days").inputValue()) !== "1") {
      throw new Error("the first question was not shown or did not take input");
    }
    times.push(Math.round(mark));
    await context.close();
  }
  const medianOf = (all) => [...all].sort((a, b) => a - b)[Math.floor(all.length / 2)];
  const median = medianOf(times);
  const driverMedian = medianOf(driverTimes);
  const paintMedian = medianOf(paints);
  console.log(JSON.stringify({ files, requests: urls.length, fetched_twice: twice, total: { raw: total("raw"), gzip: total("gzip"), brotli: total("brotli") }, first_question_ms: { median, all: times }, with_driver_ms: { median: driverMedian, all: driverTimes }, first_paint_ms: { median: paintMedian, all: paints } }, null, 1));
  console.log(`first visit: ${total("brotli")} B brotli, ${total("gzip")} B gzip (${urls.length} requests${twice.length ? `; fetched twice: ${twice.join(", ")}` : ""}); first paint: median ${paintMedian} ms; first question interactive: median ${median} ms over ${runs} runs (slow 4G, 4x CPU; ${driverMedian} ms including the test driver's reaction)`);
} finally {
  await browser.close();
  server.kill();
}
