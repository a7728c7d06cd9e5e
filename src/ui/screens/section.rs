//! One section of the form: one screen, with back, next and a progress indicator.

use asi_instrument::model::Group;
use asi_instrument::{Item, instrument};
use leptos::prelude::*;

use crate::focus::{focus_after_render, focus_heading};
use crate::state::{FieldError, Keeping};
use crate::ui::fields::ItemField;
use crate::ui::read_aloud::ReadPage;
use crate::ui::shared::{use_app_state, use_lang, use_shared};
use crate::ui::texts::{common, section, tr};

/// Items as shown: alone, or under a shared question.
enum Block {
    Single(&'static Item),
    Group(&'static Group, Vec<&'static Item>),
}

fn blocks(section: &str) -> Vec<Block> {
    let inst = instrument();
    let mut out: Vec<Block> = Vec::new();
    for item in inst.section_items(section) {
        match (
            item.group.as_deref().and_then(|g| inst.group(g)),
            out.last_mut(),
        ) {
            (Some(g), Some(Block::Group(last, items))) if last.id == g.id => items.push(item),
            (Some(g), _) => out.push(Block::Group(g, vec![item])),
            (None, _) => out.push(Block::Single(item)),
        }
    }
    out
}

#[component]
pub fn SectionScreen(index: usize) -> impl IntoView {
    let lang = use_lang();
    let state = use_app_state();
    let drafts = use_shared().drafts;
    let inst = instrument();
    let (sections, complete) = state.draft.with_untracked(|d| {
        let d = d.as_ref().expect("a section screen has a draft");
        (d.sections(inst), d.is_complete(inst))
    });
    let count = sections.len();
    let section = sections[index];
    let summary = RwSignal::new(Vec::<&'static Item>::new());

    let on_next = move || {
        let (open, invalid): (Vec<&'static Item>, Vec<&'static Item>) =
            state.draft.with_untracked(|d| {
                let d = d.as_ref().expect("draft");
                let asked = d.asked_items(inst, &section.id);
                let open = d.open_items(inst, &section.id);
                let invalid = asked
                    .into_iter()
                    .filter(|i| state.errors.with_untracked(|e| e.is_invalid(&i.id)))
                    .collect();
                (open, invalid)
            });
        for item in &open {
            if !invalid.iter().any(|i| i.id == item.id) {
                state.set_error(&item.id, Some(FieldError::Missing));
            }
        }
        let missing: Vec<&'static Item> = open
            .into_iter()
            .filter(|o| !invalid.iter().any(|p| p.id == o.id))
            .collect();
        // In the order the questions are asked.
        let problems: Vec<&'static Item> = inst
            .items
            .iter()
            .filter(|i| invalid.iter().chain(&missing).any(|p| p.id == i.id))
            .collect();
        if problems.is_empty() {
            summary.set(Vec::new());
            // Move on only once every answer of this screen is on the device.
            drafts.when_saved(move || {
                state.update(|d, inst| d.next(inst));
                focus_heading();
            });
        } else {
            summary.set(problems);
            focus_after_render(".error-summary");
        }
    };
    let on_back = move |_| {
        if index == 0 {
            state.show(None);
        } else {
            state.update(|d, inst| d.back(inst));
        }
        focus_heading();
    };
    let to_review = move |_| {
        state.update(|d, _| d.position = asi_instrument::Position::Review);
        focus_heading();
    };

    view! {
        <div class="progress-line">
            <p class="progress-text" id="progress-label">
                {move || section::PROGRESS.fill(lang.get(), &[("step", &(index + 1)), ("steps", &count)])}
            </p>
            <p class="save-state">
                {move || {
                    let text = match state.keeping.get() {
                        Keeping::MemoryOnly => &section::NOT_SAVED,
                        // The page the build rendered, before the app has loaded.
                        Keeping::Loading => &section::NOT_SAVED_YET,
                        _ if state.unsaved.get() => &section::SAVING,
                        _ => &section::SAVED_ON_DEVICE,
                    };
                    text.get(lang.get())
                }}
            </p>
        </div>
        // A native progress bar: no inline style, so the build's page shows it under the
        // app's Content-Security-Policy as the app does.
        <progress class="progress" aria-labelledby="progress-label" max=count value=index + 1></progress>
        <h1 tabindex="-1">{move || section.title.get(lang.get())}</h1>
        {section.intro.as_ref().map(|intro| view! { <p class="lead">{move || intro.get(lang.get())}</p> })}
        <ReadPage section=section.id.as_str() />
        <Show when=move || summary.with(|s| !s.is_empty())>
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>{tr(&section::ERROR_SUMMARY)}</h2>
                <ul>
                    {move || {
                        summary
                            .get()
                            .into_iter()
                            .map(|item| {
                                view! {
                                    <li>
                                        <a href=format!("#{}", item.id)>{move || item.text.get(lang.get())}</a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
        // "Næste" submits the form (so Enter in a field does too); the submit event, not the
        // button's click, moves on: it comes while the form is still in the page, and its
        // default (a real submission) is always prevented.
        <form
            class="section-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                on_next();
            }
        >
            {blocks(&section.id)
                .into_iter()
                .map(|block| match block {
                    Block::Single(item) => view! { <ItemField item=item /> }.into_any(),
                    Block::Group(group, items) => {
                        view! {
                            <fieldset class="group">
                                <legend>{move || group.text.get(lang.get())}</legend>
                                {group.help.as_ref().map(|h| view! { <p class="hint">{move || h.get(lang.get())}</p> })}
                                {items.into_iter().map(|item| view! { <ItemField item=item /> }).collect_view()}
                            </fieldset>
                        }
                            .into_any()
                    }
                })
                .collect_view()}
            <div class="nav-buttons">
                <button type="button" class="button secondary" on:click=on_back>
                    {tr(&common::BACK)}
                </button>
                <button type="submit" class="button primary">
                    {tr(&section::NEXT)}
                </button>
            </div>
            {complete
                .then(|| {
                    view! {
                        <button type="button" class="button link" on:click=to_review>
                            {tr(&section::TO_REVIEW)}
                        </button>
                    }
                })}
        </form>
    }
}
