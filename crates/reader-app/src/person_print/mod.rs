//! One person for the journal: "Udskriv" prints the person's course as one A4 page — a title,
//! the person view's charts of wellbeing and the ASI scores (not its chart of the days of
//! use, which would need a second page), a table of every measure at every measurement point
//! (wellbeing, the ASI scores, days of hash, reduction and drug-free) and what each measure
//! covers. The page's parts that only paper needs are hidden on screen; the print style
//! sheet (`style/reader-report.css`) hides everything else.

mod texts;

use asi_i18n::Lang;
use asi_instrument::scoring::{self, Domain};
use asi_reader::{Measure, Series};
use leptos::prelude::*;

use crate::format::{decimal, measure_id, measure_name, yes_no};
use crate::person_view::{ASI, WELLBEING, key_label};

const DA: Lang = Lang::Da;

/// "Udskriv": prints the person shown.
#[component]
pub fn PrintButton() -> impl IntoView {
    view! {
        <div class="print-person no-print">
            <button
                type="button"
                class="button secondary"
                id="print-person"
                aria-describedby="print-person-hint"
                on:click=move |_| crate::print::print("person")
            >
                {texts::PRINT.get(DA)}
            </button>
            <span class="hint" id="print-person-hint">{texts::PRINT_HINT.get(DA)}</span>
        </div>
    }
}

/// The decimals a measure is shown with.
fn decimals(measure: Measure) -> usize {
    if WELLBEING.contains(&measure) { 1 } else { 2 }
}

/// The parts of the printed page that the screen does not show.
#[component]
pub fn PersonPrint(series: Series) -> impl IntoView {
    let person = key_label(&series.key);
    let today = asi_report::Day::at_unix_seconds((js_sys::Date::now() / 1000.0) as i64);
    let rows: Vec<(String, String, Vec<String>)> = WELLBEING
        .iter()
        .chain(ASI.iter())
        .map(|&m| {
            let name = match m {
                Measure::Domain(d) if scoring::current().domain(d).provisional => {
                    format!("{} *", measure_name(m))
                }
                _ => measure_name(m).to_owned(),
            };
            let cells = series
                .points
                .iter()
                .map(|p| decimal(p.row.as_ref().and_then(|r| m.of(r)), decimals(m)))
                .collect();
            (measure_id(m), name, cells)
        })
        .chain([
            (
                "hash_days".to_owned(),
                texts::HASH_DAYS.get(DA).to_owned(),
                series
                    .points
                    .iter()
                    .map(|p| {
                        p.row
                            .as_ref()
                            .and_then(|r| r.hash_days)
                            .map_or_else(|| "–".to_owned(), |d| d.to_string())
                    })
                    .collect(),
            ),
            (
                "reduction".to_owned(),
                texts::REDUCTION.get(DA).to_owned(),
                series
                    .points
                    .iter()
                    .map(|p| yes_no(p.reduction).to_owned())
                    .collect(),
            ),
            (
                "drug_free".to_owned(),
                texts::DRUG_FREE.get(DA).to_owned(),
                series
                    .points
                    .iter()
                    .map(|p| yes_no(p.row.as_ref().and_then(|r| r.scores.drug_free)).to_owned())
                    .collect(),
            ),
        ])
        .collect();
    let heads: Vec<(String, String)> = series
        .points
        .iter()
        .map(|p| {
            (
                p.title.get(DA).to_owned(),
                p.row
                    .as_ref()
                    .map_or_else(|| texts::NOT_ANSWERED.get(DA).to_owned(), |r| r.day.clone()),
            )
        })
        .collect();
    let spec = scoring::current();
    view! {
        <div class="print-only person-print-head">
            <p class="print-title">{texts::TITLE.fill(DA, &[("person", &person)])}</p>
            <p>{texts::PRINTED.fill(DA, &[("day", &today)])}</p>
        </div>
        <div class="print-only person-print-body">
            <table class="data person-print-table" id="person-print-table">
                <caption>{texts::CAPTION.fill(DA, &[("person", &person)])}</caption>
                <thead>
                    <tr>
                        <th scope="col">{texts::MEASURE.get(DA)}</th>
                        {heads
                            .into_iter()
                            .map(|(title, day)| view! { <th scope="col">{title}<br />{day}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(id, name, cells)| {
                            view! {
                                <tr data-measure=id>
                                    <th scope="row">{name}</th>
                                    {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p class="print-subtitle">{texts::ABOUT_HEADING.get(DA)}</p>
            <dl class="about-measures">
                {Domain::ALL
                    .iter()
                    .map(|&d| {
                        let domain = spec.domain(d);
                        let star = if domain.provisional { " *" } else { "" };
                        view! {
                            <dt>{format!("{}{star}", domain.name.get(DA))}</dt>
                            <dd>{domain.about.get(DA).to_owned()}</dd>
                        }
                    })
                    .collect_view()}
                <dt>{measure_name(Measure::Asi6)}</dt>
                <dd>{texts::ABOUT_ASI6.get(DA)}</dd>
                <dt>{measure_name(Measure::Wellbeing)}</dt>
                <dd>{texts::ABOUT_WELLBEING.get(DA)}</dd>
                <dt>{texts::REDUCTION.get(DA)}</dt>
                <dd>{texts::ABOUT_USE.get(DA)}</dd>
            </dl>
            <p class="provisional">{texts::PROVISIONAL.get(DA)}</p>
        </div>
    }
}
