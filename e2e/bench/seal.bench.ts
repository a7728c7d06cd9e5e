// Time to seal one response in the browser: the app's "asi-seal" user-timing measure around
// scoring, HPKE sealing and serialising (not the IndexedDB write), for a complete ASI kort +
// Trivsel & forbrug, on an unthrottled CPU and with Chromium's 4x CPU slowdown (a cheap
// phone). Needs a release build in ../dist and the debug binaries (scripts/bench-app.sh).
import { test, expect } from "../tests/inbox";
import { completeForm, vectors } from "../tests/questionnaire";

const runs = Number(process.env.RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const slowdown of [1, 4]) {
  test(`seal one response, CPU slowdown ${slowdown}x`, async ({ browser, inbox }) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${inbox.url}/?klinik=demo`);
      await completeForm(page, "asi_kort", vectors.v3_hcs_like.answers);
      await page.getByRole("button", { name: "Afslut og se resultat" }).click();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: slowdown });
      await page.getByRole("button", { name: /^Send anonymt/ }).click();
      await expect(page.locator("#send-status")).toContainText("Sendt");
      const measured = await page.evaluate(() => performance.getEntriesByName("asi-seal").map((e) => e.duration));
      expect(measured).toHaveLength(1);
      times.push(measured[0]);
      await context.close();
    }
    console.log(`seal, CPU ${slowdown}x: median ${median(times).toFixed(1)} ms over ${runs} runs (${times.map((t) => t.toFixed(1)).join(", ")})`);
  });
}
