//! The clinic's evaluation report in the reader (`docs/report.md`): the register file chosen
//! from the clinic's machine, the period, the measurement points and the split as form
//! controls, the links' states from the clinic's own inbox, and the report computed here by
//! `asi_report` — the same code and the same markup as `asi report` — with the list of who
//! has not answered, a new link for anyone whose link expired, downloads and a print layout.

mod inbox;
mod texts;
mod unanswered;

use asi_i18n::Lang;
use asi_reader::links::{LinkFor, MadeLink, TOKEN_BYTES, refs_csv};
use asi_reader::{Refs, TimepointLabel};
use asi_report::{
    Day, Inputs, Layout, LinkStatus, Options, ReadOptions, Register, Report, ReportError,
};
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::Loaded;
use crate::download::save;
use crate::load::focus;
use unanswered::{Ask, UnansweredList};

const DA: Lang = Lang::Da;
/// A new link is valid this many days, as `asi links` makes them by default.
pub const NEW_LINK_DAYS: i64 = 30;
/// The points after intake that can be chosen (intake is always in the report).
const CHOOSABLE: [&str; 3] = ["midway", "discharge", "followup_40w"];

/// The report's downloads: the button, the file's name and type, and what writes it (as
/// `asi report --format html` and `--format json`).
type Download = (
    &'static asi_i18n::Text,
    &'static str,
    &'static str,
    fn(&Report) -> String,
);
const DOWNLOADS: [Download; 2] = [
    (
        &texts::DOWNLOAD_HTML,
        "rapport.html",
        "text/html;charset=utf-8",
        asi_report::html,
    ),
    (
        &texts::DOWNLOAD_JSON,
        "rapport.json",
        "application/json;charset=utf-8",
        asi_report::json,
    ),
];

/// Today (UTC) on this machine's clock.
fn today() -> Day {
    Day::at_unix_seconds((js_sys::Date::now() / 1000.0) as i64)
}

/// What the report was last made from, kept so a new link can join it.
#[derive(Debug, Clone)]
pub struct Basis {
    pub options: Options,
    pub register: Option<Register>,
    /// The links' states, each with the clinic that made it (`None`: not asked).
    pub links: Option<Vec<(String, LinkStatus)>>,
}

/// A link made in this page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLink {
    pub link: MadeLink,
    pub timepoint: String,
    pub expires: String,
}

/// The report and its markup.
#[derive(Debug, Clone)]
pub struct Made {
    pub report: Report,
    pub markup: String,
}

/// The chosen options as the report takes them: the days `YYYY-MM-DD` (empty: none), the
/// points after intake chosen (in [`CHOOSABLE`]'s order) and the grouping column (empty:
/// none).
pub fn options(
    from: &str,
    to: &str,
    chosen: [bool; 3],
    group_by: &str,
    today: Day,
) -> Result<Options, String> {
    let day = |text: &str| {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        Day::parse_iso(text)
            .map(Some)
            .ok_or_else(|| texts::NOT_A_DAY.fill(DA, &[("value", &text)]))
    };
    let mut timepoints = vec!["intake".to_owned()];
    timepoints.extend(
        CHOOSABLE
            .iter()
            .zip(chosen)
            .filter(|(_, on)| *on)
            .map(|(t, _)| (*t).to_owned()),
    );
    Ok(Options {
        from: day(from)?,
        to: day(to)?,
        timepoints,
        group_by: (!group_by.is_empty()).then(|| group_by.to_owned()),
        today,
    })
}

/// The references file's tokens and the new links' tokens together.
fn all_refs(refs: Option<&Refs>, new: &[NewLink]) -> Option<Refs> {
    if refs.is_none() && new.is_empty() {
        return None;
    }
    Some(
        refs.into_iter()
            .flat_map(Refs::iter)
            .map(|(t, r)| (t.to_owned(), r.to_owned()))
            .chain(
                new.iter()
                    .map(|n| (n.link.token.clone(), n.link.reference.clone())),
            )
            .collect(),
    )
}

/// The report of the opened responses on `basis`, with the links made here.
pub fn compute(loaded: &Loaded, basis: &Basis, new: &[NewLink]) -> Result<Made, ReportError> {
    let refs = all_refs(loaded.refs.as_ref(), new);
    let links: Option<Vec<LinkStatus>> = basis
        .links
        .as_ref()
        .map(|l| l.iter().map(|(_, s)| s.clone()).collect());
    let report = asi_report::report(&Inputs {
        responses: &loaded.opened.responses,
        refs: refs.as_ref(),
        register: basis.register.as_ref(),
        links: links.as_deref(),
        options: &basis.options,
    })?;
    let markup = asi_report::fragment(
        &report,
        Layout {
            heading: 2,
            unanswered: false,
        },
    );
    Ok(Made { report, markup })
}

/// The clinic of the person's links (those the inbox told of), else of any link.
fn clinic_for(basis: &Basis, reference: &str) -> Option<String> {
    let links = basis.links.as_ref()?;
    links
        .iter()
        .find(|(_, s)| s.reference == reference)
        .or_else(|| links.first())
        .map(|(c, _)| c.clone())
}

/// Adds a link made here to `basis`: open, until `expires`.
pub fn add_link(basis: &mut Basis, clinic: &str, ask: &Ask, expires: &str) {
    let status = LinkStatus {
        reference: ask.reference.clone(),
        form: ask.form.clone(),
        timepoint: ask.timepoint.clone(),
        expires: expires.to_owned(),
        state: asi_protocol::LinkState::Open,
    };
    basis
        .links
        .get_or_insert_with(Vec::new)
        .push((clinic.to_owned(), status));
}

/// The register file read with the chosen options, or why it cannot be used.
fn read_register(text: &str, refs_are_cpr: bool) -> Result<Register, String> {
    Register::parse(text, ReadOptions { refs_are_cpr }).map_err(|e| {
        texts::REGISTER_UNUSABLE.fill(DA, &[("reason", &e.message(DA).trim_end_matches('.'))])
    })
}

#[component]
pub fn ReportView(loaded: StoredValue<Loaded>) -> impl IntoView {
    let has_refs = loaded.with_value(|l| l.refs.is_some());
    let can_make = loaded.with_value(|l| !l.token.trim().is_empty());
    let register_input: NodeRef<Input> = NodeRef::new();
    let register_text: RwSignal<Option<String>> = RwSignal::new(None);
    let refs_are_cpr = RwSignal::new(false);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let chosen = CHOOSABLE.map(|_| RwSignal::new(true));
    let group_by = RwSignal::new(String::new());
    let ask_inbox = RwSignal::new(true);
    let busy = RwSignal::new(false);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let status: RwSignal<Option<String>> = RwSignal::new(None);
    let made: RwSignal<Option<Made>> = RwSignal::new(None);
    let basis: StoredValue<Option<Basis>> = StoredValue::new(None);
    let new_links: RwSignal<Vec<NewLink>> = RwSignal::new(Vec::new());
    let making: RwSignal<Option<Ask>> = RwSignal::new(None);
    let link_error: RwSignal<Option<String>> = RwSignal::new(None);
    let save_failed = RwSignal::new(false);

    // The register as chosen now, for its columns and its problems before the report.
    let register = move || {
        register_text
            .get()
            .map(|t| read_register(&t, refs_are_cpr.get()))
    };
    let columns = move || {
        register()
            .and_then(Result::ok)
            .map(|r| r.group_columns)
            .unwrap_or_default()
    };
    let choose_register = move |_| {
        let Some(input) = register_input.get() else {
            return;
        };
        spawn_local(async move {
            match crate::source::read_chosen(&input).await {
                Ok(text) => register_text.set(text),
                Err(e) => {
                    register_text.set(None);
                    error.set(Some(e.to_string()));
                }
            }
            group_by.set(String::new());
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        status.set(None);
        let chosen_now = chosen.map(|c| c.get_untracked());
        let options = match options(
            &from.get_untracked(),
            &to.get_untracked(),
            chosen_now,
            &group_by.get_untracked(),
            today(),
        ) {
            Ok(o) => o,
            Err(e) => return error.set(Some(e)),
        };
        let register = match register_text
            .get_untracked()
            .map(|t| read_register(&t, refs_are_cpr.get_untracked()))
            .transpose()
        {
            Ok(r) => r,
            Err(e) => return error.set(Some(e)),
        };
        let (inbox_url, refs) = loaded.with_value(|l| {
            (
                l.inbox.clone(),
                all_refs(l.refs.as_ref(), &new_links.get_untracked()),
            )
        });
        let ask = has_refs && ask_inbox.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let mut notes = Vec::new();
            let links = match (ask, refs) {
                (true, Some(refs)) => match inbox::link_states(&inbox_url, &refs).await {
                    Ok(states) => {
                        if states.unknown > 0 {
                            notes.push(texts::LINKS_UNKNOWN.fill(DA, &[("n", &states.unknown)]));
                        }
                        Some(states.links)
                    }
                    Err(e) => {
                        notes.push(texts::LINKS_FAILED.fill(DA, &[("reason", &e.to_string())]));
                        None
                    }
                },
                _ => None,
            };
            let b = Basis {
                options,
                register,
                links,
            };
            let outcome = loaded.with_value(|l| compute(l, &b, &new_links.get_untracked()));
            busy.set(false);
            match outcome {
                Ok(m) => {
                    notes.insert(0, texts::MADE.fill(DA, &[("people", &m.report.people)]));
                    status.set(Some(notes.join(" ")));
                    made.set(Some(m));
                    basis.set_value(Some(b));
                    focus("report-status");
                }
                Err(e) => {
                    made.set(None);
                    error.set(Some(crate::load::sentence(&e.message(DA))));
                }
            }
        });
    };

    let make_link = Callback::new(move |ask: Ask| {
        let Some(clinic) =
            basis.with_value(|b| b.as_ref().and_then(|b| clinic_for(b, &ask.reference)))
        else {
            return;
        };
        let (inbox_url, token) = loaded.with_value(|l| (l.inbox.clone(), l.token.clone()));
        let expires = today().plus_days(NEW_LINK_DAYS).to_string();
        let app = inbox_url.trim().trim_end_matches('/').to_owned();
        let link_for = LinkFor {
            clinic: &clinic,
            form: &ask.form,
            timepoint: &ask.timepoint,
            expires: &expires,
            app: &app,
        };
        let mut random = [0u8; TOKEN_BYTES];
        if getrandom::fill(&mut random).is_err() {
            return link_error.set(Some(texts::NEW_LINK_FAILED.fill(
                DA,
                &[
                    ("reference", &ask.reference),
                    ("reason", &texts::NO_RANDOM.get(DA)),
                ],
            )));
        }
        let link = link_for.make(&ask.reference, random);
        let registration = link_for.registration(&link.token);
        link_error.set(None);
        making.set(Some(ask.clone()));
        spawn_local(async move {
            match inbox::register(&inbox_url, &token, &clinic, registration).await {
                Ok(()) => {
                    new_links.update(|n| {
                        n.push(NewLink {
                            link,
                            timepoint: ask.timepoint.clone(),
                            expires: expires.clone(),
                        })
                    });
                    basis.update_value(|b| {
                        if let Some(b) = b {
                            add_link(b, &clinic, &ask, &expires);
                        }
                    });
                    let again = basis.with_value(|b| {
                        b.as_ref().map(|b| {
                            loaded.with_value(|l| compute(l, b, &new_links.get_untracked()))
                        })
                    });
                    if let Some(Ok(m)) = again {
                        made.set(Some(m));
                    }
                    focus("new-links-status");
                }
                Err(e) => link_error.set(Some(texts::NEW_LINK_FAILED.fill(
                    DA,
                    &[("reference", &ask.reference), ("reason", &e.message(DA))],
                ))),
            }
            making.set(None);
        });
    });

    let download = move |name: &str, mime: &str, text: String| {
        save_failed.set(save(name, mime, &text).is_err());
    };

    view! {
        <section class="result-block" aria-labelledby="report-heading" id="report-form">
            <h2 id="report-heading">{texts::HEADING.get(DA)}</h2>
            <p>{texts::INTRO.get(DA)}</p>
            <form on:submit=submit novalidate>
                <div class="field">
                    <label for="register-file" class="question">{texts::REGISTER.get(DA)}</label>
                    <p class="hint" id="register-file-hint">{texts::REGISTER_HINT.get(DA)}</p>
                    <input
                        type="file"
                        id="register-file"
                        accept=".csv,text/csv"
                        aria-describedby="register-file-hint register-summary"
                        node_ref=register_input
                        on:change=choose_register
                    />
                    <p id="register-summary" aria-live="polite">
                        {move || {
                            register()
                                .map(|r| match r {
                                    Ok(r) => {
                                        let columns = if r.group_columns.is_empty() {
                                            texts::NONE.get(DA).to_owned()
                                        } else {
                                            r.group_columns.join(", ")
                                        };
                                        texts::REGISTER_READ
                                            .fill(DA, &[("people", &r.people.len()), ("columns", &columns)])
                                    }
                                    Err(e) => e,
                                })
                        }}
                    </p>
                    <Check id="refs-are-cpr".into() label=texts::REFS_ARE_CPR.get(DA).into() value=refs_are_cpr />
                </div>
                <fieldset class="field">
                    <legend class="question">{texts::PERIOD.get(DA)}</legend>
                    <div class="filters">
                        <DateField id="report-from" label=texts::FROM.get(DA) value=from />
                        <DateField id="report-to" label=texts::TO.get(DA) value=to />
                    </div>
                </fieldset>
                <fieldset class="field" aria-describedby="report-points-hint">
                    <legend class="question">{texts::TIMEPOINTS.get(DA)}</legend>
                    <p class="hint" id="report-points-hint">{texts::TIMEPOINTS_HINT.get(DA)}</p>
                    {CHOOSABLE
                        .iter()
                        .zip(chosen)
                        .map(|(id, on)| {
                            let title = TimepointLabel::of(id).title.get(DA).to_owned();
                            view! { <Check id=format!("report-point-{id}") label=title value=on /> }
                        })
                        .collect_view()}
                </fieldset>
                <div class="field">
                    <label for="report-group-by" class="question">{texts::GROUP_BY.get(DA)}</label>
                    <p class="hint" id="report-group-by-hint">{texts::GROUP_BY_HINT.get(DA)}</p>
                    <select
                        id="report-group-by"
                        aria-describedby="report-group-by-hint"
                        prop:value=move || group_by.get()
                        on:change=move |ev| group_by.set(event_target_value(&ev))
                    >
                        <option value="">{texts::NO_GROUPING.get(DA)}</option>
                        {move || {
                            columns()
                                .into_iter()
                                .map(|c| view! { <option value=c.clone()>{c.clone()}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                {has_refs
                    .then(|| {
                        view! {
                            <div class="field">
                                <Check id="report-ask-inbox".into() label=texts::ASK_INBOX.get(DA).into() value=ask_inbox />
                            </div>
                        }
                    })}
                <p class="field-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="button primary" disabled=move || busy.get()>
                    {move || if busy.get() { texts::MAKING.get(DA) } else { texts::MAKE.get(DA) }}
                </button>
            </form>
            <p class="notice" role="status" id="report-status" hidden=move || status.get().is_none()>
                {move || status.get()}
            </p>
        </section>
        <div class="report-print">
            {move || {
                made.get()
                    .map(|m| {
                        let report = StoredValue::new(m.report.clone());
                        view! {
                            <div class="nav-buttons no-print">
                                <button type="button" class="button primary" on:click=move |_| crate::print::print("report")>
                                    {texts::PRINT_REPORT.get(DA)}
                                </button>
                                {DOWNLOADS
                                    .into_iter()
                                    .map(|(label, name, mime, write)| {
                                        view! {
                                            <button
                                                type="button"
                                                class="button secondary"
                                                on:click=move |_| download(name, mime, report.with_value(write))
                                            >
                                                {label.get(DA)}
                                            </button>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                            <p role="alert" class="field-error no-print">
                                {move || save_failed.get().then(|| texts::SAVE_FAILED.get(DA))}
                            </p>
                            <div class="report" id="rapport" inner_html=m.markup></div>
                            <UnansweredList
                                rates=m.report.links.clone()
                                points=m.report.timepoints.clone()
                                can_make=can_make
                                making=making.read_only()
                                make=make_link
                            />
                        }
                    })
            }}
            <p role="alert" class="field-error no-print">{move || link_error.get()}</p>
            {move || {
                let links = new_links.get();
                (!links.is_empty())
                    .then(move || {
                        let rows = refs_csv(&links.iter().map(|n| n.link.clone()).collect::<Vec<_>>());
                        view! {
                            <section class="result-block no-print" aria-labelledby="new-links-heading" id="new-links">
                                <h2 id="new-links-heading">{texts::NEW_LINKS_HEADING.get(DA)}</h2>
                                <div role="status" id="new-links-status">
                                    {links
                                        .iter()
                                        .map(new_link_view)
                                        .collect_view()}
                                </div>
                                <p>{texts::KEEP_ROWS.get(DA)}</p>
                                <button
                                    type="button"
                                    class="button primary"
                                    on:click=move |_| download("nye-links.csv", "text/csv;charset=utf-8", rows.clone())
                                >
                                    {texts::DOWNLOAD_ROWS.get(DA)}
                                </button>
                            </section>
                        }
                    })
            }}
        </div>
    }
}

/// A checkbox with its label, bound to `value`.
#[component]
fn Check(id: String, label: String, value: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="check">
            <input
                type="checkbox"
                id=id
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            {label}
        </label>
    }
}

/// A day (`YYYY-MM-DD`, empty for none) with its label, bound to `value`.
#[component]
fn DateField(id: &'static str, label: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <div>
            <label for=id>{label}</label>
            <input
                type="date"
                id=id
                class="text"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

fn new_link_view(n: &NewLink) -> impl IntoView + use<> {
    let point = TimepointLabel::of(&n.timepoint).title.get(DA).to_owned();
    let id = format!(
        "new-link-{}",
        n.link.token.chars().take(8).collect::<String>()
    );
    view! {
        <div class="new-link" data-reference=n.link.reference.clone() data-timepoint=n.timepoint.clone()>
            <p>
                {texts::MADE_LINK.fill(
                    DA,
                    &[("reference", &n.link.reference), ("point", &point), ("expires", &n.expires)],
                )}
            </p>
            <label for=id.clone()>{texts::LINK_ADDRESS.fill(DA, &[("reference", &n.link.reference)])}</label>
            <input type="text" id=id class="text link-url" readonly value=n.link.url.clone() />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use asi_protocol::LinkState;

    fn day(text: &str) -> Day {
        Day::parse_iso(text).unwrap()
    }

    #[test]
    fn the_form_gives_the_reports_options() {
        let today = day("2026-03-01");
        let o = options(" 2025-01-01 ", "", [true, false, true], "afdeling", today).unwrap();
        assert_eq!(o.from, Some(day("2025-01-01")));
        assert_eq!(o.to, None);
        assert_eq!(o.timepoints, ["intake", "midway", "followup_40w"]);
        assert_eq!(o.group_by.as_deref(), Some("afdeling"));
        assert_eq!(o.today, today);
        let none = options("", "", [true; 3], "", today).unwrap();
        assert_eq!(none.group_by, None);
        assert_eq!(none.timepoints.len(), 4);
        assert_eq!(
            options("1.3.2025", "", [true; 3], "", today).unwrap_err(),
            "«1.3.2025» er ikke en dag; skriv den som ÅÅÅÅ-MM-DD."
        );
        // Only intake: the report says there is nothing to measure outcomes at.
        let only_intake = options("", "", [false; 3], "", today).unwrap();
        assert_eq!(only_intake.timepoints, ["intake"]);
    }

    fn loaded(refs: &str) -> Loaded {
        Loaded {
            refs: Some(Refs::parse(refs).unwrap()),
            ..Loaded::default()
        }
    }

    fn status(reference: &str, state: LinkState, expires: &str) -> (String, LinkStatus) {
        (
            "demo".into(),
            LinkStatus {
                reference: reference.into(),
                form: "asi_kort".into(),
                timepoint: "followup_40w".into(),
                expires: expires.into(),
                state,
            },
        )
    }

    #[test]
    fn a_new_link_moves_the_person_from_expired_to_open() {
        let loaded = loaded("ref,token,url\nA,ta,u\nB,tb,u\n");
        let mut basis = Basis {
            options: Options::new(day("2026-03-01")),
            register: None,
            links: Some(vec![
                status("A", LinkState::Expired, "2026-02-01"),
                status("B", LinkState::Open, "2026-03-20"),
            ]),
        };
        let before = compute(&loaded, &basis, &[]).unwrap();
        let states: Vec<(&str, LinkState)> = before
            .report
            .links
            .as_ref()
            .unwrap()
            .unanswered
            .iter()
            .map(|u| (u.reference.as_str(), u.state))
            .collect();
        assert_eq!(states, [("A", LinkState::Expired), ("B", LinkState::Open)]);
        assert!(before.markup.starts_with("<h2 class=\"h1\">"));
        assert!(!before.markup.contains("Mangler at svare"));

        assert_eq!(clinic_for(&basis, "A").as_deref(), Some("demo"));
        let ask = Ask {
            reference: "A".into(),
            timepoint: "followup_40w".into(),
            form: "asi_kort".into(),
        };
        add_link(&mut basis, "demo", &ask, "2026-03-31");
        let made = LinkFor {
            clinic: "demo",
            form: "asi_kort",
            timepoint: "followup_40w",
            expires: "2026-03-31",
            app: "http://x",
        }
        .make("A", [1; TOKEN_BYTES]);
        let new = [NewLink {
            link: made.clone(),
            timepoint: "followup_40w".into(),
            expires: "2026-03-31".into(),
        }];
        let after = compute(&loaded, &basis, &new).unwrap();
        let rates = after.report.links.unwrap();
        let a = rates
            .unanswered
            .iter()
            .find(|u| u.reference == "A")
            .unwrap();
        assert_eq!(
            (a.state, a.expires.as_str()),
            (LinkState::Open, "2026-03-31")
        );
        assert_eq!(rates.rows[0].links, 3);
        // The new token is one of the person's now.
        let refs = all_refs(loaded.refs.as_ref(), &new).unwrap();
        assert_eq!(refs.get(&made.token), Some("A"));
        assert_eq!(refs.len(), 3);
    }
}
