//! The responses table: sortable by every column shown, filterable by timepoint, mode and
//! person, with each response's whole answer record one click away.

use asi_envelope::Mode;
use asi_instrument::scoring::Domain;
use asi_instrument::{Answer, Lang, instrument};
use asi_reader::{Column, Direction, Filter, MEASUREMENT_POINTS, Measure, Row, sort_rows};
use leptos::prelude::*;

use crate::Loaded;
use crate::format::{decimal, domain_name, mode_name, timepoint_title, yes_no};
use crate::load::focus;

/// The columns shown, with their headers.
fn columns() -> Vec<(Column, String)> {
    let mut out = vec![
        (Column::Day, "Dato".to_owned()),
        (Column::Timepoint, "Måletidspunkt".to_owned()),
        (Column::Person, "Person".to_owned()),
        (Column::Mode, "Måde".to_owned()),
    ];
    out.extend(Domain::ALL.map(|d| {
        (
            Column::Measure(Measure::Domain(d)),
            domain_name(d).to_owned(),
        )
    }));
    out.extend([
        (Column::Measure(Measure::Asi6), "ASI 6".to_owned()),
        (Column::Measure(Measure::Wellbeing), "Trivsel".to_owned()),
        (Column::DrugFree, "Stoffri".to_owned()),
    ]);
    out
}

/// One cell's text.
fn cell(row: &Row, column: Column) -> String {
    let domain = |d: Domain| {
        let value = decimal(row.scores.domain(d), 2);
        if row.provisional.contains(&d) && row.scores.domain(d).is_some() {
            format!("{value}*")
        } else {
            value
        }
    };
    match column {
        Column::Day => row.day.clone(),
        Column::Timepoint => timepoint_title(&row.timepoint),
        Column::Person => row.person.label().unwrap_or_else(|| "anonym".into()),
        Column::Mode => mode_name(row.mode).to_owned(),
        Column::Measure(Measure::Domain(d)) => domain(d),
        Column::Measure(Measure::Asi6) => decimal(row.scores.asi6, 2),
        Column::Measure(Measure::Wellbeing) => decimal(row.scores.wellbeing, 1),
        Column::DrugFree => yes_no(row.scores.drug_free).to_owned(),
        _ => String::new(),
    }
}

/// The table's caption: how scores are shown, and which forms have none (from the data).
fn caption() -> String {
    let unscored: Vec<&str> = asi_reader::unscored_forms()
        .iter()
        .map(|f| f.title.get(Lang::Da))
        .collect();
    let mut text =
        "Scorer beregnet igen her. * foreløbig formel (se scoringsdokumentationen).".to_owned();
    if !unscored.is_empty() {
        text += &format!(" {} har ingen score.", unscored.join(" og "));
    }
    text
}

/// The columns before the scores: date, timepoint, person, mode.
const LEAD: usize = 4;

/// A row's cells. A response of a form without scores (the involvement form) says so once,
/// across the score columns, instead of showing empty scores.
fn cells(row: &Row) -> AnyView {
    let all = columns();
    if row.scored {
        return all
            .into_iter()
            .map(|(c, _)| view! { <td>{cell(row, c)}</td> })
            .collect_view()
            .into_any();
    }
    let form = instrument()
        .form(&row.form)
        .map_or_else(|| row.form.clone(), |f| f.title.get(Lang::Da).to_owned());
    let span = all.len() - LEAD;
    view! {
        {all[..LEAD].iter().map(|(c, _)| view! { <td>{cell(row, *c)}</td> }).collect_view()}
        <td colspan=span.to_string() class="no-score">
            {format!("{form}: ingen score — se svarene (Vis svar) og andelene under Gruppen")}
        </td>
    }
    .into_any()
}

#[component]
pub fn ResponsesTable(loaded: StoredValue<Loaded>) -> impl IntoView {
    let sort: RwSignal<Option<(Column, Direction)>> = RwSignal::new(None);
    let timepoint = RwSignal::new(String::new());
    let mode = RwSignal::new(String::new());
    let person = RwSignal::new(String::new());
    let shown_record: RwSignal<Option<String>> = RwSignal::new(None);
    let shown = Memo::new(move |_| {
        let filter = Filter {
            timepoint: Some(timepoint.get()).filter(|t| !t.is_empty()),
            mode: match mode.get().as_str() {
                "anonymous" => Some(Mode::Anonymous),
                "identified" => Some(Mode::Identified),
                "link" => Some(Mode::Link),
                _ => None,
            },
            person: Some(person.get()).filter(|p| !p.trim().is_empty()),
        };
        let mut rows: Vec<Row> =
            loaded.with_value(|l| filter.apply(&l.rows).into_iter().cloned().collect());
        if let Some((column, direction)) = sort.get() {
            sort_rows(&mut rows, column, direction);
        }
        rows
    });
    let timepoints: Vec<String> = {
        let present: Vec<String> =
            loaded.with_value(|l| l.rows.iter().map(|r| r.timepoint.clone()).collect());
        instrument()
            .timepoints
            .iter()
            .map(|t| t.id.clone())
            .filter(|t| present.contains(t) || MEASUREMENT_POINTS.contains(&t.as_str()))
            .collect()
    };
    let header = move |(column, title): (Column, String)| {
        let state = move || sort.get().filter(|(c, _)| *c == column).map(|(_, d)| d);
        let aria = move || match state() {
            Some(Direction::Ascending) => "ascending",
            Some(Direction::Descending) => "descending",
            None => "none",
        };
        let click = move |_| {
            sort.set(Some((
                column,
                match state() {
                    Some(Direction::Ascending) => Direction::Descending,
                    _ => Direction::Ascending,
                },
            )))
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" on:click=click>
                    {title}
                    <span aria-hidden="true">
                        {move || match state() {
                            Some(Direction::Ascending) => " ▲",
                            Some(Direction::Descending) => " ▼",
                            None => "",
                        }}
                    </span>
                </button>
            </th>
        }
    };
    view! {
        <section class="result-block" aria-labelledby="responses-heading">
            <h2 id="responses-heading">"Besvarelser"</h2>
            <div class="filters">
                <label>
                    "Måletidspunkt "
                    <select id="filter-timepoint" on:change=move |ev| timepoint.set(event_target_value(&ev))>
                        <option value="">"Alle"</option>
                        {timepoints
                            .into_iter()
                            .map(|t| view! { <option value=t.clone()>{timepoint_title(&t)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    "Måde "
                    <select id="filter-mode" on:change=move |ev| mode.set(event_target_value(&ev))>
                        <option value="">"Alle"</option>
                        <option value="link">"link"</option>
                        <option value="identified">"identificeret"</option>
                        <option value="anonymous">"anonym"</option>
                    </select>
                </label>
                <label>
                    "Person "
                    <input
                        type="search"
                        id="filter-person"
                        class="text"
                        on:input=move |ev| person.set(event_target_value(&ev))
                    />
                </label>
            </div>
            <p role="status" class="count">{move || format!("{} af {} besvarelser vises.", shown.with(Vec::len), loaded.with_value(|l| l.rows.len()))}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="responses-heading">
                <table class="data responses" id="responses">
                    <caption>{caption()}</caption>
                    <thead>
                        <tr>
                            {columns().into_iter().map(header).collect_view()}
                            <th scope="col">"Kontrol"</th>
                            <th scope="col">"Svar"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || shown.get() key=|row| row.id.clone() let:row>
                            {
                                let id = row.id.clone();
                                view! {
                                    <tr data-id=row.id.clone() data-timepoint=row.timepoint.clone() data-form=row.form.clone()>
                                        {cells(&row)}
                                        <td>
                                            {if row.scores_match {
                                                "ok".into_any()
                                            } else {
                                                view! { <strong class="mismatch">"Scorerne i konvolutten afviger"</strong> }.into_any()
                                            }}
                                        </td>
                                        <td>
                                            <button
                                                type="button"
                                                class="button link"
                                                on:click=move |_| {
                                                    shown_record.set(Some(id.clone()));
                                                    focus("record-heading");
                                                }
                                            >
                                                "Vis svar"
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
            {move || shown_record.get().map(|id| view! { <AnswerRecord loaded=loaded id=id /> })}
        </section>
    }
}

/// Every answer of one response, with the questions' texts.
#[component]
fn AnswerRecord(loaded: StoredValue<Loaded>, id: String) -> impl IntoView {
    let response = loaded.with_value(|l| {
        l.opened
            .responses
            .iter()
            .find(|r| r.metadata.id == id)
            .cloned()
    });
    let Some(response) = response else {
        return ().into_any();
    };
    // The questions as the instrument version the response was given with asks them.
    let inst = response.instrument();
    let answers = &response.payload.answers;
    let items: Vec<(String, String)> = inst
        .items
        .iter()
        .filter_map(|item| {
            let answer = answers.get(&item.id)?;
            let text = match answer {
                Answer::Bool(true) => "Ja".to_owned(),
                Answer::Bool(false) => "Nej".to_owned(),
                other => item
                    .option_label(inst, &other.to_json(), Lang::Da)
                    .map(str::to_owned)
                    .unwrap_or_else(|| match other {
                        Answer::Text(t) => t.clone(),
                        other => other.to_json().to_string(),
                    }),
            };
            Some((item.text.get(Lang::Da).to_owned(), text))
        })
        .collect();
    let consent = response.payload.consent.clone();
    view! {
        <section class="record" aria-labelledby="record-heading" data-record=id.clone()>
            <h3 id="record-heading" tabindex="-1">
                {format!("Svar i besvarelse {} ({})", &id[..8.min(id.len())], timepoint_title(&response.metadata.timepoint))}
            </h3>
            <p>{format!("Afsluttet {} · sprog {}", response.payload.completed_at, response.payload.locale)}</p>
            {consent
                .map(|c| view! { <p>{format!("Samtykke givet {}: «{}»", c.given_at, c.text)}</p> })}
            <dl class="answers">
                {items
                    .into_iter()
                    .map(|(q, a)| view! { <dt>{q}</dt><dd>{a}</dd> })
                    .collect_view()}
            </dl>
        </section>
    }
    .into_any()
}
