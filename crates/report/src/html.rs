//! The report as one self-contained HTML page in Danish (`docs/report.md` §6): every chart
//! an inline SVG with the table of its numbers beside it, the styles inline, no script and
//! no request to anywhere; a print style sheet so the browser's "print to PDF" keeps every
//! table and chart whole on A4. Every text that comes from data is escaped.

use asi_instrument::Lang;
use asi_protocol::LinkState;
use asi_reader::Stat;

use crate::report::{
    Categories, MeanSeries, NoEstimate, OddsRatio, OutcomeTable, Report, Share, ShareSeries,
};
use crate::svg::{self, Axis, Series};

/// `text` with `&`, `<`, `>`, `"` and `'` written as character references, so nothing from
/// the data can become markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A number with `digits` decimals and a decimal comma.
pub fn decimal(value: f64, digits: usize) -> String {
    format!("{value:.digits$}").replace('.', ",")
}

/// A share as a Danish percentage with one decimal ("46,8 %"); "–" without one.
pub fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".into(), |s| format!("{} %", decimal(s * 100.0, 1)))
}

/// A p-value as the seed prints them: three decimals, "<0,001" below that.
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "<0,001".into()
    } else {
        decimal(p, 3)
    }
}

fn mean(stat: &Stat, digits: usize) -> String {
    stat.mean.map_or_else(|| "–".into(), |m| decimal(m, digits))
}

fn cell_share(s: &Share) -> String {
    format!(
        "{} <span class=\"n\">({} af {})</span>",
        percent(s.share),
        s.count,
        s.n
    )
}

fn cell_stat(s: &Stat, digits: usize) -> String {
    format!("{} <span class=\"n\">(n={})</span>", mean(s, digits), s.n)
}

/// The report's own styles, every rule under `.report` (the element holding the report), so
/// a page that shows the report among other things (the clinic's reader links this file)
/// gets the same look without its own elements being touched.
pub const STYLE: &str = include_str!("report.css");

/// The styles of the page of its own around the report.
const PAGE_STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1a1a;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
@media print{@page{size:A4;margin:15mm}body{max-width:none;margin:0;font-size:10pt}}
";

/// How the report's markup sits in a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The level of the report's title (`1` on a page of its own); the sections are one
    /// level below it, their parts two.
    pub heading: u8,
    /// Whether the list of people whose link is unanswered is part of the markup (a page
    /// that shows its own list, with actions beside the people, leaves it out).
    pub unanswered: bool,
}

impl Layout {
    /// The report on a page of its own: the title a level-1 heading, the list included.
    pub const PAGE: Layout = Layout {
        heading: 1,
        unanswered: true,
    };
}

struct Page {
    out: String,
    charts: usize,
    layout: Layout,
}

impl Page {
    fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// A heading at `level` of the report (1 its title, 2 a section, 3 a part), written at
    /// the level the layout puts it, with the report's level as its class for the styles.
    fn heading(&mut self, level: u8, text: &str) {
        let at = (level + self.layout.heading - 1).min(6);
        self.push(&format!(
            "<h{at} class=\"h{level}\">{}</h{at}>",
            escape(text)
        ));
    }

    fn para(&mut self, text: &str, class: &str) {
        self.push(&format!("<p class=\"{class}\">{}</p>", escape(text)));
    }

    /// A table: a caption, a header row and rows whose first cell is a row header. Cells are
    /// markup made here; texts from data must be escaped by the caller.
    fn table(&mut self, caption: &str, head: &[String], rows: &[Vec<String>]) {
        self.push(&format!(
            "<table><caption>{}</caption><thead><tr>",
            escape(caption)
        ));
        for h in head {
            self.push(&format!("<th scope=\"col\">{}</th>", escape(h)));
        }
        self.push("</tr></thead><tbody>");
        for row in rows {
            self.push("<tr>");
            for (i, c) in row.iter().enumerate() {
                if i == 0 {
                    self.push(&format!("<th scope=\"row\">{c}</th>"));
                } else {
                    self.push(&format!("<td>{c}</td>"));
                }
            }
            self.push("</tr>");
        }
        self.push("</tbody></table>");
    }

    fn chart_id(&mut self) -> String {
        self.charts += 1;
        format!("chart{}", self.charts)
    }

    /// A chart with its table beside it.
    fn figure(&mut self, chart: String, caption: &str, head: &[String], rows: &[Vec<String>]) {
        self.push("<div class=\"figure\"><figure>");
        self.push(&chart);
        self.push("</figure><div>");
        self.table(caption, head, rows);
        self.push("</div></div>");
    }
}

fn days_axis() -> Axis {
    Axis {
        max: 30.0,
        format: |v| decimal(v, 1),
    }
}

fn share_axis() -> Axis {
    Axis {
        max: 1.0,
        format: |v| format!("{} %", decimal(v * 100.0, 0)),
    }
}

fn axis_for(values: impl Iterator<Item = f64>, digits: usize) -> Axis {
    // Four gridline steps of 1, 2 or 5 times a power of ten, the top at or above the
    // largest value.
    let top = values.fold(0.0_f64, f64::max);
    let rough = if top > 0.0 { top / 4.0 } else { 0.25 };
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    let max = 4.0 * step;
    let format: fn(f64) -> String = match digits {
        0 => |v| decimal(v, 0),
        1 => |v| decimal(v, 1),
        2 => |v| decimal(v, 2),
        _ => |v| decimal(v, 3),
    };
    Axis { max, format }
}

fn titles(report: &Report) -> Vec<String> {
    report
        .timepoints
        .iter()
        .map(|t| t.title.get(Lang::Da).to_owned())
        .collect()
}

/// A figure of one series over time, raw and LOCF: `value` gives a point's number for the
/// chart, `cell` its table cell.
fn raw_locf_figure<T>(
    page: &mut Page,
    report: &Report,
    name: &str,
    (desc, raw, locf): (&str, &[T], &[T]),
    axis: Axis,
    value: impl Fn(&T) -> Option<f64>,
    cell: impl Fn(&T) -> String,
) {
    let id = page.chart_id();
    let cats = titles(report);
    let series = [("Rå-data", raw), ("LOCF", locf)].map(|(name, values)| Series {
        name: name.into(),
        values: values.iter().map(&value).collect(),
    });
    let chart = svg::lines(&id, name, desc, &cats, &series, &axis);
    let rows: Vec<Vec<String>> = cats
        .iter()
        .enumerate()
        .map(|(i, c)| vec![escape(c), cell(&raw[i]), cell(&locf[i])])
        .collect();
    page.figure(
        chart,
        name,
        &["Måletidspunkt".into(), "Rå-data".into(), "LOCF".into()],
        &rows,
    );
}

/// A figure of one measure's mean over time, raw and LOCF.
fn mean_figure(page: &mut Page, report: &Report, name: &str, s: &MeanSeries, axis: Axis) {
    let desc = format!(
        "{}: gennemsnit ved hvert måletidspunkt, rå-data og LOCF. Tallene står i tabellen ved siden af.",
        s.label
    );
    raw_locf_figure(
        page,
        report,
        name,
        (&desc, &s.raw, &s.locf),
        axis,
        |v| v.mean,
        |v| cell_stat(v, 1),
    );
}

/// A figure of one share over time, raw and LOCF.
fn share_figure(page: &mut Page, report: &Report, name: &str, s: &ShareSeries) {
    let desc = format!(
        "{}: andel ved hvert måletidspunkt, rå-data og LOCF.",
        s.label
    );
    raw_locf_figure(
        page,
        report,
        name,
        (&desc, &s.raw, &s.locf),
        share_axis(),
        |v| v.share,
        cell_share,
    );
}

/// A figure of counts per category and column, as bars, with the shares in the table.
fn categories_figure(page: &mut Page, name: &str, c: &Categories) {
    let id = page.chart_id();
    let cats: Vec<String> = c.rows.iter().map(|r| r.label.clone()).collect();
    let series: Vec<Series> = c
        .columns
        .iter()
        .enumerate()
        .map(|(j, col)| Series {
            name: col.clone(),
            values: c
                .rows
                .iter()
                .map(|r| Some(r.shares[j].count as f64))
                .collect(),
        })
        .collect();
    let axis = axis_for(
        series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied()),
        0,
    );
    let chart = svg::bars(
        &id,
        name,
        &format!("{name}: antal personer pr. kategori."),
        &cats,
        &series,
        &axis,
    );
    let mut head = vec![String::new()];
    head.extend(c.columns.iter().cloned());
    let rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![escape(&r.label)];
            row.extend(r.shares.iter().map(cell_share));
            row
        })
        .collect();
    page.figure(chart, name, &head, &rows);
}

fn odds_cells(o: &OddsRatio) -> [String; 2] {
    match o {
        OddsRatio::Reference => ["1,0 (ref)".into(), String::new()],
        OddsRatio::Estimate {
            odds_ratio,
            p_value: p,
            ..
        } => [decimal(*odds_ratio, 2), p_value(*p)],
        OddsRatio::None { reason } => [
            format!("<span class=\"missing\">{}</span>", escape(reason.label())),
            String::new(),
        ],
    }
}

fn outcome_table(page: &mut Page, t: &OutcomeTable) {
    let outcome = match t.outcome {
        crate::report::Outcome::Reduction => "Reduktion af hash, andel",
        crate::report::Outcome::DrugFree => "Stoffri, andel",
    };
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            let [or, p] = odds_cells(&r.odds_ratio);
            vec![
                format!("{} (n={})", escape(&r.label), r.share.n),
                cell_share(&r.share),
                or,
                p,
            ]
        })
        .collect();
    page.table(
        &format!("Tabel {}: {} — N={}", t.number, t.title, t.n),
        &[
            format!("N={}", t.n),
            outcome.into(),
            "OR".into(),
            "p-værdi".into(),
        ],
        &rows,
    );
    let adjusted = match (
        t.adjusted_for.contains(&"age".into()),
        t.adjusted_for.contains(&"sex".into()),
    ) {
        (true, true) => "kontrolleret for alder og køn",
        (true, false) => "kontrolleret for alder (køn varierer ikke eller mangler)",
        (false, true) => "kontrolleret for køn (alder varierer ikke eller mangler)",
        (false, false) => "ikke kontrolleret for alder og køn (mangler i registerfilen)",
    };
    page.para(
        &format!(
            "Logistisk regression med {} personer i modellen, {adjusted}.",
            t.model_n
        ),
        "n",
    );
}

/// The report as a self-contained HTML page in Danish.
pub fn html(report: &Report) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\">\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
        <title>Evaluering af behandlingsforløb</title><style>{PAGE_STYLE}{STYLE}</style></head>\
        <body><main class=\"report\">{}</main></body></html>\n",
        fragment(report, Layout::PAGE)
    )
}

/// The report's markup, to be placed inside an element of class `report` styled by
/// [`STYLE`]: headings, paragraphs, tables and inline SVG only — no script, no style
/// element or attribute, no reference to any other file — with every text from the data
/// escaped, so a page may insert it as it is under a strict Content-Security-Policy.
pub fn fragment(report: &Report, layout: Layout) -> String {
    let mut page = Page {
        out: String::new(),
        charts: 0,
        layout,
    };
    page.heading(1, "Evaluering af behandlingsforløb");
    let period = match (report.from, report.to) {
        (Some(f), Some(t)) => format!("Forløb begyndt {f} – {t}"),
        (Some(f), None) => format!("Forløb begyndt fra {f}"),
        (None, Some(t)) => format!("Forløb begyndt til og med {t}"),
        (None, None) => "Alle forløb".into(),
    };
    page.para(
        &format!("{period}. {} personer. Lavet {} på klinikkens egen maskine; intet er sendt nogen steder hen.", report.people, report.today),
        "lead",
    );
    for note in &report.notes {
        page.para(note, "note");
    }
    if !report.register_problems.is_empty() {
        page.push("<section>");
        page.heading(2, "Fejl i registerfilen");
        page.push("<p>Disse værdier er ikke brugt; resten af rapporten er lavet uden dem.</p><ul class=\"problem\">");
        for p in &report.register_problems {
            page.push(&format!("<li>{}</li>", escape(&p.message)));
        }
        page.push("</ul></section>");
    }

    data_basis(&mut page, report);
    participants(&mut page, report);
    treatment(&mut page, report);
    use_and_wellbeing(&mut page, report);
    intensity(&mut page, report);
    by_ending(&mut page, report);
    unscored(&mut page, report);
    method(&mut page, report);
    page.out
}

fn data_basis(page: &mut Page, report: &Report) {
    page.heading(2, "1. Datagrundlag og svarprocenter");
    let rows: Vec<Vec<String>> = report
        .data_basis
        .iter()
        .map(|r| {
            vec![
                escape(&r.timepoint.title.da),
                r.answered.n.to_string(),
                r.answered.count.to_string(),
                percent(r.answered.share),
            ]
        })
        .collect();
    page.table(
        "Tabel 1: datagrundlag",
        &[
            "".into(),
            "Total".into(),
            "Data".into(),
            "Svarprocent".into(),
        ],
        &rows,
    );
    let Some(links) = &report.links else {
        page.para("Linkenes status er ikke hentet fra indbakken, så svarprocenten for opfølgningslinks kan ikke vises.", "missing");
        return;
    };
    let rows: Vec<Vec<String>> = links
        .rows
        .iter()
        .map(|r| {
            vec![
                escape(&r.timepoint.title.da),
                r.links.to_string(),
                r.answered.n.to_string(),
                r.answered.count.to_string(),
                r.open.to_string(),
                r.expired.to_string(),
                percent(r.answered.share),
            ]
        })
        .collect();
    page.table(
        "Svarprocent for opfølgningslinks (fra indbakken)",
        &[
            "".into(),
            "Links".into(),
            "Personer med link".into(),
            "Svaret".into(),
            "Åbne".into(),
            "Udløbet".into(),
            "Svarprocent".into(),
        ],
        &rows,
    );
    if !page.layout.unanswered {
        return;
    }
    page.heading(3, "Mangler at svare");
    if links.unanswered.is_empty() {
        page.para("Alle med et link har svaret.", "");
        return;
    }
    let rows: Vec<Vec<String>> = links
        .unanswered
        .iter()
        .map(|u| {
            let state = match (u.state, u.expires_soon) {
                (LinkState::Open, true) => {
                    format!("åbent — udløber snart (inden for {} dage)", links.soon_days)
                }
                (LinkState::Open, false) => "åbent".into(),
                _ => "udløbet — lav et nyt link".into(),
            };
            vec![
                escape(&u.reference),
                escape(&u.timepoint.title.da),
                escape(&u.expires),
                escape(&state),
            ]
        })
        .collect();
    page.table(
        "Personer, hvis link ikke er besvaret",
        &[
            "Reference".into(),
            "Måletidspunkt".into(),
            "Sidste gyldige dag".into(),
            "Status".into(),
        ],
        &rows,
    );
}

fn column_head(columns: &[String], people: Option<&[usize]>) -> Vec<String> {
    let mut head = vec![String::new()];
    head.extend(columns.iter().enumerate().map(|(i, c)| match people {
        Some(p) => format!("{c} (n={})", p[i]),
        None => c.clone(),
    }));
    head
}

fn participants(page: &mut Page, report: &Report) {
    page.heading(2, "2. Deltagernes karakteristika ved indskrivning");
    let p = &report.profile;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for block in &p.blocks {
        let mut head = vec![format!(
            "<strong>{} {}</strong>",
            block.number,
            escape(&block.title)
        )];
        head.extend(p.columns.iter().map(|_| String::new()));
        rows.push(head);
        for r in &block.rows {
            let mut row = vec![format!("&nbsp;&nbsp;{}", escape(&r.label))];
            row.extend(r.shares.iter().map(cell_share));
            rows.push(row);
        }
    }
    let mut age = vec!["Gennemsnitsalder".to_owned()];
    age.extend(p.mean_age.iter().map(|s| cell_stat(s, 1)));
    rows.push(age);
    page.table(
        "Tabel 2: deltagernes karakteristika (sidste måned)",
        &column_head(&p.columns, Some(&p.people)),
        &rows,
    );

    let a = &report.asi_intake;
    let mut head = column_head(&a.columns, None);
    head.push(match a.reference_n {
        Some(n) => format!("{} (n={n})", a.reference_label),
        None => a.reference_label.clone(),
    });
    let rows: Vec<Vec<String>> = a
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![escape(&r.label)];
            row.extend(r.means.iter().map(|s| cell_stat(s, 3)));
            row.push(r.reference.map_or_else(String::new, |v| decimal(v, 3)));
            row
        })
        .collect();
    page.table("Tabel 3: ASI-score ved indskrivning", &head, &rows);
}

fn treatment(page: &mut Page, report: &Report) {
    page.heading(2, "3. Deltagelse, indskrivningslængde og udskrivning");
    let (Some(k), Some(e), Some(endings)) =
        (&report.key_numbers, &report.enrolment, &report.endings)
    else {
        page.para("Kræver registerfilen (indskrivnings- og udskrivningsdato, udskrivningsårsag, gruppesessioner).", "missing");
        return;
    };
    let mut rows = vec![{
        let mut r = vec!["I behandling".to_owned()];
        r.extend(k.enrolled.iter().map(ToString::to_string));
        r
    }];
    for (name, shares) in [
        ("Midtvejssamtale", &k.midway),
        ("Udskrivningssamtale", &k.discharge),
        ("Efterbehandling (af færdigbehandlede)", &k.aftercare),
    ] {
        let mut r = vec![escape(name)];
        r.extend(shares.iter().map(cell_share));
        rows.push(r);
    }
    page.table(
        "Tabel 4: nøgletal og svarprocenter for de 4 måletidspunkter",
        &column_head(&k.columns, None),
        &rows,
    );
    categories_figure(page, "Figur 1: indskrivningslængde", &e.length);
    let unknown: Vec<String> = e.length_unknown.iter().map(ToString::to_string).collect();
    page.para(
        &format!(
            "Uden både indskrivnings- og udskrivningsdato: {}.",
            unknown.join(" / ")
        ),
        "n",
    );
    let mut rows: Vec<Vec<String>> = e
        .sessions
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![escape(&r.label)];
            row.extend(r.shares.iter().map(|s| {
                format!(
                    "{} <span class=\"n\">({})</span>",
                    s.count,
                    percent(s.share)
                )
            }));
            row
        })
        .collect();
    let mut mean_row = vec!["Gennemsnit (min–max)".to_owned()];
    mean_row.extend(e.sessions_mean.iter().enumerate().map(|(i, s)| {
        match (e.sessions_min[i], e.sessions_max[i]) {
            (Some(lo), Some(hi)) => format!("{} ({lo}–{hi})", mean(s, 2)),
            _ => "–".into(),
        }
    }));
    rows.push(mean_row);
    let mut unknown_row = vec!["Uden sessioner / ikke angivet".to_owned()];
    unknown_row.extend(e.sessions_unknown.iter().map(ToString::to_string));
    rows.push(unknown_row);
    page.table(
        "Tabel 5: hvor mange deltog i X antal gruppesessioner?",
        &column_head(&e.sessions.columns, None),
        &rows,
    );
    categories_figure(page, "Figur 4: udskrivningsårsag", endings);
}

fn use_and_wellbeing(page: &mut Page, report: &Report) {
    page.heading(2, "4. Udviklingen i forbrug og trivsel");
    let d = &report.drug_use;
    mean_figure(
        page,
        report,
        "Figur 5: dage med hash de sidste 30 dage",
        &d.hash_days,
        days_axis(),
    );
    mean_figure(
        page,
        report,
        "Figur 6: dage med andre stoffer de sidste 30 dage",
        &d.other_drug_days,
        days_axis(),
    );
    share_figure(
        page,
        report,
        "Figur 7: andelen af deltagere med stoffrihed",
        &d.drug_free,
    );
    let w = &report.wellbeing;
    for paired in &w.paired {
        let rows: Vec<Vec<String>> = paired
            .rows
            .iter()
            .map(|r| {
                let m = |v: Option<f64>| v.map_or_else(|| "–".into(), |v| decimal(v, 2));
                vec![
                    format!("{} <span class=\"n\">(N={})</span>", escape(&r.label), r.n),
                    m(r.before),
                    m(r.after),
                    r.p_value.map_or_else(|| "–".into(), p_value),
                ]
            })
            .collect();
        page.table(
            &format!(
                "Tabel {}: udvikling i trivsel fra {} til {} (rå-data, personer med begge svar)",
                paired.number,
                paired.from.title.da.to_lowercase(),
                paired.to.title.da.to_lowercase()
            ),
            &[
                String::new(),
                paired.from.title.get(Lang::Da).to_owned(),
                paired.to.title.get(Lang::Da).to_owned(),
                "p-værdi".into(),
            ],
            &rows,
        );
    }
    for (number, locf) in [(8, false), (9, true)] {
        let id = page.chart_id();
        let cats = titles(report);
        let series: Vec<Series> = w
            .over_time
            .iter()
            .map(|s| Series {
                name: s.label.clone(),
                values: (if locf { &s.locf } else { &s.raw })
                    .iter()
                    .map(|v| v.mean)
                    .collect(),
            })
            .collect();
        let name = format!(
            "Figur {number}: de tre typer af trivsel og den generelle trivsel over tid ({})",
            if locf { "LOCF" } else { "rå-data" }
        );
        let chart = svg::lines(
            &id,
            &name,
            "Gennemsnit på skalaen 0–10 ved hvert måletidspunkt.",
            &cats,
            &series,
            &Axis {
                max: 10.0,
                format: |v| decimal(v, 1),
            },
        );
        let mut head = vec!["Måletidspunkt".to_owned()];
        head.extend(w.over_time.iter().map(|s| s.label.clone()));
        let rows: Vec<Vec<String>> = cats
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut row = vec![escape(c)];
                row.extend(
                    w.over_time
                        .iter()
                        .map(|s| cell_stat(if locf { &s.locf[i] } else { &s.raw[i] }, 2)),
                );
                row
            })
            .collect();
        page.figure(chart, &name, &head, &rows);
    }
    let inc = &report.income;
    let rows: Vec<Vec<String>> = inc
        .rows
        .iter()
        .map(|r| {
            vec![
                escape(&r.label),
                percent(r.before.share),
                percent(r.after.share),
            ]
        })
        .chain(std::iter::once(vec![
            "N, i alt".into(),
            inc.n.to_string(),
            inc.n.to_string(),
        ]))
        .collect();
    page.table(
        &format!(
            "Tabel 10: indkomst (rå-data) — deltagere, som har besvaret indskrivning og {} (n={})",
            inc.to.title.da.to_lowercase(),
            inc.n
        ),
        &[
            String::new(),
            "Indskrivning".into(),
            inc.to.title.get(Lang::Da).to_owned(),
        ],
        &rows,
    );
}

fn intensity(page: &mut Page, report: &Report) {
    page.heading(2, "5. Betydning af behandlingens intensitet");
    if report.outcomes.is_empty() {
        page.para(
            "Kræver registerfilen (indskrivningstid og gruppesessioner).",
            "missing",
        );
        return;
    }
    page.para(
        &format!(
            "Reduktion er mindst en halvering af antallet af dage med hash fra indskrivning til {}; stoffri er 0 dage med hash og andre illegale stoffer. OR er odds ratio mod referencegruppen (ref) fra en logistisk regression kontrolleret for alder og køn; p-værdien er Wald-testens.",
            report.outcome_timepoint.title.da.to_lowercase()
        ),
        "",
    );
    for t in &report.outcomes {
        outcome_table(page, t);
    }
}

/// The forms without a score: per point a table of each statement's shares per step.
fn unscored(page: &mut Page, report: &Report) {
    for form in &report.unscored {
        page.push("<section>");
        page.heading(2, &format!("{} (ingen score)", form.title.da));
        page.para(
            "Skemaet giver ingen score. Tabellerne viser, hvor stor en andel af dem, der svarede på udsagnet, der valgte hvert svar; «Vil ikke svare» og ubesvarede tælles for sig. Borgernes egne ord står ikke i rapporten; de læses i læseren.",
            "note",
        );
        for at in &form.timepoints {
            let Some(first) = at.statements.first() else {
                continue;
            };
            let mut head = vec!["Udsagn".to_owned()];
            head.extend(first.steps.iter().map(|s| s.label.da.to_string()));
            head.push("Vil ikke svare / ubesvaret".into());
            let rows: Vec<Vec<String>> = at
                .statements
                .iter()
                .map(|statement| {
                    let mut row = vec![escape(&statement.text.da)];
                    row.extend(statement.steps.iter().map(|step| {
                        cell_share(&Share {
                            count: step.count,
                            n: statement.answered,
                            share: step.share,
                        })
                    }));
                    row.push(statement.declined.to_string());
                    row
                })
                .collect();
            page.table(
                &format!(
                    "{} ved {} ({} svar; {} svar med egne ord)",
                    form.title.da, at.timepoint.title.da, at.responses, at.own_words
                ),
                &head,
                &rows,
            );
        }
        page.push("</section>");
    }
}

fn by_ending(page: &mut Page, report: &Report) {
    page.heading(2, "6. Udskrivningsårsag og ASI stof- og psykisk belastning");
    let Some(a) = &report.asi_by_ending else {
        page.para("Kræver registerfilen (udskrivningsårsag).", "missing");
        return;
    };
    let cats: Vec<String> = a
        .timepoints
        .iter()
        .map(|t| t.title.get(Lang::Da).to_owned())
        .collect();
    for f in &a.figures {
        let id = page.chart_id();
        let series: Vec<Series> = a
            .groups
            .iter()
            .zip(&f.means)
            .map(|(g, m)| Series {
                name: format!("{} (n={})", g.label, g.n),
                values: m.iter().map(|s| s.mean).collect(),
            })
            .collect();
        let axis = axis_for(
            series
                .iter()
                .flat_map(|s| s.values.iter().flatten().copied()),
            2,
        );
        let name = format!("Figur {}: {}", f.number, f.label.to_lowercase());
        let chart = svg::lines(
            &id,
            &name,
            "Gennemsnitlig score (0–1) pr. gruppe ved hvert måletidspunkt, LOCF.",
            &cats,
            &series,
            &axis,
        );
        let mut head = vec!["Måletidspunkt".to_owned()];
        head.extend(a.groups.iter().map(|g| g.label.clone()));
        let rows: Vec<Vec<String>> = cats
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut row = vec![escape(c)];
                row.extend(f.means.iter().map(|m| cell_stat(&m[i], 3)));
                row
            })
            .collect();
        page.figure(chart, &name, &head, &rows);
    }
    page.para("Frafald: udeblevet eller udskrevet af anden årsag (har ikke gennemført primærbehandlingen). Gennemført: færdigbehandlet uden efterbehandling. Efterbehandling: færdigbehandlet og startet i efterbehandling.", "n");
}

fn method(page: &mut Page, report: &Report) {
    page.heading(2, "Metode");
    let outcome = report.outcome_timepoint.title.da.to_lowercase();
    for text in [
        "Rå-data: de svar, der er givet ved hvert måletidspunkt (det seneste, hvis en person har svaret flere gange); antallet varierer fra tidspunkt til tidspunkt.".to_owned(),
        "LOCF (last observation carried forward): alle med et svar ved indskrivning; mangler et svar eller en værdi, føres personens seneste tidligere værdi videre.".to_owned(),
        format!("Odds ratio og p-værdi: logistisk regression (maksimum likelihood, Newton–Raphson) af udfaldet ved {outcome} på gruppen (referencegruppen er den første), alder i hele år ved indskrivning og køn; p-værdien er Wald-testens (to-sidet). Grupper med færre end {} personer i modellen eller hvor alle har samme udfald får intet tal.", crate::report::MIN_GROUP),
        "Tabel 8–9: parret t-test af forskellen for personer med svar ved begge tidspunkter.".to_owned(),
        "Dage med andre stoffer: fra Trivsel & forbrug svaret om andre stoffer end hash; fra ASI kort det største antal dage for ét illegalt stof ud over hash.".to_owned(),
    ] {
        page.para(&text, "");
    }
    let reasons: Vec<&str> = [
        NoEstimate::TooFew,
        NoEstimate::NoVariation,
        NoEstimate::Separation,
        NoEstimate::NotConverged,
    ]
    .iter()
    .map(|r| r.label())
    .collect();
    page.para(
        &format!(
            "Når der ikke kan beregnes en odds ratio, står grunden i stedet: {}.",
            reasons.join("; ")
        ),
        "n",
    );
}
