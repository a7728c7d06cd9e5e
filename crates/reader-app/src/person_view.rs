//! One citizen over time: wellbeing (its three parts and the mean), the ASI domains and the
//! days of use — hash, other drugs, alcohol and heavy drinking side by side — over intake →
//! midway → discharge → 40-week follow-up, as charts with a table of the same numbers, the
//! reduction flag (at least halving the days of hash use relative to intake, section 4.3.1
//! of the HCS report) and drug-free status per measurement.

use asi_instrument::scoring::Domain;
use asi_reader::{Measure, PersonKey, Series, all_series};
use leptos::prelude::*;

use crate::Loaded;
use crate::chart::{Line, LineChart};
use crate::format::{decimal, measure_id, measure_name, yes_no};
use crate::person_print::{PersonPrint, PrintButton};
use crate::texts::{LANG, names, person, table, tr};

pub const WELLBEING: [Measure; 4] = [
    Measure::WellbeingPersonal,
    Measure::WellbeingClose,
    Measure::WellbeingSocial,
    Measure::Wellbeing,
];
pub const ASI: [Measure; 7] = [
    Measure::Domain(Domain::Economy),
    Measure::Domain(Domain::Medical),
    Measure::Domain(Domain::Psychiatric),
    Measure::Domain(Domain::Alcohol),
    Measure::Domain(Domain::Legal),
    Measure::Domain(Domain::Drug),
    Measure::Asi6,
];

/// How a person is named in the reader.
pub fn key_label(key: &PersonKey) -> String {
    match key {
        PersonKey::Ref(r) => r.clone(),
        PersonKey::Cpr(c) => person::CPR.fill(LANG, &[("cpr", c)]),
    }
}

fn lines(series: &Series, measures: &[Measure]) -> Vec<Line> {
    measures
        .iter()
        .map(|&m| Line {
            id: measure_id(m),
            name: measure_name(m),
            values: series
                .points
                .iter()
                .map(|p| p.row.as_ref().and_then(|r| m.of(r)))
                .collect(),
        })
        .collect()
}

#[component]
pub fn PersonView(loaded: StoredValue<Loaded>) -> impl IntoView {
    let all = loaded.with_value(|l| all_series(&l.rows));
    if all.is_empty() {
        return view! {
            <section class="result-block" aria-labelledby="person-heading">
                <h2 id="person-heading">{tr(person::HEADING)}</h2>
                <p>{tr(person::NONE)}</p>
            </section>
        }
        .into_any();
    }
    let all = StoredValue::new(all);
    let chosen = RwSignal::new(0usize);
    view! {
        <section class="result-block person-section" aria-labelledby="person-heading">
            <h2 id="person-heading">{tr(person::HEADING)}</h2>
            <label for="person-select">{tr(table::PERSON)} " "</label>
            <select id="person-select" on:change=move |ev| {
                chosen.set(event_target_value(&ev).parse().unwrap_or(0))
            }>
                {all.with_value(|all| {
                    all.iter()
                        .enumerate()
                        .map(|(i, s)| view! { <option value=i.to_string()>{key_label(&s.key)}</option> })
                        .collect_view()
                })}
            </select>
            <PrintButton />
            {move || {
                let series = all.with_value(|a| a[chosen.get().min(a.len() - 1)].clone());
                view! { <OnePerson series=series /> }
            }}
        </section>
    }
    .into_any()
}

#[component]
fn OnePerson(series: Series) -> impl IntoView {
    let label = key_label(&series.key);
    let titles: Vec<String> = series
        .points
        .iter()
        .map(|p| p.title.get(LANG).to_owned())
        .collect();
    let measures: Vec<Measure> = WELLBEING
        .iter()
        .chain(&ASI)
        .chain(&Measure::DAYS)
        .copied()
        .collect();
    let domains_note = Domain::ALL.len();
    view! {
        <div class="person" data-person=label.clone()>
            {(series.duplicates > 0)
                .then(|| {
                    view! {
                        <p class="notice">
                            {person::DUPLICATES.fill(LANG, &[("person", &label), ("count", &series.duplicates)])}
                        </p>
                    }
                })}
            <LineChart
                id="person-wellbeing".into()
                title=person::WELLBEING_TITLE.fill(LANG, &[("person", &label)])
                description=tr(person::WELLBEING_DESCRIPTION)
                points=titles.clone()
                lines=lines(&series, &WELLBEING)
                max=10.0
                decimals=1
            />
            <LineChart
                id="person-asi".into()
                title=person::ASI_TITLE.fill(LANG, &[("person", &label)])
                description=person::ASI_DESCRIPTION.fill(LANG, &[("domains", &domains_note)])
                points=titles.clone()
                lines=lines(&series, &ASI)
                max=1.0
                decimals=2
            />
            <LineChart
                id="person-days".into()
                title=person::DAYS_TITLE.fill(LANG, &[("person", &label)])
                description=tr(person::DAYS_DESCRIPTION)
                points=titles.clone()
                lines=lines(&series, &Measure::DAYS)
                max=30.0
                decimals=0
            />
            <div class="table-scroll" tabindex="0" role="region" aria-label=person::NUMBERS_FOR.fill(LANG, &[("person", &label)])>
                <table class="data person-table" id="person-table">
                    <caption>{person::CAPTION.fill(LANG, &[("person", &label)])}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(table::TIMEPOINT)}</th>
                            <th scope="col">{tr(table::DAY)}</th>
                            {measures.iter().map(|&m| view! { <th scope="col">{measure_name(m)}</th> }).collect_view()}
                            <th scope="col">{tr(person::REDUCTION)}</th>
                            <th scope="col">{tr(names::DRUG_FREE)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {series
                            .points
                            .iter()
                            .zip(titles)
                            .map(|(p, title)| {
                                let row = p.row.clone();
                                let day = row.as_ref().map_or_else(|| tr(person::NOT_ANSWERED), |r| r.day.clone());
                                view! {
                                    <tr data-timepoint=p.timepoint.clone()>
                                        <th scope="row">{title}</th>
                                        <td>{day}</td>
                                        {measures
                                            .iter()
                                            .map(|&m| {
                                                let v = row.as_ref().and_then(|r| m.of(r));
                                                let decimals = if WELLBEING.contains(&m) {
                                                    1
                                                } else if Measure::DAYS.contains(&m) {
                                                    0
                                                } else {
                                                    2
                                                };
                                                view! {
                                                    <td data-measure=measure_id(m) data-value=v.map(|v| v.to_string()).unwrap_or_default()>
                                                        {decimal(v, decimals)}
                                                    </td>
                                                }
                                            })
                                            .collect_view()}
                                        <td data-measure="reduction">{yes_no(p.reduction)}</td>
                                        <td data-measure="drug_free">{yes_no(row.as_ref().and_then(|r| r.scores.drug_free))}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <PersonPrint series=series.clone() />
        </div>
    }
}
