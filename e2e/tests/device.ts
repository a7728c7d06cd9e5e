// What the app keeps on the device, and opening it under its service worker.
import { expect, type Page } from "@playwright/test";

/** Opens `url` and waits until the app's service worker controls the page. */
export async function openControlled(page: Page, url: string) {
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
}

/** What the app keeps in IndexedDB: the number of drafts and of envelopes in the outbox. */
export async function kept(page: Page): Promise<{ drafts: number; outbox: number }> {
  return page.evaluate(
    () =>
      new Promise((ok, fail) => {
        const open = indexedDB.open("asi-app");
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["drafts", "outbox"]);
          const drafts = tx.objectStore("drafts").count();
          const outbox = tx.objectStore("outbox").count();
          tx.oncomplete = () => {
            db.close();
            ok({ drafts: drafts.result, outbox: outbox.result });
          };
        };
      }),
  );
}

/** The clear metadata of an envelope (its `aad`, base64url JSON). */
export function metadataOf(envelope: { aad: string }): Record<string, unknown> {
  return JSON.parse(Buffer.from(envelope.aad, "base64url").toString("utf-8"));
}

/**
 * After «Slet mine svar»: no database, web storage or cookie is left, and the only cached
 * responses are the app shell the service worker precaches (none holds an answer).
 */
export async function expectNothingLeft(page: Page) {
  const left = await page.evaluate(async () => {
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    const cached: string[] = [];
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const request of await cache.keys()) cached.push(`${key} ${new URL(request.url).pathname}`);
    }
    return { dbs, local: localStorage.length, session: sessionStorage.length, cookies: document.cookie, cached };
  });
  expect(left.dbs).toEqual([]);
  expect(left.local).toBe(0);
  expect(left.session).toBe(0);
  expect(left.cookies).toBe("");
  expect(await page.context().cookies()).toEqual([]);
  const sw = await (await page.request.get(new URL("/sw.js", page.url()).href)).text();
  const precache: string[] = JSON.parse(sw.match(/const PRECACHE = (\[[\s\S]*?\]);/)![1]);
  for (const entry of left.cached) {
    const [cache, path] = entry.split(" ");
    expect(cache).toMatch(/^asi-shell-/);
    expect(precache).toContain(path);
  }
}

/** «Slet mine svar på denne enhed», confirmed. */
export async function deleteEverything(page: Page) {
  page.once("dialog", (d) => {
    expect(d.message()).toContain("slette alle dine svar");
    return d.accept();
  });
  await page.getByRole("button", { name: "Slet mine svar på denne enhed" }).click();
  await expect(page.getByRole("status").filter({ hasText: "slettet" })).toHaveText("Dine svar er slettet fra denne enhed.");
}
