import { test, expect } from "./fixtures";

// The checks Lighthouse's installability audit makes, asserted directly.
test("the app is installable: manifest, icons, a controlling service worker, offline start", async ({ page, context, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");
  const response = await request.get(href!);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = await response.json();
  expect(manifest.name).toContain("ASI selvtest");
  expect(manifest.short_name).toBe("ASI selvtest");
  expect(manifest.lang).toBe("da");
  expect(manifest.start_url).toBe("/");
  expect(manifest.display).toBe("standalone");
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  for (const size of ["192x192", "512x512"]) {
    const icon = manifest.icons.find((i: { sizes: string; purpose: string }) => i.sizes === size && i.purpose === "any");
    expect(icon, `a ${size} icon`).toBeTruthy();
    const png = await request.get(icon.src);
    expect(png.status()).toBe(200);
    expect(png.headers()["content-type"]).toBe("image/png");
    const body = await png.body();
    // PNG width and height from the IHDR chunk.
    expect(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`).toBe(size);
  }
  expect(manifest.icons.some((i: { purpose: string }) => i.purpose === "maskable")).toBe(true);

  const controlled = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
    return { scope: registration.scope, script: navigator.serviceWorker.controller?.scriptURL };
  });
  expect(new URL(controlled.scope).pathname).toBe("/");
  expect(new URL(controlled.script!).pathname).toBe("/sw.js");

  // Offline start of start_url.
  await context.setOffline(true);
  const offline = await page.goto(manifest.start_url);
  expect(offline?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await context.setOffline(false);
});
