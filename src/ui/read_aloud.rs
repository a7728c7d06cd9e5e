//! Reading questions aloud: what is read for a question (its text, its help, then its
//! answer options as shown), and the controls — one per question, one for the whole screen.
//! The controls appear only when the device has a voice for the chosen language
//! ([`crate::speech`]), and speech starts only when the citizen presses one.

use asi_instrument::model::{AnswerType, Group};
use asi_instrument::{Item, Lang, instrument};
use leptos::prelude::*;

use super::choices::choices;
use super::texts::{common, read_aloud};
use crate::ui::shared::{use_app_state, use_lang, use_shared};

/// `text` as a sentence: trimmed, with a full stop unless it already ends in punctuation.
fn sentence(out: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(text);
    if !text.ends_with(['.', '?', '!', ':', '…']) {
        out.push('.');
    }
}

/// The answer options as shown, in order: the labels of a choice question, the unit of a
/// number question; nothing for a text field or an answer in the citizen's own words (the
/// question alone is read).
fn answer_words(item: &'static Item, lang: Lang) -> Vec<String> {
    match &item.answer {
        AnswerType::Days { .. } => vec![common::DAYS_UNIT.get(lang).to_owned()],
        AnswerType::Kroner { .. } => vec![common::KRONER_UNIT.get(lang).to_owned()],
        AnswerType::Cpr
        | AnswerType::Text { .. }
        | AnswerType::LongText { .. }
        | AnswerType::Date => Vec::new(),
        _ => choices(item, lang)
            .into_iter()
            .map(|(_, label)| label)
            .collect(),
    }
}

/// What is read aloud for a group's shared question: its text, then its help.
pub fn group_speech(group: &Group, lang: Lang) -> String {
    let mut out = String::new();
    sentence(&mut out, group.text.get(lang));
    if let Some(help) = &group.help {
        sentence(&mut out, help.get(lang));
    }
    out
}

/// What is read aloud for one question, in `lang`: its text, its help text (if any), then
/// its answer options as shown (labels in order, or the unit of a number). The UI and the
/// tests use this one function.
pub fn item_speech(item: &'static Item, lang: Lang) -> String {
    let mut out = String::new();
    sentence(&mut out, item.text.get(lang));
    if let Some(help) = &item.help {
        sentence(&mut out, help.get(lang));
    }
    sentence(&mut out, &answer_words(item, lang).join(", "));
    out
}

/// The texts read for a list of questions, in order, with each group's shared question
/// read once before its first row.
pub fn screen_speech(items: &[&'static Item], lang: Lang) -> Vec<String> {
    let inst = instrument();
    let mut out = Vec::new();
    let mut last_group: Option<&str> = None;
    for item in items {
        if let Some(g) = item.group.as_deref()
            && last_group != Some(g)
            && let Some(group) = inst.group(g)
        {
            out.push(group_speech(group, lang));
        }
        last_group = item.group.as_deref();
        out.push(item_speech(item, lang));
    }
    out
}

/// The read-aloud control of one question (for a row of a group, the group's question is
/// read first). Absent when the device has no voice for the language.
#[component]
pub fn ReadItem(item: &'static Item) -> impl IntoView {
    let lang = use_lang();
    let speech = use_shared().speech;
    let id = item.id.as_str();
    let word = move || {
        let word = if speech.is_speaking(id) {
            &read_aloud::STOP_READING
        } else {
            &read_aloud::READ_ALOUD
        };
        word.get(lang.get())
    };
    let on_click = move |_| {
        let lang = lang.get_untracked();
        let mut texts = Vec::new();
        if let Some(group) = item.group.as_deref().and_then(|g| instrument().group(g)) {
            texts.push(group_speech(group, lang));
        }
        texts.push(item_speech(item, lang));
        speech.toggle(id, texts, lang);
    };
    view! {
        {move || {
            speech
                .available(lang.get())
                .then(|| {
                    view! {
            <button
                type="button"
                class="read-aloud"
                aria-label=move || format!("{}: {}", word(), item.text.get(lang.get()))
                on:click=on_click
            >
                {word}
            </button>
                    }
                })
        }}
    }
}

/// The control that reads every asked question of a section in order. Speech stops when the
/// screen or the language changes.
#[component]
pub fn ReadPage(section: &'static str) -> impl IntoView {
    let lang = use_lang();
    let speech = use_shared().speech;
    let state = use_app_state();
    const KEY: &str = "page";
    Effect::new(move |seen: Option<()>| {
        lang.track();
        if seen.is_some() {
            speech.cancel();
        }
    });
    on_cleanup(move || speech.cancel());
    let on_click = move |_| {
        let lang = lang.get_untracked();
        let inst = instrument();
        let items: Vec<&'static Item> = state.draft.with_untracked(|d| {
            inst.section_items(section)
                .filter(|i| d.as_ref().is_some_and(|d| inst.is_asked(i, &d.answers)))
                .collect()
        });
        speech.toggle(KEY, screen_speech(&items, lang), lang);
    };
    view! {
        {move || {
            speech
                .available(lang.get())
                .then(|| {
                    view! {
            <button type="button" class="read-aloud read-page" on:click=on_click>
                {move || {
                    let word = if speech.is_speaking(KEY) { &read_aloud::STOP_READING } else { &read_aloud::READ_PAGE };
                    word.get(lang.get())
                }}
            </button>
                    }
                })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> &'static Item {
        instrument().item(id).expect("item")
    }

    #[test]
    fn a_number_question_reads_text_help_and_unit() {
        let i = item("alc_use_days");
        let help = i.help.as_ref().expect("help").get(Lang::Da).trim();
        let text = item_speech(i, Lang::Da);
        assert!(text.starts_with(i.text.da.trim()));
        assert!(text.contains(help));
        assert!(text.ends_with(" dage."), "{text}");
        let en = item_speech(i, Lang::En);
        assert!(en.starts_with(i.text.en.trim()));
        assert!(en.ends_with(" days."), "{en}");
    }

    #[test]
    fn a_choice_question_reads_its_labels_in_order() {
        let inst = instrument();
        let i = inst
            .items
            .iter()
            .find(|i| matches!(i.answer, AnswerType::Rating { .. }))
            .expect("a rating item");
        let AnswerType::Rating { scale } = &i.answer else {
            unreachable!()
        };
        let labels: Vec<&str> = inst
            .scale(scale)
            .expect("scale")
            .labels
            .iter()
            .map(|l| l.get(Lang::Da))
            .collect();
        let text = item_speech(i, Lang::Da);
        assert!(text.ends_with(&format!("{}.", labels.join(", "))), "{text}");
    }

    #[test]
    fn a_question_in_ones_own_words_reads_the_question_only() {
        let i = item("involvement_important");
        assert_eq!(item_speech(i, Lang::Da), "Hvad er vigtigt for dig?");
        assert_eq!(item_speech(i, Lang::En), "What is important to you?");
    }

    #[test]
    fn sentences_keep_their_own_punctuation() {
        let mut out = String::new();
        sentence(&mut out, " Hvor mange? ");
        sentence(&mut out, "Ja, Nej");
        sentence(&mut out, "");
        assert_eq!(out, "Hvor mange? Ja, Nej.");
    }
}
