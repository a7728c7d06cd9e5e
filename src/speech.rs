//! The device's own speech synthesis (`speechSynthesis`): which languages it has a voice
//! for, and reading texts aloud one control at a time. No text leaves the phone. What is
//! read, and the controls, are the UI's ([`crate::ui::read_aloud`]).

use asi_instrument::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

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
    /// The speech engine, before it has looked for voices ([`Speech::listen`]): none yet.
    pub(crate) fn new() -> Self {
        Speech {
            voices: RwSignal::new((false, false)),
            speaking: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    /// Looks for voices now and again whenever the device's list of voices changes.
    pub(crate) fn listen(self) {
        let speech = self;
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
