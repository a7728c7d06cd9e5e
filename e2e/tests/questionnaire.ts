// Page helpers for answering the questionnaire, derived from the instrument data.
import { expect, type FrameLocator, type Page } from "@playwright/test";

/** A page, or the app inside a frame of one. */
export type Surface = Page | FrameLocator;
import { readFileSync } from "node:fs";

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf-8"));

/** The current instrument data (it holds every item of the earlier versions unchanged). */
export const instrument = read("../../crates/instrument/data/instrument-v2.json");
export const vectors = read("../../crates/instrument/tests/data/scoring-vectors.json");

type Item = {
  id: string;
  section: string;
  type: { kind: string };
  ask_if?: { item: string; equals: unknown };
  required?: boolean;
};
type Answers = Record<string, number | boolean | string>;

export function sectionsOf(formId: string): string[] {
  return instrument.forms.find((f: { id: string }) => f.id === formId).sections;
}

export function itemsOf(section: string): Item[] {
  return instrument.items.filter((i: Item) => i.section === section);
}

export function isAsked(item: Item, answers: Answers): boolean {
  return !item.ask_if || answers[item.ask_if.item] === item.ask_if.equals;
}

/** Answers one item with a value from an answer record; an absent value declines it. */
export async function answerItem(page: Surface, item: Item, value: number | boolean | string | undefined) {
  const numeric = item.type.kind === "days" || item.type.kind === "kroner";
  const ownWords = item.type.kind === "long_text";
  const typed = ["cpr", "text", "date"].includes(item.type.kind);
  if (value === undefined && item.required) {
    // Required items cannot be declined; the date completed is filled in already.
    return;
  } else if (typed || (ownWords && value !== undefined)) {
    await page.locator(`#${item.id}`).fill(String(value));
  } else if (value === undefined) {
    if (numeric || ownWords) {
      await page.locator(`.field:has(#${item.id}) .decline input`).check();
    } else {
      await page.locator(`input[name="${item.id}"][value=""]`).check();
    }
  } else if (numeric) {
    await page.locator(`#${item.id}`).fill(String(value));
  } else {
    await page.locator(`input[name="${item.id}"][value="${value}"]`).check();
  }
}

/** From the start screen, answers the whole form with `answers` and stops on the review screen. */
export async function completeForm(
  page: Surface,
  formId: string,
  answers: Answers,
  onSection: (section: string) => Promise<void> = async () => {},
  next = "Næste",
  sections = sectionsOf(formId),
) {
  const title = instrument.forms.find((f: { id: string }) => f.id === formId).title.da;
  await page.getByRole("button", { name: `Start ${title}` }).click();
  for (const section of sections) {
    const heading = instrument.sections.find((s: { id: string }) => s.id === section).title;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(new RegExp(`^(${escape(heading.da)}|${escape(heading.en)})$`));
    await onSection(section);
    for (const item of itemsOf(section)) {
      if (isAsked(item, answers)) await answerItem(page, item, answers[item.id]);
    }
    await page.getByRole("button", { name: next, exact: true }).click();
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A score as the result screen shows it (Danish decimal comma). */
export function shown(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(".", ",");
}
