import { test, expect } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";

// Expected titles come from the instrument data, never from the app: the self-test lists
// the forms used in it (not the involvement form, which is asked during treatment only).
const instrument = JSON.parse(
  readFileSync(new URL("../../crates/instrument/data/instrument-v2.json", import.meta.url), "utf-8"),
);
type Form = { title: { da: string }; timepoints: string[] };
const formTitles: string[] = instrument.forms
  .filter((f: Form) => f.timepoints.includes("self_screening"))
  .map((f: Form) => f.title.da);

test("the built app loads without errors and lists the questionnaires in Danish", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });
  page.on("requestfailed", (req) => problems.push(`failed: ${req.url()}`));

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Anonym selvtest" })).toBeVisible();
  const cards = page.locator(".form-card");
  await expect(cards).toHaveCount(formTitles.length);
  for (const [i, title] of formTitles.entries()) {
    await expect(cards.nth(i).getByRole("heading", { level: 2 })).toHaveText(title);
  }
  expect(formTitles).toEqual(["ASI kort + Trivsel & forbrug", "Trivsel & forbrug"]);
  await expect(page.locator('.form-card[data-form="inddragelse"]')).toHaveCount(0);
  await expect(page.locator("html")).toHaveAttribute("lang", "da");

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await page.screenshot({ path: "screenshots/shell.png", fullPage: true });
  expect(problems).toEqual([]);
});

test("the app and the reader are served under their strict policy, and a violation is heard", async ({ page, request, consoleGuard }) => {
  for (const [path, scripts] of [["/selvtest", 2], ["/klinik/", 1]] as const) {
    const headers = (await request.get(path)).headers();
    // The page's inline scripts (trunk's loader, and the app's boot error handler) by hash.
    const hashes = Array.from({ length: scripts }, () => " 'sha256-[A-Za-z0-9+/]{43}='").join("");
    expect(headers["content-security-policy"]).toMatch(
      new RegExp(
        `^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'${hashes}; style-src 'self'; img-src 'self'; ` +
          "connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; " +
          "form-action 'none'; frame-ancestors 'self'$",
      ),
    );
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["cache-control"]).toBe("no-cache");
  }
  // Anything injected inline is refused, and the guard hears it (so a real one fails a test).
  consoleGuard.allow(/^CSP violation: script-src-elem blocked inline/, "the test injects an inline script");
  consoleGuard.allow(/^Executing inline script violates the following Content Security Policy directive/, "Chromium's own message for the same");
  consoleGuard.allow(/^CSP violation: style-src-attr blocked inline/, "the test sets a style attribute");
  consoleGuard.allow(/^Applying inline style violates the following Content Security Policy directive/, "Chromium's own message for the same");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Anonym selvtest" })).toBeVisible();
  const applied = await page.evaluate(async () => {
    const heard = new Promise((ok) => document.addEventListener("securitypolicyviolation", ok, { once: true }));
    const script = document.createElement("script");
    script.textContent = "window.injected = true;";
    document.body.append(script);
    await heard;
    const styled = new Promise((ok) => document.addEventListener("securitypolicyviolation", ok, { once: true }));
    document.body.setAttribute("style", "color: red");
    await styled;
    return { script: "injected" in window, style: getComputedStyle(document.body).color === "rgb(255, 0, 0)" };
  });
  expect(applied).toEqual({ script: false, style: false });
});
