// The service worker: precaches the app shell of one build and serves it, so the app opens
// without a network after one visit. It handles GET requests for the app's own files only:
// never POSTs, never other origins, never the inbox API.
//
// VERSION and PRECACHE are filled in by pwa/precache.mjs after each trunk build.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = `asi-shell-${VERSION}`;

self.addEventListener("install", (event) => {
  // No skipWaiting(): a page with a form open keeps the version it started with; a new
  // version waits and takes over the next time the app is started.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter((key) => key.startsWith("asi-shell-") && key !== CACHE);
      await Promise.all(old.map((key) => caches.delete(key)));
      // Control the first page at once (there is no older version to protect then).
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  // The clinic's reader (/klinik/) is another app: never cached, never served from here.
  if (url.pathname === "/klinik" || url.pathname.startsWith("/klinik/")) return;
  if (request.mode === "navigate") {
    // Every page of the app is the same shell.
    event.respondWith(fromCache("/index.html", request));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(fromCache(url.pathname, request));
  }
});

async function fromCache(path, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(path)) ?? fetch(request);
}
