// The clinic embed, end to end: a host page on a second origin with a strict CSP embeds the
// identified intake with embed.js; it hears ready, resize, queued and sent (ids only), the
// frame follows the content's height, and a host the clinic does not allow gets nothing.
import type { Page } from "@playwright/test";
import { test, expect, startInbox, type Inbox } from "./inbox";
import { completeForm, sectionsOf, vectors } from "./questionnaire";
import { startHost, type Host } from "./host";

type Heard = { origin: string; data: { type: string; [key: string]: unknown } };

/** Records, from the start, every window message and CSP violation of the host page. */
async function listen(page: Page) {
  await page.addInitScript(() => {
    if (window.top !== window) return;
    const w = window as unknown as { heard: unknown[]; violations: string[] };
    w.heard = [];
    w.violations = [];
    window.addEventListener("message", (e) => w.heard.push({ origin: e.origin, data: e.data }));
    document.addEventListener("securitypolicyviolation", (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

const heard = (page: Page): Promise<Heard[]> => page.evaluate(() => (window as unknown as { heard: Heard[] }).heard);
const types = async (page: Page) => (await heard(page)).map((m) => m.data.type);
const lastHeight = async (page: Page) =>
  (await heard(page)).filter((m) => m.data.type === "asi:resize").map((m) => m.data.height as number).at(-1);

async function setUp(attributes: Record<string, string> = {}): Promise<{ inbox: Inbox; host: Host; outsider: Host }> {
  const host = await startHost();
  const outsider = await startHost();
  const inbox = await startInbox({ clinic: { embed_origins: [host.origin] } });
  const embed = { clinic: "demo", form: "trivsel", timepoint: "midway", mode: "identified", ...attributes };
  host.embed(inbox.url, embed);
  outsider.embed(inbox.url, embed);
  return { inbox, host, outsider };
}

test("an allowed host hears ready, resize, queued and sent, and the frame follows the content", async ({ page }) => {
  const { inbox, host, outsider } = await setUp();
  try {
    await listen(page);
    await page.goto(host.url);
    const frame = page.frameLocator("iframe");
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Indskrivning hos Demo Rusmiddelcenter");
    await expect.poll(() => types(page)).toContain("asi:ready");
    const iframe = page.locator("iframe");
    await expect(iframe).toHaveAttribute("title", "Spørgeskema");
    // A frame of another site gets no storage here (a Playwright context blocks third-party
    // storage, as Safari always does): the app works in memory, says so, and registers no
    // service worker without a word in the console.
    await expect(frame.getByRole("alert").filter({ hasText: "Dine svar kan ikke gemmes" })).toBeVisible();
    // The frame is as tall as the app's content, and follows it from screen to screen.
    const follows = async () => {
      // The latest height the app announced is the frame's height (re-read: the content may
      // still be changing).
      await expect
        .poll(async () => {
          const height = await lastHeight(page);
          const frame = await iframe.evaluate((f: HTMLIFrameElement) => f.clientHeight);
          return height !== undefined && height > 100 && frame === Math.ceil(height);
        })
        .toBe(true);
      return (await lastHeight(page))!;
    };
    const startHeight = await follows();
    expect(await iframe.evaluate((f: HTMLIFrameElement) => f.clientWidth)).toBe(
      await page.evaluate(() => document.querySelector("main")!.clientWidth),
    );

    const answers = { ...vectors.v3_hcs_like.answers, cpr: "0101901234", name: "Test Testesen" };
    await completeForm(frame, "trivsel", answers, async () => {}, "Næste", ["identification", ...sectionsOf("trivsel")]);
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Dine svar");
    await expect.poll(lastHeight.bind(null, page)).not.toBe(startHeight);
    await follows();
    await frame.getByRole("button", { name: "Afslut og se resultat" }).click();
    await frame.getByLabel("Jeg har læst teksten og giver mit samtykke").check();
    await frame.getByRole("button", { name: "Send til Demo Rusmiddelcenter" }).click();
    await expect(frame.locator("#send-status")).toHaveText("Sendt. Demo Rusmiddelcenter har modtaget dine svar.");
    await expect.poll(() => types(page)).toContain("asi:sent");
    await follows();

    const messages = await heard(page);
    const [envelope] = await inbox.envelopes();
    expect(messages.filter((m) => m.data.type === "asi:queued").map((m) => m.data.id)).toEqual([envelope.id]);
    expect(messages.filter((m) => m.data.type === "asi:sent").map((m) => m.data.id)).toEqual([envelope.id]);
    expect(messages[0].data).toEqual({ type: "asi:ready", theme: "none" });
    // Only the app speaks, and never of an answer.
    for (const message of messages) expect(message.origin).toBe(inbox.url);
    const said = JSON.stringify(messages);
    for (const answer of ["0101901234", "Testesen", "wellbeing", "cpr"]) expect(said).not.toContain(answer);
    // The host's strict CSP was never violated.
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  } finally {
    await Promise.all([inbox.stop(), host.close(), outsider.close()]);
  }
});

test("on the clinic's own site (same site, another origin) the frame keeps its draft across a reload and works offline-ready", async ({ page }) => {
  const host = await startHost({ sameSite: true });
  const inbox = await startInbox({ clinic: { embed_origins: [host.origin] } });
  host.embed(inbox.url, { clinic: "demo", form: "trivsel", timepoint: "midway", mode: "identified" });
  try {
    await listen(page);
    await page.goto(host.url);
    const frame = page.frameLocator("iframe");
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Indskrivning hos Demo Rusmiddelcenter");
    await frame.getByRole("button", { name: "Start Trivsel & forbrug" }).click();
    await frame.locator("#cpr").fill("0101901234");
    await frame.locator("#name").fill("Test Testesen");
    await frame.getByRole("button", { name: "Næste", exact: true }).click();
    for (const id of ["wellbeing_personal", "wellbeing_close", "wellbeing_social"]) {
      await frame.locator(`input[name="${id}"][value="6"]`).check();
    }
    // The same site may use storage: the draft is on the device, and the host page's reload
    // resumes it.
    await expect(frame.locator(".save-state")).toHaveText("Gemt på denne enhed");
    await page.reload();
    await expect(frame.locator('input[name="wellbeing_social"][value="6"]')).toBeChecked();
    await expect(frame.getByRole("alert").filter({ hasText: "kan ikke gemmes" })).toHaveCount(0);
    // The service worker is registered for the frame too.
    const app = page.frames().find((f) => f.url().startsWith(inbox.url))!;
    expect(await app.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toBe(`${inbox.url}/sw.js`);
    await frame.getByRole("button", { name: "Næste", exact: true }).click();
    await frame.locator("#hash_days").fill("2");
    await frame.locator("#other_drug_days").fill("0");
    await frame.getByRole("button", { name: "Næste", exact: true }).click();
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Dine svar");
    await frame.getByRole("button", { name: "Afslut og se resultat" }).click();
    await frame.getByLabel("Jeg har læst teksten og giver mit samtykke").check();
    await frame.getByRole("button", { name: "Send til Demo Rusmiddelcenter" }).click();
    await expect(frame.locator("#send-status")).toHaveText("Sendt. Demo Rusmiddelcenter har modtaget dine svar.");
    await frame.getByRole("button", { name: "Ny besvarelse" }).click();
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Indskrivning hos Demo Rusmiddelcenter");
    expect(await inbox.envelopes()).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  } finally {
    await Promise.all([inbox.stop(), host.close()]);
  }
});

test("a host on an origin the clinic does not allow hears nothing and shows no form", async ({ context, consoleGuard }) => {
  consoleGuard.allow(
    /^Framing 'http:\/\/127\.0\.0\.1:\d+\/' violates the following Content Security Policy directive: "frame-ancestors 'self' http:\/\/localhost:\d+"\. The request has been blocked\.\n?$/,
    "the test embeds the form on a host the clinic does not allow; the browser refuses the frame",
  );
  const { inbox, host, outsider } = await setUp();
  try {
    const allowed = await context.newPage();
    const other = await context.newPage();
    await listen(allowed);
    await listen(other);
    await other.goto(outsider.url);
    await allowed.goto(host.url);
    // The same embed on an allowed host works…
    await expect.poll(() => types(allowed)).toContain("asi:ready");
    // …while on the other the inbox's frame-ancestors policy leaves an error page in place of
    // the app, which can never speak.
    await expect.poll(() => other.frames().at(-1)?.url()).toMatch(/^chrome-error:/);
    await expect(other.frameLocator("iframe").getByRole("heading", { level: 1 })).toHaveCount(0);
    expect(await heard(other)).toEqual([]);
  } finally {
    await Promise.all([inbox.stop(), host.close(), outsider.close()]);
  }
});

test("the host's colours are used only when they keep WCAG AA contrast", async ({ page, consoleGuard }) => {
  consoleGuard.allow(
    /^embed: the host's look is not used: white button text and accent have contrast 1\.51:1, below the 4\.5:1 that WCAG AA requires \(/,
    "the test gives a colour below WCAG AA: the app warns the host's developer in the frame's console, by design (docs/embed.md)",
  );
  await listen(page);
  for (const [accent, expected] of [
    ["#134074", "applied"],
    ["#ffcc00", "refused"],
  ] as const) {
    const { inbox, host, outsider } = await setUp({ accent, font: "Georgia" });
    try {
      await page.goto(host.url);
      await expect.poll(() => types(page)).toContain("asi:ready");
      const ready = (await heard(page)).find((m) => m.data.type === "asi:ready")!.data;
      const frame = page.frames().find((f) => f.url().startsWith(inbox.url))!;
      const used = await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--accent").trim());
      if (expected === "applied") {
        expect(ready.theme).toBe("applied");
        expect(used).toBe("#134074");
      } else {
        expect(JSON.stringify(ready.theme)).toContain("below the 4.5:1 that WCAG AA requires");
        expect(used).toBe("#1f5f5b");
      }
    } finally {
      await Promise.all([inbox.stop(), host.close(), outsider.close()]);
    }
  }
});
