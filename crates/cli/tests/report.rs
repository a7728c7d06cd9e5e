//! `asi report` on a synthetic cohort made the way a clinic makes one: `asi links` for every
//! person at every measurement point, `asi seal` for each answer, the envelopes posted to a
//! real inbox (in this process, on a clock the test moves), then `asi report --inbox` with
//! the refs files and the register file. Every number of the JSON report is compared with
//! one computed here, from the cohort's files, by the definitions of `docs/report.md`; the
//! odds ratios and p-values with those statsmodels computed (`data/report/expected.json`,
//! made by `data/report/make_cohort.py`).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::Arc;
use std::time::Duration;

use asi_inbox::clock::{Clock, ManualClock};
use asi_inbox::db::Db;
use asi_inbox::{AppState, Config, app};
use asi_instrument::{Answers, instrument, scoring};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

mod common;
use common::asi;

const READER: &str = "reader-token-for-the-report";
const REGISTER: &str = include_str!("data/report/register.csv");
const ANSWERS: &str = include_str!("data/report/answers.csv");
const EXPECTED: &str = include_str!("data/report/expected.json");
const VECTORS: &str = include_str!("../../instrument/tests/data/scoring-vectors.json");
const POINTS: [&str; 4] = ["intake", "midway", "discharge", "followup_40w"];
/// Days each point's links are valid; the inbox's clock then moves [`LATER`] days on, so
/// the unanswered midway and 40-week links have expired and the others are still open.
const EXPIRES: [u32; 4] = [30, 5, 20, 3];
const LATER: u64 = 15;

/// An inbox on a free port of localhost whose clock the test moves.
struct TestInbox {
    url: String,
    dir: std::path::PathBuf,
    clock: Arc<ManualClock>,
    _runtime: tokio::runtime::Runtime,
}

impl TestInbox {
    fn start(name: &str, public_key: &str) -> TestInbox {
        let dir = std::env::temp_dir().join(format!("asi-report-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let toml = format!(
            "listen = \"127.0.0.1:0\"\ndatabase = \"{}\"\n\n[[clinics]]\nid = \"demo\"\nname = \"Demo\"\ncontact = \"\"\npublic_key = \"{public_key}\"\nreader_token_sha256 = \"{}\"\n",
            dir.join("inbox.sqlite").display(),
            hex::encode(Sha256::digest(READER.as_bytes())),
        );
        std::fs::write(dir.join("inbox.toml"), toml).unwrap();
        let config = Config::load(&dir.join("inbox.toml")).unwrap();
        let db = Db::open(&config.database).unwrap();
        let clock = Arc::new(ManualClock::at(asi_inbox::clock::SystemClock.now()));
        let state = Arc::new(AppState::with_clock(config, db, clock.clone()));
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        runtime.spawn(async move { axum::serve(listener, app(state)).await });
        TestInbox {
            url,
            dir,
            clock,
            _runtime: runtime,
        }
    }

    /// POSTs one envelope; the status code.
    fn post(&self, envelope: &str) -> u16 {
        let address = self.url.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        write!(
            stream,
            "POST /api/v1/envelopes HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{envelope}",
            envelope.len()
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer[9..12].parse().unwrap()
    }
}

impl Drop for TestInbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// One response of the cohort.
#[derive(Debug, Clone)]
struct Answer {
    hash: u32,
    other: u32,
    wellbeing: [u32; 3],
    main_income: String,
    /// The ASI scores of an ASI kort (none at midway).
    drug: Option<f64>,
    psychiatric: Option<f64>,
    record: Value,
}

impl Answer {
    fn of(row: &BTreeMap<String, String>) -> Answer {
        let n = |k: &str| row[k].parse::<u32>().unwrap();
        let wellbeing = [
            n("wellbeing_personal"),
            n("wellbeing_close"),
            n("wellbeing_social"),
        ];
        let record = if row["timepoint"] == "midway" {
            json!({
                "wellbeing_personal": wellbeing[0], "wellbeing_close": wellbeing[1],
                "wellbeing_social": wellbeing[2], "hash_days": n("hash"), "other_drug_days": n("other"),
            })
        } else {
            let vectors: Value = serde_json::from_str(VECTORS).unwrap();
            let mut r = vectors["v1_no_burden"]["answers"].clone();
            r["days_cannabis"] = n("hash").into();
            r["days_cocaine"] = n("other").into();
            r["psych_problem_days"] = n("psych_problem_days").into();
            r["drug_problem_days"] = n("drug_problem_days").into();
            r["main_income"] = row["main_income"].clone().into();
            r["wellbeing_personal"] = wellbeing[0].into();
            r["wellbeing_close"] = wellbeing[1].into();
            r["wellbeing_social"] = wellbeing[2].into();
            r
        };
        let scores = scoring::current().score(&Answers::validate(instrument(), &record).unwrap());
        Answer {
            hash: n("hash"),
            other: n("other"),
            wellbeing,
            main_income: row["main_income"].clone(),
            drug: scores.drug,
            psychiatric: scores.psychiatric,
            record,
        }
    }

    fn drug_free(&self) -> bool {
        self.hash == 0 && self.other == 0
    }
}

/// A person of the cohort as the register and the answers file describe them.
#[derive(Debug, Clone)]
struct Person {
    reference: String,
    register: BTreeMap<String, String>,
    answers: [Option<Answer>; 4],
}

fn ymd(text: &str) -> (i64, i64, i64) {
    let (y, m, d) = if text.as_bytes()[4] == b'-' {
        (&text[0..4], &text[5..7], &text[8..10])
    } else {
        (&text[6..10], &text[3..5], &text[0..2])
    };
    (y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap())
}

fn whole_months(from: &str, to: &str) -> i64 {
    let ((y0, m0, d0), (y1, m1, d1)) = (ymd(from), ymd(to));
    (y1 - y0) * 12 + m1 - m0 - i64::from(d1 < d0)
}

impl Person {
    fn answered(&self, point: usize) -> Option<&Answer> {
        self.answers[point].as_ref()
    }

    /// Age at intake: the age column, or whole years from the day of birth, written or in
    /// the CPR number.
    fn age(&self) -> i64 {
        let r = &self.register;
        if !r["age"].is_empty() {
            return r["age"].parse().unwrap();
        }
        let birth = if r["birth_date"].is_empty() {
            let c = &r["cpr"];
            let century = if &c[7..8] == "4" { "20" } else { "19" };
            format!("{century}{}-{}-{}", &c[4..6], &c[2..4], &c[0..2])
        } else {
            r["birth_date"].clone()
        };
        whole_months(&birth, &r["intake_date"]) / 12
    }

    fn female(&self) -> bool {
        let r = &self.register;
        match r["sex"].as_str() {
            "" => (r["cpr"].as_bytes()[10] - b'0').is_multiple_of(2),
            s => s == "kvinde" || s == "k",
        }
    }

    fn length_band(&self) -> Option<usize> {
        let r = &self.register;
        if r["discharge_date"].is_empty() {
            return None;
        }
        Some(
            match whole_months(&r["intake_date"], &r["discharge_date"]) {
                0 | 1 => 0,
                2 | 3 => 1,
                _ => 2,
            },
        )
    }

    fn sessions_band(&self) -> Option<usize> {
        match self.register["sessions"].parse::<u32>().unwrap() {
            0 => None,
            1..=5 => Some(0),
            6..=10 => Some(1),
            _ => Some(2),
        }
    }

    /// `value` at each point, the last earlier value carried into gaps.
    fn locf<T: Copy>(&self, value: impl Fn(&Answer) -> Option<T>) -> Vec<Option<T>> {
        let mut last = None;
        self.answers
            .iter()
            .map(|a| {
                last = a.as_ref().and_then(&value).or(last);
                last
            })
            .collect()
    }
}

fn cohort() -> Vec<Person> {
    let answers = csv_rows(ANSWERS);
    csv_rows(REGISTER)
        .into_iter()
        .map(|register| {
            let reference = register["ref"].clone();
            let answers = POINTS.map(|p| {
                answers
                    .iter()
                    .find(|a| a["ref"] == reference && a["timepoint"] == p)
                    .map(Answer::of)
            });
            Person {
                reference,
                register,
                answers,
            }
        })
        .collect()
}

fn close(a: &Value, b: f64, what: &str) {
    let a = a
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {a} is not a number"));
    assert!((a - b).abs() < 1e-9, "{what}: {a} ≠ {b}");
}

/// A share `{count, n, share}` of the report against the count and n computed here.
fn share(report: &Value, count: usize, n: usize, what: &str) {
    assert_eq!(report["count"], count, "{what}: count");
    assert_eq!(report["n"], n, "{what}: n");
    match n {
        0 => assert!(report["share"].is_null(), "{what}"),
        _ => close(&report["share"], count as f64 / n as f64, what),
    }
}

/// A stat `{n, mean}` against the values.
fn stat(report: &Value, values: &[f64], what: &str) {
    assert_eq!(report["n"], values.len(), "{what}: n");
    match values.len() {
        0 => assert!(report["mean"].is_null(), "{what}"),
        n => close(&report["mean"], values.iter().sum::<f64>() / n as f64, what),
    }
}

fn write_file(path: &std::path::Path, text: &str) -> String {
    std::fs::write(path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn every_number_of_the_report_is_the_cohorts() {
    let people = cohort();
    assert!(people.len() >= 40);
    let dir = std::env::temp_dir().join(format!("asi-report-cohort-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("clinic.key");
    let (code, out, err) = asi(&["keygen", "--out", key.to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    let public: Value = serde_json::from_str(&out).unwrap();
    let public = public["public_key"].as_str().unwrap().to_owned();
    let inbox = TestInbox::start("cohort", &public);
    let token_file = write_file(&dir.join("reader-token"), READER);

    // A link for everyone at every point, as the clinic makes them.
    let refs_in = write_file(
        &dir.join("refs.csv"),
        &people
            .iter()
            .fold("ref\n".to_owned(), |s, p| s + &p.reference + "\n"),
    );
    let mut refs_files = Vec::new();
    let mut tokens: BTreeMap<(String, &str), String> = BTreeMap::new();
    for (point, expires) in POINTS.iter().zip(EXPIRES) {
        let form = if *point == "midway" {
            "trivsel"
        } else {
            "asi_kort"
        };
        let out_file = dir.join(format!("links-{point}.csv"));
        let (code, _, err) = asi(
            &[
                "links",
                "--inbox",
                &inbox.url,
                "--token-file",
                &token_file,
                "--clinic",
                "demo",
                "--form",
                form,
                "--timepoint",
                point,
                "--expires",
                &expires.to_string(),
                "--out",
                out_file.to_str().unwrap(),
                &refs_in,
            ],
            "",
        );
        assert_eq!(code, 0, "{err}");
        for row in csv_rows(&std::fs::read_to_string(&out_file).unwrap()) {
            tokens.insert((row["ref"].clone(), *point), row["token"].clone());
        }
        refs_files.push(out_file.to_str().unwrap().to_owned());
    }
    // Each answer sealed to the clinic's key with the person's link, and posted.
    for p in &people {
        for (i, point) in POINTS.iter().enumerate() {
            let Some(answer) = p.answered(i) else {
                continue;
            };
            let form = if *point == "midway" {
                "trivsel"
            } else {
                "asi_kort"
            };
            let (code, envelope, err) = asi(
                &[
                    "seal",
                    &format!("--public-key={public}"),
                    "--form",
                    form,
                    "--timepoint",
                    point,
                    "--token",
                    &tokens[&(p.reference.clone(), *point)],
                ],
                &format!("{}\n", answer.record),
            );
            assert_eq!(code, 0, "{err}");
            assert_eq!(inbox.post(envelope.trim()), 201, "{}", p.reference);
        }
    }
    inbox.clock.advance(Duration::from_secs(LATER * 86_400));

    let register = write_file(&dir.join("register.csv"), REGISTER);
    let json_out = dir.join("report.json");
    let mut args = vec![
        "report".to_owned(),
        "--key".into(),
        key.to_str().unwrap().into(),
        "--inbox".into(),
        inbox.url.clone(),
        "--token-file".into(),
        token_file.clone(),
        "--register".into(),
        register.clone(),
        "--group-by".into(),
        "afdeling".into(),
    ];
    for f in &refs_files {
        args.extend(["--refs".to_owned(), f.clone()]);
    }
    let run = |format: &str, out: &std::path::Path| {
        let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
        a.extend(["--format", format, "--out", out.to_str().unwrap()]);
        asi(&a, "")
    };
    let (code, _, err) = run("json", &json_out);
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&json_out).unwrap()).unwrap();
    if let Ok(example) = std::env::var("ASI_REPORT_EXAMPLE_DIR") {
        let example = std::path::Path::new(&example);
        let _ = std::fs::remove_file(example.join("report.html"));
        assert_eq!(run("html", &example.join("report.html")).0, 0);
        std::fs::copy(&json_out, example.join("report.json")).unwrap();
    }

    let n = people.len();
    assert_eq!(report["people"], n);
    assert!(report["register_problems"].as_array().unwrap().is_empty());
    let shown: Vec<&str> = report["timepoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(shown, POINTS);
    assert_eq!(report["outcome_timepoint"]["id"], "followup_40w");

    // Table 1 and the links' response rates: the inbox's states, as the clock now has them.
    let today = asi_instrument::date::iso_day(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64,
    );
    let days_on = |days: u32| {
        let now = asi_inbox::clock::SystemClock.now().as_secs() as i64;
        asi_instrument::date::iso_day(now + i64::from(days) * 86_400)
    };
    let mut unanswered = Vec::new();
    for (i, point) in POINTS.iter().enumerate() {
        let answered = people.iter().filter(|p| p.answered(i).is_some()).count();
        share(&report["data_basis"][i]["answered"], answered, n, "Table 1");
        let row = &report["links"]["rows"][i];
        assert_eq!(row["timepoint"]["id"], *point);
        assert_eq!(row["links"], n);
        share(&row["answered"], answered, n, "link response rate");
        let expired = u64::from(EXPIRES[i]) < LATER;
        assert_eq!(
            row["open"],
            if expired { 0 } else { n - answered },
            "{point}"
        );
        assert_eq!(
            row["expired"],
            if expired { n - answered } else { 0 },
            "{point}"
        );
        for p in people.iter().filter(|p| p.answered(i).is_none()) {
            unanswered.push(json!({
                "reference": p.reference,
                "timepoint": {"id": point, "title": instrument().timepoint(point).unwrap().title},
                "form": if *point == "midway" { "trivsel" } else { "asi_kort" },
                "expires": days_on(EXPIRES[i]),
                "state": if expired { "expired" } else { "open" },
                "expires_soon": !expired && days_on(EXPIRES[i]) <= today,
            }));
        }
    }
    assert_eq!(report["links"]["unanswered"], Value::Array(unanswered));

    // Figures 5–7: raw and LOCF over the four points.
    let with_intake: Vec<&Person> = people.iter().filter(|p| p.answered(0).is_some()).collect();
    let series = |value: &dyn Fn(&Answer) -> Option<f64>, at: &Value, what: &str| {
        for i in 0..4 {
            let raw: Vec<f64> = people
                .iter()
                .filter_map(|p| p.answered(i).and_then(value))
                .collect();
            stat(&at["raw"][i], &raw, &format!("{what} raw {i}"));
            let locf: Vec<f64> = with_intake
                .iter()
                .filter_map(|p| p.locf(value)[i])
                .collect();
            stat(&at["locf"][i], &locf, &format!("{what} LOCF {i}"));
        }
    };
    let d = &report["drug_use"];
    series(&|a| Some(f64::from(a.hash)), &d["hash_days"], "hash days");
    series(
        &|a| Some(f64::from(a.other)),
        &d["other_drug_days"],
        "other drug days",
    );
    for i in 0..4 {
        let raw: Vec<bool> = people
            .iter()
            .filter_map(|p| p.answered(i).map(Answer::drug_free))
            .collect();
        share(
            &d["drug_free"]["raw"][i],
            raw.iter().filter(|b| **b).count(),
            raw.len(),
            "drug-free raw",
        );
        let locf: Vec<bool> = with_intake
            .iter()
            .filter_map(|p| p.locf(|a| Some(a.drug_free()))[i])
            .collect();
        share(
            &d["drug_free"]["locf"][i],
            locf.iter().filter(|b| **b).count(),
            locf.len(),
            "drug-free LOCF",
        );
    }

    // Figures 8–9 and Tables 8–9.
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    type Measure = (&'static str, fn(&Answer) -> f64);
    let wellbeing: [Measure; 4] = [
        ("wellbeing_personal", |a| f64::from(a.wellbeing[0])),
        ("wellbeing_close", |a| f64::from(a.wellbeing[1])),
        ("wellbeing_social", |a| f64::from(a.wellbeing[2])),
        ("wellbeing", |a| {
            f64::from(a.wellbeing.iter().sum::<u32>()) / 3.0
        }),
    ];
    for (k, (id, value)) in wellbeing.iter().enumerate() {
        let at = &report["wellbeing"]["over_time"][k];
        assert_eq!(at["id"], *id);
        series(&|a| Some(value(a)), at, id);
        for (t, (number, to)) in [("8", 1), ("9", 3)].iter().enumerate() {
            let row = &report["wellbeing"]["paired"][t]["rows"][k];
            let pairs: Vec<(f64, f64)> = people
                .iter()
                .filter_map(|p| Some((value(p.answered(0)?), value(p.answered(*to)?))))
                .collect();
            assert_eq!(row["n"], pairs.len());
            assert_eq!(row["n"], expected["paired"][number][id]["n"]);
            close(
                &row["before"],
                pairs.iter().map(|p| p.0).sum::<f64>() / pairs.len() as f64,
                id,
            );
            close(
                &row["after"],
                pairs.iter().map(|p| p.1).sum::<f64>() / pairs.len() as f64,
                id,
            );
            let want = expected["paired"][number][id]["p_value"].as_f64().unwrap();
            let got = row["p_value"].as_f64().unwrap();
            assert!(
                (got - want).abs() < 1e-4,
                "Table {number} {id}: p {got} ≠ {want}"
            );
        }
    }

    // Table 10.
    let pairs: Vec<(&str, &str)> = people
        .iter()
        .filter_map(|p| {
            Some((
                p.answered(0)?.main_income.as_str(),
                p.answered(3)?.main_income.as_str(),
            ))
        })
        .collect();
    assert_eq!(report["income"]["n"], pairs.len());
    for row in report["income"]["rows"].as_array().unwrap() {
        let code = row["code"].as_str().unwrap();
        share(
            &row["before"],
            pairs.iter().filter(|p| p.0 == code).count(),
            pairs.len(),
            code,
        );
        share(
            &row["after"],
            pairs.iter().filter(|p| p.1 == code).count(),
            pairs.len(),
            code,
        );
    }

    // Tables 11–18: shares computed here, odds ratios and p-values from statsmodels.
    let reduction = |p: &Person, locf: bool| -> Option<bool> {
        let intake = p.answered(0)?.hash;
        let last = if locf {
            p.locf(|a| Some(a.hash))[3]?
        } else {
            p.answered(3)?.hash
        };
        (intake > 0).then_some(2 * last <= intake)
    };
    let drug_free = |p: &Person, locf: bool| -> Option<bool> {
        if locf {
            p.answered(0)?;
            p.locf(|a| Some(a.drug_free()))[3]
        } else {
            p.answered(3).map(Answer::drug_free)
        }
    };
    let mut number = 11;
    for band in [
        Person::length_band as fn(&Person) -> Option<usize>,
        Person::sessions_band,
    ] {
        for outcome in [
            &reduction as &dyn Fn(&Person, bool) -> Option<bool>,
            &drug_free,
        ] {
            for locf in [false, true] {
                let table = &report["outcomes"][number - 11];
                assert_eq!(table["number"], number);
                let cases: Vec<(usize, bool)> = people
                    .iter()
                    .filter_map(|p| Some((band(p)?, outcome(p, locf)?)))
                    .collect();
                let want = &expected["tables"][number.to_string()];
                assert_eq!(table["n"], cases.len(), "Table {number}");
                assert_eq!(table["n"], want["n"], "Table {number}");
                assert_eq!(table["model_n"], cases.len(), "Table {number}");
                assert_eq!(table["adjusted_for"], json!(["age", "sex"]));
                for g in 0..3 {
                    let mine: Vec<bool> = cases.iter().filter(|c| c.0 == g).map(|c| c.1).collect();
                    let row = &table["rows"][g];
                    share(
                        &row["share"],
                        mine.iter().filter(|b| **b).count(),
                        mine.len(),
                        &format!("Table {number} group {g}"),
                    );
                    let or = &row["odds_ratio"];
                    if g == 0 {
                        assert_eq!(or["kind"], "reference");
                        continue;
                    }
                    assert_eq!(or["kind"], "estimate", "Table {number} group {g}: {or}");
                    for key in ["odds_ratio", "p_value", "coefficient", "std_error"] {
                        let (got, want) = (
                            or[key].as_f64().unwrap(),
                            want["groups"][g - 1][key].as_f64().unwrap(),
                        );
                        assert!(
                            (got - want).abs() < 1e-4,
                            "Table {number} group {g} {key}: {got} ≠ {want}"
                        );
                    }
                }
                number += 1;
            }
        }
    }

    // Figure 1, Table 5, Figure 4, Table 4: per site and in all.
    let sites = ["Nord", "Syd"];
    let columns: Vec<Vec<&Person>> = sites
        .iter()
        .map(|s| {
            people
                .iter()
                .filter(|p| p.register["afdeling"] == *s)
                .collect()
        })
        .chain(std::iter::once(people.iter().collect()))
        .collect();
    assert_eq!(
        report["profile"]["columns"],
        json!(["Nord", "Syd", "I alt"])
    );
    let e = &report["enrolment"];
    let endings = ["completed", "dropped_out", "aftercare", "other", ""];
    for (c, members) in columns.iter().enumerate() {
        let known: Vec<usize> = members.iter().filter_map(|p| p.length_band()).collect();
        let sessions: Vec<usize> = members.iter().filter_map(|p| p.sessions_band()).collect();
        for g in 0..3 {
            share(
                &e["length"]["rows"][g]["shares"][c],
                known.iter().filter(|b| **b == g).count(),
                known.len(),
                "Figure 1",
            );
            share(
                &e["sessions"]["rows"][g]["shares"][c],
                sessions.iter().filter(|b| **b == g).count(),
                sessions.len(),
                "Table 5",
            );
        }
        assert_eq!(e["length_unknown"][c], members.len() - known.len());
        for (k, ending) in endings.iter().enumerate() {
            let count = members
                .iter()
                .filter(|p| p.register["ending"] == *ending)
                .count();
            share(
                &report["endings"]["rows"][k]["shares"][c],
                count,
                members.len(),
                "Figure 4",
            );
        }
        let k = &report["key_numbers"];
        assert_eq!(k["enrolled"][c], members.len());
        share(
            &k["midway"][c],
            members.iter().filter(|p| p.answered(1).is_some()).count(),
            members.len(),
            "Table 4 midway",
        );
        let completed: Vec<&&Person> = members
            .iter()
            .filter(|p| ["completed", "aftercare"].contains(&p.register["ending"].as_str()))
            .collect();
        share(
            &k["aftercare"][c],
            completed
                .iter()
                .filter(|p| p.register["ending"] == "aftercare")
                .count(),
            completed.len(),
            "Table 4 aftercare",
        );

        // Table 2: sex, age, hash at intake; Table 3: ASI drug at intake.
        let profile = &report["profile"]["blocks"];
        let females = members.iter().filter(|p| p.female()).count();
        share(
            &profile[0]["rows"][1]["shares"][c],
            females,
            members.len(),
            "Table 2 sex",
        );
        let ages: Vec<f64> = members.iter().map(|p| p.age() as f64).collect();
        stat(&report["profile"]["mean_age"][c], &ages, "mean age");
        let young = members
            .iter()
            .filter(|p| (18..=24).contains(&p.age()))
            .count();
        share(
            &profile[1]["rows"][1]["shares"][c],
            young,
            members.len(),
            "Table 2 age 18-24",
        );
        let hash: Vec<u32> = members
            .iter()
            .filter_map(|p| p.answered(0).map(|a| a.hash))
            .collect();
        share(
            &profile[2]["rows"][2]["shares"][c],
            hash.iter().filter(|h| **h >= 13).count(),
            hash.len(),
            "Table 2 hash 13-30",
        );
        let drug: Vec<f64> = members.iter().filter_map(|p| p.answered(0)?.drug).collect();
        stat(
            &report["asi_intake"]["rows"][5]["means"][c],
            &drug,
            "Table 3 drug",
        );
    }

    // Figures 10–11: the ASI drug and psychiatric scores by how the course ended, LOCF.
    let a = &report["asi_by_ending"];
    let at: Vec<usize> = vec![0, 2, 3];
    let groups: [&[&str]; 3] = [&["dropped_out", "other"], &["completed"], &["aftercare"]];
    for (g, endings) in groups.iter().enumerate() {
        let members: Vec<&&Person> = with_intake
            .iter()
            .filter(|p| endings.contains(&p.register["ending"].as_str()))
            .collect();
        assert_eq!(a["groups"][g]["n"], members.len());
        for (f, score) in [
            (0, (|x: &Answer| x.drug) as fn(&Answer) -> Option<f64>),
            (1, |x: &Answer| x.psychiatric),
        ] {
            for (k, &i) in at.iter().enumerate() {
                let values: Vec<f64> = members.iter().filter_map(|p| p.locf(score)[i]).collect();
                stat(
                    &a["figures"][f]["means"][g][k],
                    &values,
                    &format!("Figure {} group {g}", 10 + f),
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_register_values_are_named_and_the_report_is_still_made() {
    let dir = std::env::temp_dir().join(format!("asi-report-errors-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("clinic.key");
    let (_, out, _) = asi(&["keygen", "--out", key.to_str().unwrap()], "");
    let public: Value = serde_json::from_str(&out).unwrap();
    let public = public["public_key"].as_str().unwrap();
    // Three people answered at intake through their links; the envelopes are in a file.
    let people = cohort();
    let mut refs = "ref,token,url\n".to_owned();
    let mut envelopes = String::new();
    for (i, p) in people
        .iter()
        .filter(|p| p.answered(0).is_some())
        .take(3)
        .enumerate()
    {
        let token = format!("token-{i}-abcdefghijklmnopqrstuvwxyz0123456789");
        refs += &format!("{},{token},http://x/#token={token}\n", p.reference);
        let (code, envelope, err) = asi(
            &[
                "seal",
                &format!("--public-key={public}"),
                "--timepoint",
                "intake",
                "--token",
                &token,
            ],
            &format!("{}\n", p.answered(0).unwrap().record),
        );
        assert_eq!(code, 0, "{err}");
        envelopes += &envelope;
    }
    let refs = write_file(&dir.join("links.csv"), &refs);
    let envelopes = write_file(&dir.join("envelopes.jsonl"), &envelopes);
    let register = write_file(
        &dir.join("register.csv"),
        "ref,indskrivningsdato,udskrivningsdato,udskrivningsårsag,gruppesessioner,alder,køn\n\
         P-001,2025-09-19,2025-11-28,udeblevet,7,45,mand\n\
         P-002,2025-03-30,2025-02-28,gennemført,mange,31,m\n\
         P-003,31-02-2025,,færdig,3,,x\n",
    );
    let report_with = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "--key",
            key.to_str().unwrap(),
            "--refs",
            &refs,
            "--register",
            &register,
        ];
        args.extend_from_slice(extra);
        args.push(&envelopes);
        asi(&args, "")
    };
    let (code, json_text, err) = report_with(&["--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let messages: Vec<&str> = err.lines().collect();
    assert_eq!(
        messages,
        [
            "registerfilen, linje 3, kolonne «udskrivningsdato»: «2025-02-28» er før indskrivningsdatoen",
            "registerfilen, linje 3, kolonne «gruppesessioner»: «mange» er ikke et antal gruppesessioner; skriv et helt tal fra 0 til 1000",
            "registerfilen, linje 4, kolonne «indskrivningsdato»: «31-02-2025» er ikke en dato; skriv fx 2026-03-01 eller 01-03-2026",
            "registerfilen, linje 4, kolonne «udskrivningsårsag»: «færdig» er ikke en udskrivningsårsag; skriv færdigbehandlet, udeblevet, efterbehandling eller anden årsag",
            "registerfilen, linje 4, kolonne «køn»: «x» er ikke et køn; skriv mand eller kvinde (m eller k)",
        ]
    );
    let report: Value = serde_json::from_str(&json_text).unwrap();
    assert_eq!(report["people"], 3);
    let problems = report["register_problems"].as_array().unwrap();
    assert_eq!(problems.len(), 5);
    assert_eq!(problems[0]["line"], 3);
    assert_eq!(problems[0]["column"], "udskrivningsdato");
    assert_eq!(problems[0]["message"], messages[0]);
    // The good values of the bad rows are used: P-002's ending, P-003's sessions.
    let endings = &report["endings"]["rows"];
    assert_eq!(endings[0]["shares"][0]["count"], 1, "P-002 completed");
    assert_eq!(endings[1]["shares"][0]["count"], 1, "P-001 dropped out");
    assert_eq!(
        endings[4]["shares"][0]["count"], 1,
        "P-003's ending is unknown"
    );
    share(&report["data_basis"][0]["answered"], 3, 3, "intake");
    // The HTML lists the problems too, escaped.
    let (code, html, _) = report_with(&[]);
    assert_eq!(code, 1);
    assert!(html.contains("Fejl i registerfilen"));
    assert!(html.contains("kolonne «køn»: «x» er ikke et køn"));
    let _ = std::fs::remove_dir_all(&dir);
}
