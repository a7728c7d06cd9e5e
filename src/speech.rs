//! Reading questions aloud with the device's own speech synthesis (`speechSynthesis`): no
//! text leaves the phone. The controls appear only when the device has a voice for the
//! chosen language, and speech starts only when the citizen presses one.

use asi_instrument::model::{AnswerType, Group};
use asi_instrument::{Item, Lang, instrument};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

use crate::i18n::{strings, use_lang};
use crate::store::use_store;

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
/// number question; nothing for a text field.
fn answer_words(item: &'static Item, lang: Lang) -> Vec<String> {
    let s = strings(lang);
    match &item.answer {
        AnswerType::Days { .. } => vec![s.days_unit.to_owned()],
        AnswerType::Kroner { .. } => vec![s.kroner_unit.to_owned()],
        _ => crate::fields::options(item, lang)
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

/// The BCP 47 tag given to the speech engine.
pub fn speech_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Da => "da-DK",
        Lang::En => "en-GB",
    }
}

/// The device's speech engine, if it has one.
fn synth() -> Option<SpeechSynthesis> {
    let window = web_sys::window()?;
    let value = js_sys::Reflect::get(&window, &"speechSynthesis".into()).ok()?;
    value.is_object().then(|| value.unchecked_into())
}

/// The first voice of the device for `lang`.
fn voice(synth: &SpeechSynthesis, lang: Lang) -> Option<SpeechSynthesisVoice> {
    synth
        .get_voices()
        .iter()
        .map(JsCast::unchecked_into::<SpeechSynthesisVoice>)
        .find(|v| Lang::from_tag(&v.lang()) == Some(lang))
}

/// Which languages have a voice, and which control is speaking.
#[derive(Clone, Copy)]
pub struct Speech {
    /// Whether a Danish and an English voice exist.
    voices: RwSignal<(bool, bool)>,
    /// The key of the control whose text is being read, if any.
    speaking: RwSignal<Option<String>>,
    /// Counts the readings, so that a cancelled one's late end does not stop the next.
    generation: StoredValue<u32>,
}

impl Speech {
    /// Looks for voices now and again whenever the device's list of voices changes.
    pub(crate) fn new() -> Self {
        let speech = Speech {
            voices: RwSignal::new((false, false)),
            speaking: RwSignal::new(None),
            generation: StoredValue::new(0),
        };
        if let Some(engine) = synth() {
            let check = move || {
                if let Some(synth) = synth() {
                    speech.voices.set((
                        voice(&synth, Lang::Da).is_some(),
                        voice(&synth, Lang::En).is_some(),
                    ));
                }
            };
            check();
            let on_change = Closure::<dyn FnMut()>::new(check);
            engine.set_onvoiceschanged(Some(on_change.as_ref().unchecked_ref()));
            on_change.forget();
        }
        speech
    }

    /// Whether the device can read aloud in `lang`.
    pub fn available(self, lang: Lang) -> bool {
        let (da, en) = self.voices.get();
        match lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    /// Whether the control `key` is reading now.
    pub fn is_speaking(self, key: &str) -> bool {
        self.speaking.with(|s| s.as_deref() == Some(key))
    }

    /// Stops any reading.
    pub fn cancel(self) {
        if let Some(synth) = synth() {
            synth.cancel();
        }
        self.generation.update_value(|g| *g = g.wrapping_add(1));
        self.speaking.set(None);
    }

    /// The control `key` was pressed: stops its reading if it is reading, else stops any
    /// other and reads `texts` in order, in `lang`.
    pub fn toggle(self, key: &str, texts: Vec<String>, lang: Lang) {
        let again = self.is_speaking_untracked(key);
        self.cancel();
        if again {
            return;
        }
        let Some(synth) = synth() else { return };
        let voice = voice(&synth, lang);
        let generation = self.generation.get_value();
        let count = texts.len();
        for (i, text) in texts.into_iter().enumerate() {
            let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&text) else {
                return;
            };
            utterance.set_lang(speech_tag(lang));
            utterance.set_voice(voice.as_ref());
            if i + 1 == count {
                let done = Closure::<dyn FnMut()>::new(move || {
                    if self.generation.get_value() == generation {
                        self.speaking.set(None);
                    }
                });
                utterance.set_onend(Some(done.as_ref().unchecked_ref()));
                utterance.set_onerror(Some(done.as_ref().unchecked_ref()));
                done.forget();
            }
            synth.speak(&utterance);
        }
        if count > 0 {
            self.speaking.set(Some(key.to_owned()));
        }
    }

    fn is_speaking_untracked(self, key: &str) -> bool {
        self.speaking.with_untracked(|s| s.as_deref() == Some(key))
    }
}

/// The shared [`Speech`] (provided by the app).
pub fn use_speech() -> Speech {
    expect_context::<Speech>()
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
    let speech = use_speech();
    let id = item.id.as_str();
    let word = move || {
        let s = strings(lang.get());
        if speech.is_speaking(id) {
            s.stop_reading
        } else {
            s.read_aloud
        }
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
    let speech = use_speech();
    let store = use_store();
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
        let items: Vec<&'static Item> = store.draft.with_untracked(|d| {
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
                    let s = strings(lang.get());
                    if speech.is_speaking(KEY) { s.stop_reading } else { s.read_page }
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
    fn sentences_keep_their_own_punctuation() {
        let mut out = String::new();
        sentence(&mut out, " Hvor mange? ");
        sentence(&mut out, "Ja, Nej");
        sentence(&mut out, "");
        assert_eq!(out, "Hvor mange? Ja, Nej.");
    }
}
