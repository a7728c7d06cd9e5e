// The `test` every spec uses: Playwright's, with an automatic fixture that fails a test on
// any Content-Security-Policy violation, uncaught error or console error or warning, in any
// page, frame or context the test opens — the app's, the reader's and a host page's alike.
//
// Violations are heard twice: a `securitypolicyviolation` listener in every frame (an init
// script, which a page's own policy does not restrict) and Chromium's own console message
// ("Executing inline script violates …", "Framing … violates …", "Refused to connect …").
import { test as base, type Browser, type BrowserContext, type ConsoleMessage } from "@playwright/test";

/**
 * The browser's own network messages that are not the product's fault, each as narrow as we
 * could make it, with why it is ignored. Everything else the console says at the level of a
 * warning or an error fails the test.
 */
export const IGNORED: ReadonlyArray<{ message: RegExp; why: string }> = [
  {
    message: /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED \(https?:\/\/[^/]+\/api\/v1\/[^)]*\)$/,
    why:
      "a test took the browser offline (context.setOffline): the app's requests for clinic " +
      "settings, the link's state and the outbox fail as they do on a phone without a network, " +
      "and the app says so on screen; Chromium logs every failed request",
  },
];

/** What a test deliberately provokes, declared by the test itself (see `consoleGuard.allow`). */
type Allowed = { message: RegExp; why: string; seen: boolean; optional: boolean };

export type ConsoleGuard = {
  /**
   * Lets messages matching `message` pass in this test only, because the test provokes them
   * on purpose (`why`). The pattern is matched against `<text> (<url of the source>)`. A
   * declared message that never appears fails the test, so an allowance cannot outlive its
   * cause — unless it is `optional`, for a message that depends on timing (a request the test
   * aborts while the page reloads may be gone before the browser reports it).
   */
  allow(message: RegExp, why: string, options?: { optional?: boolean }): void;
  /**
   * Lets pass Chromium's network message for an inbox answer with `status` to a request for
   * `path` (an API path; `*` stands for one path segment), which the test provokes on purpose:
   * Chromium logs every response of status 400 or more as an error, even when the app
   * handles it (a used link, a refused envelope, an unknown clinic, a failing inbox).
   */
  allowInboxAnswer(status: number, path: string, why: string): void;
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Chromium's "Failed to load resource" message for an inbox answer of `status` to `path`. */
export function inboxAnswer(status: number, path: string): RegExp {
  const where = path.split("*").map(escape).join("[^/?#]+");
  return new RegExp(
    `^Failed to load resource: the server responded with a status of ${status} \\([^)]*\\) ` +
      `\\(https?://[^/]+${where}(\\?[^)]*)?\\)$`,
  );
}

function describe(text: string, message: ConsoleMessage): string {
  const { url } = message.location();
  return url ? `${text} (${url})` : text;
}

export const test = base.extend<{ consoleGuard: ConsoleGuard }>({
  consoleGuard: [
    async ({ context, browser }, use) => {
      const problems: string[] = [];
      const allowed: Allowed[] = [];
      const ignored = (text: string) => {
        const declared = allowed.find((a) => a.message.test(text));
        if (declared) declared.seen = true;
        return declared !== undefined || IGNORED.some((i) => i.message.test(text));
      };
      const watch = async (watched: BrowserContext) => {
        watched.on("console", (message) => {
          if (!["error", "warning", "assert"].includes(message.type())) return;
          const text = describe(message.text(), message);
          if (!ignored(text)) problems.push(`console.${message.type()}: ${text}`);
        });
        watched.on("weberror", (error) => {
          const e = error.error() as Error | undefined;
          const text = e?.stack || [e?.name, e?.message].filter(Boolean).join(": ") || String(e);
          if (!ignored(text)) problems.push(`uncaught: ${text} (${error.page()?.url() ?? "?"})`);
        });
        await watched.addInitScript(() => {
          document.addEventListener(
            "securitypolicyviolation",
            (e) =>
              console.error(
                `CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} ` +
                  `at ${e.sourceFile || location.href}:${e.lineNumber}`,
              ),
            true,
          );
        });
      };
      await watch(context);
      // Contexts the test makes itself (browser.newContext) are watched too.
      const own = browser as Browser & { newContext: Browser["newContext"] };
      const newContext = own.newContext;
      own.newContext = async (...args) => {
        const made = await newContext.apply(browser, args);
        await watch(made);
        return made;
      };
      try {
        const allow = (message: RegExp, why: string, { optional = false } = {}) =>
          void allowed.push({ message, why, seen: false, optional });
        await use({ allow, allowInboxAnswer: (status, path, why) => allow(inboxAnswer(status, path), why) });
      } finally {
        own.newContext = newContext;
      }
      const unseen = allowed.filter((a) => !a.seen && !a.optional).map((a) => `allowed but never seen: ${a.message} (${a.why})`);
      base.expect([...problems, ...unseen], "CSP violations, uncaught errors and console errors or warnings").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect } from "@playwright/test";
