// One first visit on a slow phone, measured: the time until the first question is painted
// and takes input, the bytes and requests before that and of the whole visit (the service
// worker's precache included), and the layout shift until the page has settled. Relies only
// on what a person sees: the start button's name, the first question's label, the page's
// loading message (#boot in index.html) going away when the app has started.

// Lighthouse's mobile profile: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower.
export const SLOW_PHONE = { latency: 150, download: (1638.4 * 1024) / 8, upload: (750 * 1024) / 8, cpu: 4 };

/** Cache off, the network and CPU of `profile` (null: unthrottled) for the page `p`. */
export async function throttle(context, p, profile) {
  const cdp = await context.newCDPSession(p);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (profile) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false, latency: profile.latency, downloadThroughput: profile.download, uploadThroughput: profile.upload,
    });
  }
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile?.cpu ?? 1 });
  return cdp;
}

// Runs in the page before any of its own scripts (page.addInitScript). Taps the start button
// as soon as it exists, as a person would (the page may have none: the plain form), and
// marks, on the performance.now() clock:
//   start-button: each tap;
//   first-question: the frame in which the first question is visible (a requestAnimationFrame
//     callback in it: the frame's start, before it is rendered);
//   app-started: the page's loading message (#boot) is gone and the first question is there
//     (today the app removes #boot when its wasm has run; a page without #boot is "started"
//     as soon as the question is there).
// Records every layout shift from navigation on, with hadRecentInput, and the times of input.
function instrumentPage({ start, question }) {
  const startName = new RegExp(start);
  const nameOf = (el) => {
    const labelledBy = el.getAttribute("aria-labelledby")?.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
    return (el.getAttribute("aria-label") || labelledBy || (el.tagName === "INPUT" ? el.value : el.textContent) || "").trim();
  };
  const findStart = () => [...document.querySelectorAll("button, a[href], [role=button], input[type=submit]")].find((el) => startName.test(nameOf(el)));
  const findQuestion = () => {
    for (const label of document.querySelectorAll("label")) if (label.control && label.textContent.includes(question)) return label.control;
    return null;
  };
  const marked = (name) => performance.getEntriesByName(name).length > 0;
  // Times of the page's own tap and of typed input: a person's tap or key press sets a
  // shift's hadRecentInput for 0.5 s, the synthetic tap and the driver's typing do not.
  const bench = (window.__bench = { shifts: [], inputs: [], typed: false });
  new PerformanceObserver((list) => {
    const describe = (node) => node && `${node.nodeName.toLowerCase()}${node.id ? `#${node.id}` : ""}${node.className ? `.${String(node.className).trim().replace(/\s+/g, ".")}` : ""}`;
    for (const e of list.getEntries()) {
      bench.shifts.push({ t: Math.round(e.startTime), value: e.value, recentInput: e.hadRecentInput, moved: e.sources.map((s) => describe(s.node)) });
    }
  }).observe({ type: "layout-shift", buffered: true });
  addEventListener("input", (e) => {
    bench.inputs.push(e.timeStamp);
    if (e.target === findQuestion() && e.target.value === "1") bench.typed = true;
  }, true);
  let tapped = null;
  let frameAsked = false;
  const check = () => {
    const q = findQuestion();
    // Tapped again only if the button was replaced by another before the question came (a
    // pre-rendered button that the app drew anew, having missed the first tap).
    if (!marked("first-question")) {
      const button = findStart();
      if (button && button !== tapped) {
        tapped = button;
        bench.inputs.push(performance.mark("start-button").startTime);
        button.click();
      }
    }
    if (q && !marked("first-question") && !frameAsked) {
      frameAsked = true;
      requestAnimationFrame(() => {
        frameAsked = false;
        if (q.isConnected && q.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && !marked("first-question")) {
          performance.mark("first-question");
        }
      });
    }
    if (q && !document.getElementById("boot") && !marked("app-started")) performance.mark("app-started");
    if (marked("app-started") && marked("first-question")) watch.disconnect();
  };
  const watch = new MutationObserver(check);
  watch.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  // A question shown without a DOM change (a section revealed by :target or by a checkbox).
  addEventListener("hashchange", check);
  addEventListener("click", () => setTimeout(check), true);
}

/** Every request of the context (pages and service workers), with its times and body bytes. */
function recordRequests(context) {
  const requests = [];
  const pending = new Set();
  const settled = [];
  let inFlight = 0;
  let lastChange = Date.now();
  const done = (request, failed) => {
    inFlight--;
    lastChange = Date.now();
    if (!pending.delete(request)) return;
    settled.push((async () => {
      const timing = request.timing();
      const response = failed ? null : await request.response();
      const body = failed ? 0 : ((await request.sizes().catch(() => null))?.responseBodySize ?? 0);
      // Below zero: fewer bytes came than the headers alone (Chromium reports the bytes
      // received less the headers' size), so the browser's cache answered. Zero: Chromium
      // does not report the size of the service worker's own script, fetched by the
      // browser: its Content-Length (as sent, compressed) stands in.
      const cached = body < 0;
      const bytes = body > 0 ? body : cached ? 0 : Number(response?.headers()["content-length"] ?? 0);
      requests.push({
        url: request.url(),
        from: request.serviceWorker() ? "service worker" : "page",
        status: response?.status() ?? "failed",
        encoding: response?.headers()["content-encoding"] ?? null,
        cached,
        bytes,
        start: timing.startTime,
        end: timing.startTime + Math.max(timing.responseEnd, 0),
      });
    })());
  };
  context.on("request", (r) => { inFlight++; lastChange = Date.now(); pending.add(r); });
  context.on("requestfinished", (r) => done(r, false));
  context.on("requestfailed", (r) => done(r, true));
  return {
    /** Resolves once no request has been in flight for `quietMs`. */
    async idle(quietMs = 500, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until && (inFlight > 0 || Date.now() - lastChange < quietMs)) await new Promise((ok) => setTimeout(ok, 50));
    },
    async all() {
      await Promise.all(settled);
      return requests.sort((a, b) => a.start - b.start);
    },
  };
}

const sum = (list) => list.reduce((n, r) => n + r.bytes, 0);

/**
 * One first visit of `url` on `profile` in a fresh context of `browser`. `start`: the start
 * button's accessible name (RegExp); `question`: the first question's label.
 */
export async function firstVisit(browser, url, { start, question, profile = SLOW_PHONE }) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  try {
    const p = await context.newPage();
    await p.addInitScript(instrumentPage, { start: start.source, question });
    const network = recordRequests(context);
    await throttle(context, p, profile);
    const started = Date.now();
    await p.goto(url, { waitUntil: "commit" });
    // The driver types into the first question as soon as it can: proof that it takes input.
    await p.getByRole("textbox", { name: question }).fill("1");
    const withDriver = Date.now() - started;
    await p.waitForFunction(() => performance.getEntriesByName("first-question").length && window.__bench.typed, null, { timeout: 60_000, polling: 100 })
      .catch(() => { throw new Error(`${url}: the first question was not shown or did not take input`); });
    // Layout shift over the whole visit: until the app has started, and 1 s more.
    const appStarted = await p.waitForFunction(() => performance.getEntriesByName("app-started")[0]?.startTime, null, { timeout: 60_000, polling: 100 })
      .then((h) => h.jsonValue(), () => {
        console.warn(`${url}: #boot still there 60 s after the first question; layout shift counted until now`);
        return null;
      });
    const shiftsUntil = (appStarted ?? (await p.evaluate(() => performance.now()))) + 1000;
    await p.waitForFunction((t) => performance.now() > t, shiftsUntil, { polling: 100 });
    const page = await p.evaluate((until) => {
      const { inputs } = window.__bench;
      const shifts = window.__bench.shifts.filter((s) => s.t <= until)
        .map((s) => ({ ...s, recentInput: s.recentInput || inputs.some((t) => s.t >= t && s.t - t <= 500) }));
      return {
        timeOrigin: performance.timeOrigin,
        firstQuestion: performance.getEntriesByName("first-question")[0].startTime,
        firstPaint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
        taps: performance.getEntriesByName("start-button").length,
        shifts,
        shiftAll: shifts.reduce((n, s) => n + s.value, 0),
        shiftNoInput: shifts.filter((s) => !s.recentInput).reduce((n, s) => n + s.value, 0),
      };
    }, shiftsUntil);
    // The whole visit: once a service worker (if the page registers one) is activated, and
    // the network has been quiet for half a second.
    const serviceWorker = await p.evaluate(async () => {
      if (!(await navigator.serviceWorker?.getRegistration())) return "none";
      const activated = (async () => {
        const worker = (await navigator.serviceWorker.ready).active;
        while (worker.state !== "activated") await new Promise((ok) => worker.addEventListener("statechange", ok, { once: true }));
        return "activated";
      })();
      return Promise.race([activated, new Promise((ok) => setTimeout(() => ok("not activated in 30 s"), 30_000))]);
    });
    await network.idle();
    const requests = await network.all();
    const paintedAt = page.timeOrigin + page.firstQuestion;
    // The page's own requests: the service worker's fetches are not slowed by the emulation
    // (it applies to the page), so when they end says nothing about a real phone.
    const before = requests.filter((r) => r.from === "page" && r.end <= paintedAt);
    return {
      first_question_ms: Math.round(page.firstQuestion),
      with_driver_ms: withDriver,
      first_paint_ms: page.firstPaint === null ? null : Math.round(page.firstPaint),
      app_started_ms: appStarted === null ? null : Math.round(appStarted),
      start_taps: page.taps,
      bytes_before_first_question: sum(before),
      requests_before_first_question: before.length,
      bytes_total: sum(requests),
      requests_total: requests.length,
      bytes_service_worker: sum(requests.filter((r) => r.from === "service worker")),
      layout_shift: { all: page.shiftAll, without_recent_input: page.shiftNoInput },
      service_worker: serviceWorker,
      requests: requests.map(({ url: u, from, status, encoding, cached, bytes, end }) =>
        ({ path: new URL(u).pathname, from, status, encoding, cached, bytes, end_ms: Math.round(end - page.timeOrigin) })),
      layout_shifts: page.shifts,
    };
  } finally {
    await context.close();
  }
}
