//! The responses table: sortable by every column shown, filterable by timepoint, mode and
//! person, with each response's whole answer record one click away.

use asi_instrument::scoring::Domain;
use asi_instrument::{Answer, Mode, instrument};
use asi_reader::{Column, Direction, Filter, MEASUREMENT_POINTS, Measure, Row, sort_rows};
use leptos::prelude::*;

use crate::Loaded;
use crate::format::{decimal, domain_name, mode_name, timepoint_title, yes_no};
use crate::load::focus;
use crate::texts::{LANG, names, table, tr};

/// The columns shown, with their headers.
fn columns() -> Vec<(Column, String)> {
    let mut out = vec![
        (Column::Day, tr(table::DAY)),
        (Column::Timepoint, tr(table::TIMEPOINT)),
        (Column::Person, tr(table::PERSON)),
        (Column::Mode, tr(table::MODE)),
    ];
    out.extend(Domain::ALL.map(|d| {
        (
            Column::Measure(Measure::Domain(d)),
            domain_name(d).to_owned(),
        )
    }));
    out.extend([
        (Column::Measure(Measure::Asi6), tr(names::ASI6)),
        (
            Column::Measure(Measure::Wellbeing),
            tr(names::TABLE_WELLBEING),
        ),
        (Column::DrugFree, tr(names::DRUG_FREE)),
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
        Column::Person => row.person.label().unwrap_or_else(|| tr(names::ANONYMOUS)),
        Column::Mode => mode_name(row.mode),
        Column::Measure(Measure::Domain(d)) => domain(d),
        Column::Measure(Measure::Asi6) => decimal(row.scores.asi6, 2),
        Column::Measure(Measure::Wellbeing) => decimal(row.scores.wellbeing, 1),
        Column::DrugFree => yes_no(row.scores.drug_free),
        _ => String::new(),
    }
}

/// The table's caption: how scores are shown, and which forms have none (from the data).
fn caption() -> String {
    let unscored: Vec<&str> = asi_reader::unscored_forms()
        .iter()
        .map(|f| f.title.get(LANG))
        .collect();
    let mut text = tr(table::CAPTION);
    if !unscored.is_empty() {
        let forms = unscored.join(table::AND.get(LANG));
        text += " ";
        text += &table::UNSCORED_FORMS.fill(LANG, &[("forms", &forms)]);
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
        .map_or_else(|| row.form.clone(), |f| f.title.get(LANG).to_owned());
    let span = all.len() - LEAD;
    view! {
        {all[..LEAD].iter().map(|(c, _)| view! { <td>{cell(row, *c)}</td> }).collect_view()}
        <td colspan=span.to_string() class="no-score">
            {table::NO_SCORE.fill(LANG, &[("form", &form)])}
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
            <h2 id="responses-heading">{tr(table::HEADING)}</h2>
            <div class="filters">
                <label>
                    {tr(table::TIMEPOINT)} " "
                    <select id="filter-timepoint" on:change=move |ev| timepoint.set(event_target_value(&ev))>
                        <option value="">{tr(table::NO_FILTER)}</option>
                        {timepoints
                            .into_iter()
                            .map(|t| view! { <option value=t.clone()>{timepoint_title(&t)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    {tr(table::MODE)} " "
                    <select id="filter-mode" on:change=move |ev| mode.set(event_target_value(&ev))>
                        <option value="">{tr(table::NO_FILTER)}</option>
                        <option value="link">{mode_name(Mode::Link)}</option>
                        <option value="identified">{mode_name(Mode::Identified)}</option>
                        <option value="anonymous">{mode_name(Mode::Anonymous)}</option>
                    </select>
                </label>
                <label>
                    {tr(table::PERSON)} " "
                    <input
                        type="search"
                        id="filter-person"
                        class="text"
                        on:input=move |ev| person.set(event_target_value(&ev))
                    />
                </label>
            </div>
            <p role="status" class="count">
                {move || {
                    let (shown, total) = (shown.with(Vec::len), loaded.with_value(|l| l.rows.len()));
                    table::COUNT.fill(LANG, &[("shown", &shown), ("total", &total)])
                }}
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="responses-heading">
                <table class="data responses" id="responses">
                    <caption>{caption()}</caption>
                    <thead>
                        <tr>
                            {columns().into_iter().map(header).collect_view()}
                            <th scope="col">{tr(table::CHECK)}</th>
                            <th scope="col">{tr(table::ANSWERS)}</th>
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
                                                tr(table::SCORES_MATCH).into_any()
                                            } else {
                                                view! { <strong class="mismatch">{tr(table::SCORES_DIFFER)}</strong> }.into_any()
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
                                                {tr(table::SHOW)}
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
            .find(|r| r.metadata.id.as_str() == id)
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
                Answer::Bool(true) => tr(table::ANSWER_YES),
                Answer::Bool(false) => tr(table::ANSWER_NO),
                other => item
                    .option_label(inst, &other.to_json(), LANG)
                    .map(str::to_owned)
                    .unwrap_or_else(|| match other {
                        Answer::Text(t) => t.clone(),
                        other => other.to_json().to_string(),
                    }),
            };
            Some((item.text.get(LANG).to_owned(), text))
        })
        .collect();
    let consent = response.payload.consent.clone();
    view! {
        <section class="record" aria-labelledby="record-heading" data-record=id.clone()>
            <h3 id="record-heading" tabindex="-1">
                {table::RECORD_HEADING.fill(LANG, &[
                    ("id", &&id[..8.min(id.len())]),
                    ("timepoint", &timepoint_title(&response.metadata.timepoint)),
                ])}
            </h3>
            <p>
                {table::COMPLETED.fill(LANG, &[
                    ("completed_at", &response.payload.completed_at),
                    ("locale", &response.payload.locale),
                ])}
            </p>
            {consent
                .map(|c| view! {
                    <p>{table::CONSENT.fill(LANG, &[("given_at", &c.given_at), ("text", &c.text)])}</p>
                })}
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
