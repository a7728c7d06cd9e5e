//! The `asi` binary: scoring reproduces the vectors, bad input gives a clear error and a
//! non-zero exit, never a panic.

use assert_cmd::Command;
use serde_json::Value;

const VECTORS_JSON: &str = include_str!("../../instrument/tests/data/scoring-vectors.json");

fn asi() -> Command {
    Command::cargo_bin("asi").unwrap()
}

fn vectors() -> Vec<(String, Value, Value)> {
    let all: serde_json::Map<String, Value> = serde_json::from_str(VECTORS_JSON).unwrap();
    all.into_iter()
        .map(|(n, v)| (n, v["answers"].clone(), v["scores"].clone()))
        .collect()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: &str) -> Run {
    let out = asi().args(args).write_stdin(stdin).output().unwrap();
    Run {
        code: out.status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn score_reproduces_every_vector_from_stdin_and_from_a_file() {
    let vectors = vectors();
    let input: String = vectors.iter().map(|(_, a, _)| format!("{a}\n")).collect();
    let dir = std::env::temp_dir().join(format!("asi-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("records.jsonl");
    std::fs::write(&file, &input).unwrap();

    for r in [
        run(&["score"], &input),
        run(&["score", "-"], &input),
        run(&["score", file.to_str().unwrap()], ""),
    ] {
        assert_eq!(r.code, 0, "{}", r.stderr);
        let lines: Vec<&str> = r.stdout.lines().collect();
        assert_eq!(lines.len(), vectors.len());
        for ((name, _, want), line) in vectors.iter().zip(lines) {
            let got: Value = serde_json::from_str(line).unwrap();
            let keys: Vec<&String> = got.as_object().unwrap().keys().collect();
            assert_eq!(keys.len(), 10, "{name}: {line}");
            for key in [
                "economy",
                "medical",
                "psychiatric",
                "alcohol",
                "legal",
                "drug",
                "asi6",
                "wellbeing",
            ] {
                match (got[key].as_f64(), want[key].as_f64()) {
                    (Some(g), Some(w)) => {
                        assert!((g - w).abs() <= 1e-6, "{name}.{key}: {g} vs {w}")
                    }
                    _ => assert!(
                        got[key].is_null() && want[key].is_null(),
                        "{name}.{key}: {} vs {}",
                        got[key],
                        want[key]
                    ),
                }
            }
            assert_eq!(got["drug_free"], want["drug_free"], "{name}");
            assert_eq!(got["scoring_version"], "asi6-dk-v2");
        }
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn key_order_is_the_documented_one() {
    let r = run(
        &["score"],
        r#"{"wellbeing_personal": 4, "wellbeing_close": 5, "wellbeing_social": 6}"#,
    );
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "{\"economy\":null,\"medical\":null,\"psychiatric\":null,\"alcohol\":null,\"legal\":null,\"drug\":null,\"asi6\":null,\"wellbeing\":5.0,\"drug_free\":null,\"scoring_version\":\"asi6-dk-v2\"}\n"
    );
}

#[test]
fn validate_accepts_the_vectors() {
    let input: String = vectors()
        .iter()
        .map(|(_, a, _)| format!("{a}\n\n"))
        .collect();
    let r = run(&["validate"], &input);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "Alle 7 besvarelser er gyldige.\n");
}

#[test]
fn validate_names_line_and_item_of_every_problem() {
    let input = concat!(
        "{\"alc_use_days\": 3}\n",
        "{\"alc_use_days\": 31, \"alc_heavy_days\": \"two\"}\n",
        "{\"alcohol_days\": 2}\n",
        "{\"alc_use_days\": 3,\n",
        "{\"in_education\": false, \"education_type\": \"hf\"}\n",
    );
    let r = run(&["validate"], input);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", r.stdout);
    assert_eq!(
        lines[0],
        "linje 2: alc_use_days: Skriv et tal fra 0 til 30."
    );
    assert_eq!(lines[1], "linje 2: alc_heavy_days: Skriv et helt tal.");
    assert_eq!(
        lines[2],
        "linje 3: alcohol_days: Spørgsmålet findes ikke i skemaet."
    );
    assert!(
        lines[3].starts_with("linje 4: ikke gyldig JSON ("),
        "{}",
        lines[3]
    );
    assert!(
        lines[4].starts_with("linje 5: education_type: "),
        "{}",
        lines[4]
    );
    assert_eq!(r.stderr, "4 af 5 besvarelser er ugyldige.\n");
}

#[test]
fn messages_in_english_on_request() {
    let r = run(&["validate", "--lang", "en"], "{\"work_days\": 21}\n");
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "line 1: work_days: Enter a number from 0 to 20.\n"
    );
    assert_eq!(r.stderr, "1 of 1 records are invalid.\n");
}

#[test]
fn score_refuses_bad_records_without_panicking() {
    for (input, expected) in [
        ("not json\n", "linje 1: ikke gyldig JSON"),
        (
            "{\"drug_dayz\": 1}\n",
            "linje 1: drug_dayz: Spørgsmålet findes ikke i skemaet.",
        ),
        (
            "{\"days_cannabis\": 31}\n",
            "linje 1: days_cannabis: Skriv et tal fra 0 til 30.",
        ),
        (
            "{\"days_cannabis\": \"7\"}\n",
            "linje 1: days_cannabis: Skriv et helt tal.",
        ),
        ("[1,2,3]\n", "linje 1: Svarene skal være et JSON-objekt"),
    ] {
        let r = run(&["score"], input);
        assert_eq!(r.code, 1, "{input}");
        assert!(r.stderr.starts_with(expected), "{input}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        assert_eq!(r.stdout, "", "{input}");
    }
}

#[test]
fn a_valid_record_after_a_bad_one_is_still_scored() {
    let r = run(
        &["score"],
        "{\"days_cannabis\": 31}\n{\"hash_days\": 0, \"other_drug_days\": 0}\n",
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout.lines().count(), 1);
    assert!(r.stdout.contains("\"drug_free\":true"));
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let r = run(&["score", "/nonexistent/records.jsonl"], "");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("asi: kan ikke læse /nonexistent/records.jsonl:"),
        "{}",
        r.stderr
    );
}

#[test]
fn scoring_versions_and_spec_files() {
    let r = run(&["score", "--scoring", "asi6-dk-v0"], "");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("ukendt scoringsversion asi6-dk-v0 (kendte: asi6-dk-v1, asi6-dk-v2)"),
        "{}",
        r.stderr
    );

    let dir = std::env::temp_dir().join(format!("asi-cli-spec-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"version\": 1}").unwrap();
    let r = run(&["score", "--spec", broken.to_str().unwrap()], "");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("kan ikke bruges"), "{}", r.stderr);

    let mut spec: Value = serde_json::from_str(asi_instrument::scoring::ASI6_DK_V1_JSON).unwrap();
    spec["version"] = "clinic-test".into();
    let good = dir.join("good.json");
    std::fs::write(&good, spec.to_string()).unwrap();
    let r = run(
        &["score", "--spec", good.to_str().unwrap()],
        "{\"hash_days\": 3, \"other_drug_days\": 0}\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("\"drug_free\":false,\"scoring_version\":\"clinic-test\""),
        "{}",
        r.stdout
    );
    // That file was written for instrument v1, so records are read as v1 answers: an item
    // v2 added is unknown to it.
    let r = run(
        &["score", "--spec", good.to_str().unwrap()],
        "{\"involvement_time\": 3}\n",
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "linje 1: involvement_time: Spørgsmålet findes ikke i skemaet.\n"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn each_scoring_version_scores_the_instrument_version_it_is_for() {
    let wellbeing =
        "{\"wellbeing_personal\": 4, \"wellbeing_close\": 5, \"wellbeing_social\": 6}\n";
    let r = run(&["score", "--scoring", "asi6-dk-v1"], wellbeing);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.ends_with(
            "\"wellbeing\":5.0,\"drug_free\":null,\"scoring_version\":\"asi6-dk-v1\"}\n"
        ),
        "{}",
        r.stdout
    );
    // An involvement record has no score: every score is null with the current version,
    // and v1, which had no involvement form, does not know its items.
    let involvement = "{\"involvement_decisions\": 4, \"involvement_important\": \"Ro\"}\n";
    let r = run(&["score"], involvement);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "{\"economy\":null,\"medical\":null,\"psychiatric\":null,\"alcohol\":null,\"legal\":null,\"drug\":null,\"asi6\":null,\"wellbeing\":null,\"drug_free\":null,\"scoring_version\":\"asi6-dk-v2\"}\n"
    );
    let r = run(&["score", "--scoring", "asi6-dk-v1"], involvement);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "linje 1: involvement_decisions: Spørgsmålet findes ikke i skemaet.\n\
         linje 1: involvement_important: Spørgsmålet findes ikke i skemaet.\n"
    );
}
