// The time from a typed answer to "saved on this device": after the app has started and
// shows the first section, one digit is typed into a day-count field at a time; the page
// measures from the input event (its timeStamp, on the performance.now() clock) to
//   - the app's user-timing mark "asi-draft-saved" (a draft write completed), if the app
//     sets one, else
//   - the first animation frame in which the save state (.save-state) reads the saved text
//     after having read the saving text.
// Both are recorded when both can be seen; the mark, when there is one, is the result.
import { throttle } from "./visit.mjs";

// What the section screen says (src/ui/texts/section.rs: SAVING, SAVED_ON_DEVICE).
const SAVING = "Gemmer …";
const SAVED = "Gemt på denne enhed";

function watchSaves({ saving, saved }) {
  if (!document.querySelector(".save-state")) throw new Error("no .save-state on the page");
  let current = null;
  addEventListener("input", (e) => {
    current = { input: e.timeStamp, saving: false, frameAsked: false, frame: null };
  }, true);
  const read = () => document.querySelector(".save-state")?.textContent.trim();
  new MutationObserver((records) => {
    if (!current || current.frameAsked) return;
    const save = current;
    // The saving text, even if it was replaced before this callback ran.
    const texts = records.flatMap((r) => [r.oldValue, ...[...r.removedNodes].map((n) => n.textContent)]);
    if (read() === saving || texts.some((t) => t?.trim() === saving)) save.saving = true;
    if (save.saving && read() === saved) {
      save.frameAsked = true;
      requestAnimationFrame(() => { save.frame = performance.now(); });
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true, characterDataOldValue: true });
  // The last typed answer's times (ms after its input event), once either is known.
  window.__lastSave = () => {
    if (!current) return null;
    const mark = performance.getEntriesByName("asi-draft-saved").find((m) => m.startTime >= current.input);
    const times = { text: current.frame === null ? null : current.frame - current.input, mark: mark ? mark.startTime - current.input : null };
    return times.text === null && times.mark === null ? null : times;
  };
}

const median = (all) => (all.length ? [...all].sort((a, b) => a - b)[Math.floor(all.length / 2)] : null);

async function typeAnswers(p, fields, count) {
  const saves = [];
  for (let i = 0; i < count; i++) {
    await fields[i % fields.length].fill(String((i + 1) % 10));
    const handle = await p.waitForFunction(() => window.__lastSave(), null, { timeout: 10_000, polling: 20 }).catch(() => null);
    if (!handle) throw new Error(`typed answer ${i + 1}: "${SAVED}" never followed "${SAVING}", and no "asi-draft-saved" mark`);
    // Let the frame after a mark pass too (to see the text), then the next answer.
    await p.waitForTimeout(300);
    saves.push(await p.evaluate(() => window.__lastSave()));
  }
  const all = saves.map((s) => Math.round(s.mark ?? s.text));
  const method = saves.every((s) => s.mark !== null) ? "mark asi-draft-saved" : saves.every((s) => s.mark === null) ? "text frame" : "mixed";
  const texts = saves.map((s) => s.text).filter((t) => t !== null).map(Math.round);
  return { median: median(all), all, method, text_frame_median: median(texts) };
}

/**
 * Opens the app at `url`, starts the form, waits until the app has started on its first
 * section, then types `count` answers with the CPU slowed 4x and `count` without.
 */
export async function saveTimes(browser, url, { start, dayFields, count = 10 }) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  try {
    const p = await context.newPage();
    const cdp = await throttle(context, p, null);
    await p.goto(url);
    // The app has started: the page's loading message (#boot) is gone, as in visit.mjs.
    await p.waitForFunction(() => !document.getElementById("boot"), null, { timeout: 60_000 })
      .catch(() => console.warn("save times: #boot is still there after 60 s; typing into the page as it is"));
    const fields = dayFields.map((label) => p.getByRole("textbox", { name: label }));
    if (!(await fields[0].isVisible())) {
      await p.getByRole("button", { name: start }).or(p.getByRole("link", { name: start })).first().click();
    }
    await fields[0].waitFor();
    await p.waitForSelector(".save-state");
    await p.evaluate(watchSaves, { saving: SAVING, saved: SAVED });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const slow = await typeAnswers(p, fields, count);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    const fast = await typeAnswers(p, fields, count);
    return { cpu_4x: slow, cpu_1x: fast };
  } finally {
    await context.close();
  }
}
