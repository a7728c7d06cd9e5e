//! The group: the mean and n of wellbeing, each ASI domain and the days of use (hash, other
//! drugs, alcohol, heavy drinking) per measurement point, raw (those who answered) and LOCF
//! (each person's last observation carried forward), as in tables 8–9 and figures 8–11 of
//! the HCS report.

use asi_instrument::scoring::Domain;
use asi_reader::{Group, Measure, Stat, group};
use leptos::prelude::*;

use crate::Loaded;
use crate::chart::{Line, LineChart};
use crate::format::{decimal, measure_id, measure_name};
use crate::texts::{self, LANG, tr};

fn stats(g: &Group, measure: Measure, locf: bool) -> Vec<Stat> {
    g.measures
        .iter()
        .find(|m| m.measure == measure)
        .map(|m| if locf { m.locf.clone() } else { m.raw.clone() })
        .unwrap_or_default()
}

fn chart_lines(g: &Group, measures: &[Measure], locf: bool) -> Vec<Line> {
    measures
        .iter()
        .map(|&m| Line {
            id: measure_id(m),
            name: measure_name(m),
            values: stats(g, m, locf).iter().map(|s| s.mean).collect(),
        })
        .collect()
}

#[component]
pub fn GroupView(loaded: StoredValue<Loaded>) -> impl IntoView {
    let g = loaded.with_value(|l| group(&l.rows));
    let titles: Vec<String> = g
        .timepoints
        .iter()
        .map(|t| t.title.get(LANG).to_owned())
        .collect();
    let wellbeing = [
        Measure::WellbeingPersonal,
        Measure::WellbeingClose,
        Measure::WellbeingSocial,
        Measure::Wellbeing,
    ];
    let table = |locf: bool| {
        let kind = if locf { "locf" } else { "raw" };
        let caption = tr(if locf {
            texts::group::LOCF_CAPTION
        } else {
            texts::group::RAW_CAPTION
        });
        let region = caption.clone();
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                <table class="data group-table" id=format!("group-{kind}")>
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(texts::group::MEASURE)}</th>
                            {titles.iter().map(|t| view! { <th scope="col">{t.clone()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {Measure::ALL
                            .iter()
                            .map(|&m| {
                                let decimals = if Measure::DAYS.contains(&m) { 1 } else { 2 };
                                view! {
                                    <tr data-measure=measure_id(m)>
                                        <th scope="row">{measure_name(m)}</th>
                                        {stats(&g, m, locf)
                                            .into_iter()
                                            .zip(&g.timepoints)
                                            .map(|(s, t)| {
                                                view! {
                                                    <td
                                                        data-timepoint=t.id.clone()
                                                        data-kind=kind
                                                        data-n=s.n.to_string()
                                                        data-mean=s.mean.map(|v| v.to_string()).unwrap_or_default()
                                                    >
                                                        {format!("{} (n={})", decimal(s.mean, decimals), s.n)}
                                                    </td>
                                                }
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
    };
    view! {
        <section class="result-block" aria-labelledby="group-heading">
            <h2 id="group-heading">{tr(texts::group::HEADING)}</h2>
            <p>
                {texts::group::PERSONS.fill(LANG, &[("persons", &g.persons), ("with_intake", &g.with_intake)])}
                {(g.duplicates > 0).then(|| texts::group::DUPLICATES.fill(LANG, &[("count", &g.duplicates)]))}
            </p>
            <h3>{tr(texts::group::RAW)}</h3>
            {table(false)}
            <LineChart
                id="group-wellbeing-raw".into()
                title=tr(texts::group::WELLBEING_RAW_TITLE)
                description=tr(texts::group::WELLBEING_RAW_DESCRIPTION)
                points=titles.clone()
                lines=chart_lines(&g, &wellbeing, false)
                max=10.0
                decimals=2
            />
            <LineChart
                id="group-days-raw".into()
                title=tr(texts::group::DAYS_RAW_TITLE)
                description=tr(texts::group::DAYS_RAW_DESCRIPTION)
                points=titles.clone()
                lines=chart_lines(&g, &Measure::DAYS, false)
                max=30.0
                decimals=1
            />
            <h3>{tr(texts::group::LOCF)}</h3>
            {table(true)}
            <LineChart
                id="group-wellbeing-locf".into()
                title=tr(texts::group::WELLBEING_LOCF_TITLE)
                description=tr(texts::group::WELLBEING_LOCF_DESCRIPTION)
                points=titles.clone()
                lines=chart_lines(&g, &wellbeing, true)
                max=10.0
                decimals=2
            />
            <LineChart
                id="group-asi-locf".into()
                title=tr(texts::group::ASI_LOCF_TITLE)
                description=tr(texts::group::ASI_LOCF_DESCRIPTION)
                points=titles
                lines=chart_lines(&g, &[
                    Measure::Domain(Domain::Drug),
                    Measure::Domain(Domain::Psychiatric),
                    Measure::Asi6,
                ], true)
                max=1.0
                decimals=2
            />
        </section>
    }
}
