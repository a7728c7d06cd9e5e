// Reading questions aloud with the device's own speech synthesis. A stand-in for
// `speechSynthesis` records what would be spoken (no real voice in headless Chromium), so the
// test checks the text and its language; nothing leaves the page.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { startInbox } from "./inbox";
import { expectNoViolations } from "./axe";
import { answerItem, completeForm, instrument, itemsOf, vectors } from "./questionnaire";

type Lang = "da" | "en";
type Text = Record<Lang, string>;

const units: Record<string, Text> = {
  days: { da: "dage", en: "days" },
  kroner: { da: "kr.", en: "DKK" },
};

function sentence(text: string): string {
  const t = text.trim();
  return /[.?!:…]$/.test(t) ? t : `${t}.`;
}

/** The options as shown: the labels of a choice question, the unit of a number. */
function words(item: any, lang: Lang): string[] {
  const type = item.type;
  switch (type.kind) {
    case "days":
    case "kroner":
      return [units[type.kind][lang]];
    case "yes_no":
      return lang === "da" ? ["Ja", "Nej"] : ["Yes", "No"];
    case "rating":
      return instrument.scales.find((s: any) => s.id === type.scale).labels.map((l: Text) => l[lang]);
    case "choice":
      return type.options.map((o: any) => o.text[lang]);
    case "wellbeing":
      return Array.from({ length: 11 }, (_, n) =>
        n === 0 ? `0 – ${type.low[lang]}` : n === 5 ? `5 – ${type.mid[lang]}` : n === 10 ? `10 – ${type.high[lang]}` : String(n),
      );
    default:
      return [];
  }
}

/** What is read for one question: text, help, options, from the instrument data. */
function speechOf(item: any, lang: Lang): string {
  const w = words(item, lang).join(", ");
  return [item.text[lang], item.help?.[lang], w]
    .filter((t) => t && t.trim())
    .map(sentence)
    .join(" ");
}

function groupSpeech(groupId: string, lang: Lang): string {
  const g = instrument.groups.find((x: any) => x.id === groupId);
  return [g.text[lang], g.help?.[lang]].filter((t) => t && t.trim()).map(sentence).join(" ");
}

/** Replaces `speechSynthesis` with a recorder that has the voices `langs`. */
async function fakeSpeech(page: Page, voices: Array<{ lang: string; name: string }>) {
  await page.addInitScript((voices) => {
    const w = window as any;
    w.__spoken = [];
    w.__cancelled = 0;
    class Utterance {
      text: string;
      lang = "";
      voice: unknown = null;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    const synth: any = {
      onvoiceschanged: null,
      getVoices: () => [] as unknown[],
      speak(u: Utterance) {
        w.__spoken.push({ text: u.text, lang: u.lang, voice: (u.voice as any)?.lang ?? null });
      },
      cancel() {
        w.__cancelled += 1;
      },
    };
    Object.defineProperty(w, "SpeechSynthesisUtterance", { value: Utterance, configurable: true });
    Object.defineProperty(w, "speechSynthesis", { value: synth, configurable: true });
    // Voices arrive later, as in Chromium.
    setTimeout(() => {
      synth.getVoices = () => voices;
      synth.onvoiceschanged?.(new Event("voiceschanged"));
    }, 50);
  }, voices);
}

const spoken = (page: Page) => page.evaluate(() => (window as any).__spoken as Array<{ text: string; lang: string; voice: string | null }>);
const clear = (page: Page) => page.evaluate(() => ((window as any).__spoken = []));

const item = (id: string) => instrument.items.find((i: any) => i.id === id);

async function start(page: Page) {
  await page.goto("/");
  await page.getByRole("button", { name: "Start ASI kort + Trivsel & forbrug" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

async function declineSection(page: Page, section: string, next = "Næste") {
  for (const i of itemsOf(section)) await answerItem(page, i, undefined);
  await page.getByRole("button", { name: next, exact: true }).click();
}

test("a question is read aloud in Danish and in English, and pressing again stops", async ({ page }) => {
  await fakeSpeech(page, [
    { lang: "da-DK", name: "Test" },
    { lang: "en-GB", name: "Test English" },
  ]);
  await start(page);
  const q = item("alc_use_days");
  const button = page.getByRole("button", { name: `Læs op: ${q.text.da}`, exact: true });
  await button.click();
  expect(await spoken(page)).toEqual([{ text: speechOf(q, "da"), lang: "da-DK", voice: "da-DK" }]);
  // Pressing again stops the reading.
  await page.getByRole("button", { name: `Stop oplæsning: ${q.text.da}`, exact: true }).click();
  await expect(button).toBeVisible();
  expect(await page.evaluate(() => (window as any).__cancelled)).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Switch to English" }).click();
  await clear(page);
  await page.getByRole("button", { name: `Read aloud: ${q.text.en}`, exact: true }).click();
  expect(await spoken(page)).toEqual([{ text: speechOf(q, "en"), lang: "en-GB", voice: "en-GB" }]);
});

test("a choice question reads its labels in order", async ({ page }) => {
  await fakeSpeech(page, [{ lang: "da-DK", name: "Test" }]);
  await start(page);
  await declineSection(page, "alcohol_use");
  await declineSection(page, "substances");
  const q = item("drug_troubled");
  await page.getByRole("button", { name: `Læs op: ${q.text.da}`, exact: true }).click();
  expect(await spoken(page)).toEqual([{ text: speechOf(q, "da"), lang: "da-DK", voice: "da-DK" }]);
  await expectNoViolations(page, "drug problems with read-aloud controls");
});

test("the whole screen is read in order, a group's question once", async ({ page }) => {
  await fakeSpeech(page, [{ lang: "da-DK", name: "Test" }]);
  await start(page);
  await page.getByRole("button", { name: "Læs hele siden op", exact: true }).click();
  expect((await spoken(page)).map((s) => s.text)).toEqual(itemsOf("alcohol_use").map((i: any) => speechOf(i, "da")));
  await expectNoViolations(page, "alcohol use with read-aloud controls");

  await declineSection(page, "alcohol_use");
  await clear(page);
  await page.getByRole("button", { name: "Læs hele siden op", exact: true }).click();
  const rows = itemsOf("substances");
  expect((await spoken(page)).map((s) => s.text)).toEqual([
    groupSpeech(rows[0].group, "da"),
    ...rows.map((i: any) => speechOf(i, "da")),
  ]);
  expect((await spoken(page)).every((s) => s.lang === "da-DK")).toBe(true);
});

test("the question in the citizen's own words is read alone, with no options", async ({ page }) => {
  const inbox = await startInbox();
  try {
    await fakeSpeech(page, [
      { lang: "da-DK", name: "Test" },
      { lang: "en-GB", name: "Test English" },
    ]);
    const [link] = inbox.links(["P-401"], { form: "inddragelse", timepoint: "discharge" });
    await page.goto(link.url);
    await page.getByRole("button", { name: "Start Inddragelse" }).click();
    await declineSection(page, "involvement");
    const q = item("involvement_important");
    expect(q.type.kind).toBe("long_text");
    await page.getByRole("button", { name: `Læs op: ${q.text.da}`, exact: true }).click();
    expect(await spoken(page)).toEqual([{ text: "Hvad er vigtigt for dig?", lang: "da-DK", voice: "da-DK" }]);
    expect(speechOf(q, "da")).toBe(q.text.da);
    await page.getByRole("button", { name: "Switch to English" }).click();
    await clear(page);
    await page.getByRole("button", { name: "Read the whole page aloud", exact: true }).click();
    expect(await spoken(page)).toEqual([{ text: "What is important to you?", lang: "en-GB", voice: "en-GB" }]);
    await expectNoViolations(page, "own words with read-aloud controls");
  } finally {
    await inbox.stop();
  }
});

test("without a voice for the language there is no read-aloud control", async ({ page }) => {
  await fakeSpeech(page, [{ lang: "da-DK", name: "Test" }]);
  await start(page);
  await expect(page.getByRole("button", { name: "Læs hele siden op" })).toBeVisible();
  // No English voice: the controls go with the switch to English.
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.locator(".read-aloud")).toHaveCount(0);
});

test("with no voices at all there is no read-aloud control", async ({ page }) => {
  await fakeSpeech(page, []);
  await start(page);
  await page.waitForTimeout(200);
  await expect(page.locator(".read-aloud")).toHaveCount(0);
});

test.describe("at 320 px", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("the controls fit every screen, are 44 px targets and work with the keyboard", async ({ page }) => {
    await fakeSpeech(page, [{ lang: "da-DK", name: "Test" }]);
    await page.goto("/");
    const answers = { ...vectors.v2_max_burden.answers, education_type: "medium_higher" };
    let first = true;
    await completeForm(page, "asi_kort", answers, async (section) => {
      await expect(page.getByRole("button", { name: "Læs hele siden op" })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${section} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      for (const box of await page.locator(".read-aloud").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
        expect(box).toBeGreaterThanOrEqual(44);
      }
      if (first) {
        first = false;
        // Keyboard: focus the first question's control and press Enter, then Space to stop.
        const q = itemsOf(section)[0];
        const button = page.getByRole("button", { name: `Læs op: ${q.text.da}`, exact: true });
        await button.focus();
        await page.keyboard.press("Enter");
        expect((await spoken(page)).map((s) => s.text)).toEqual([speechOf(q, "da")]);
        await expect(page.getByRole("button", { name: `Stop oplæsning: ${q.text.da}`, exact: true })).toBeFocused();
        await page.keyboard.press("Space");
        await expect(button).toBeFocused();
      }
    });
  });
});
