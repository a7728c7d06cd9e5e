//! `asi keygen`, `asi seal` and `asi open` together: what is sealed opens to the same
//! answers and the scores `asi score` prints; a wrong key or tampering is refused clearly.

use serde_json::Value;

mod common;
use common::asi;

struct Dir(std::path::PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("asi-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }
    fn path(&self, file: &str) -> String {
        self.0.join(file).to_str().unwrap().to_owned()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn keygen(dir: &Dir, name: &str) -> (String, String) {
    let (code, out, err) = asi(&["keygen", "--out", &dir.path(name)], "");
    assert_eq!(code, 0, "{err}");
    let printed: Value = serde_json::from_str(&out).unwrap();
    assert!(out.starts_with(r#"{"public_key":"#), "{out}");
    (
        printed["public_key"].as_str().unwrap().to_owned(),
        printed["key_id"].as_str().unwrap().to_owned(),
    )
}

const RECORDS: &str = include_str!("../../instrument/tests/data/scoring-vectors.json");

#[test]
fn sealed_records_open_to_the_same_answers_and_scores() {
    let dir = Dir::new("roundtrip");
    let (public, key_id) = keygen(&dir, "clinic.key");
    let vectors: serde_json::Map<String, Value> = serde_json::from_str(RECORDS).unwrap();
    let input: String = vectors
        .values()
        .map(|v| format!("{}\n", v["answers"]))
        .collect();

    let (code, envelopes, err) = asi(
        &[
            "seal",
            "--public-key",
            &public,
            "--clinic",
            "demo",
            "--form",
            "asi_kort",
            "--timepoint",
            "intake",
            "--day",
            "2026-11-25",
        ],
        &input,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(envelopes.lines().count(), vectors.len());
    for line in envelopes.lines() {
        let envelope: Value = serde_json::from_str(line).unwrap();
        assert_eq!(envelope["key_id"], key_id.as_str());
        for answer_word in ["alc_use_days", "wellbeing", "scores"] {
            assert!(!line.contains(answer_word), "{answer_word} in the clear");
        }
    }
    let (code, opened, err) = asi(&["open", "--key", &dir.path("clinic.key")], &envelopes);
    assert_eq!(code, 0, "{err}");
    let (_, scored, _) = asi(&["score"], &input);
    for ((opened, scored), vector) in opened.lines().zip(scored.lines()).zip(vectors.values()) {
        let payload: Value = serde_json::from_str(opened).unwrap();
        assert_eq!(payload["answers"], vector["answers"]);
        assert_eq!(
            payload["scores"],
            serde_json::from_str::<Value>(scored).unwrap()
        );
        assert_eq!(payload["mode"], "anonymous");
        assert_eq!(payload["instrument_version"], "asi-kort-dk-v2");
        assert_eq!(payload["scoring_version"], "asi6-dk-v2");
    }
}

#[test]
fn an_involvement_envelope_opens_to_exactly_the_answers_given() {
    let dir = Dir::new("involvement");
    let (public, _) = keygen(&dir, "clinic.key");
    // Every statement answered or declined ("Vil ikke svare": involvement_relatives is
    // absent), and a free text with Danish letters, quotes, a line break, markup and a
    // spreadsheet formula, none of which may be changed or run.
    let free_text =
        "Døren skal lukkes, så mine \"private\" oplysninger er private.\n<b>=1+1</b> & æøå";
    let record = serde_json::json!({
        "involvement_decisions": 4,
        "involvement_concerns": 3,
        "involvement_time": 0,
        "involvement_privacy": 2,
        "involvement_priorities": 1,
        "involvement_important": free_text,
    });
    let (code, envelope, err) = asi(
        &[
            "seal",
            &format!("--public-key={public}"),
            "--form",
            "inddragelse",
            "--timepoint",
            "discharge",
            "--day",
            "2026-11-25",
            "--token",
            "t0k3n-discharge",
        ],
        &format!("{record}\n"),
    );
    assert_eq!(code, 0, "{err}");
    assert!(!envelope.contains("private"), "the free text in the clear");
    let key = dir.path("clinic.key");
    let (code, opened, err) = asi(&["open", "--key", &key], &envelope);
    assert_eq!(code, 0, "{err}");
    let payload: Value = serde_json::from_str(opened.trim_end()).unwrap();
    assert_eq!(payload["answers"], record);
    assert_eq!(payload["answers"]["involvement_important"], free_text);
    assert_eq!(payload["instrument_version"], "asi-kort-dk-v2");
    assert_eq!(payload["mode"], "link");
    // No score: every score is null.
    for score in ["economy", "asi6", "wellbeing", "drug_free"] {
        assert_eq!(payload["scores"][score], Value::Null, "{score}");
    }
    // asi export reads it back as the same answers, the free text exact in JSON lines and
    // inert in CSV (a leading `'` only where a spreadsheet would run it).
    let (code, jsonl, err) = asi(&["export", "--key", &key, "--format", "jsonl"], &envelope);
    assert_eq!(code, 0, "{err}");
    let line: Value = serde_json::from_str(jsonl.trim_end()).unwrap();
    assert_eq!(line["answers"], record);
    assert_eq!(line["metadata"]["form"], "inddragelse");
    assert_eq!(line["metadata"]["timepoint"], "discharge");
    assert_eq!(line["scores_match"], true);
    let (code, csv, err) = asi(&["export", "--key", &key], &envelope);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| row[header.iter().position(|h| h == name).unwrap()].to_owned();
    assert_eq!(cell("involvement_important"), free_text);
    assert_eq!(cell("involvement_decisions"), "4");
    assert_eq!(cell("involvement_relatives"), "");
    assert_eq!(cell("form"), "inddragelse");
    assert_eq!(cell("wellbeing"), "");
    // The token begins with "t": unchanged.
    assert_eq!(cell("token"), "t0k3n-discharge");
}

#[test]
fn the_private_key_file_is_private_and_never_overwritten() {
    let dir = Dir::new("keyfile");
    keygen(&dir, "clinic.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path("clinic.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let before = std::fs::read_to_string(dir.path("clinic.key")).unwrap();
    let (code, _, err) = asi(&["keygen", "--out", &dir.path("clinic.key")], "");
    assert_eq!(code, 2);
    assert!(err.starts_with("asi: kan ikke skrive"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path("clinic.key")).unwrap(),
        before
    );
}

#[test]
fn a_wrong_key_or_a_changed_envelope_is_refused_clearly() {
    let dir = Dir::new("tamper");
    let (public, _) = keygen(&dir, "clinic.key");
    keygen(&dir, "other.key");
    let (_, envelope, _) = asi(
        &[
            "seal",
            "--public-key",
            &public,
            "--form",
            "trivsel",
            "--token",
            "-abc",
        ],
        "{\"hash_days\": 2, \"other_drug_days\": 0}\n",
    );
    let (code, out, err) = asi(&["open", "--key", &dir.path("other.key")], &envelope);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.starts_with("linje 1: konvolutten kan ikke åbnes: den er forseglet til nøgle"),
        "{err}"
    );

    let mut changed: Value = serde_json::from_str(&envelope).unwrap();
    let ct = changed["ct"].as_str().unwrap().to_owned();
    let mut chars: Vec<char> = ct.chars().collect();
    chars[10] = if chars[10] == 'A' { 'B' } else { 'A' };
    let flipped: String = chars.into_iter().collect();
    changed["ct"] = flipped.into();
    let (code, _, err) = asi(
        &["open", "--key", &dir.path("clinic.key")],
        &format!("{changed}\n{envelope}"),
    );
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "only the changed one fails: {err}");
    assert!(
        err.contains("den er blevet ændret, eller den er ikke til denne nøgle"),
        "{err}"
    );

    let (code, _, err) = asi(&["open", "--key", &dir.path("clinic.key")], "not json\n");
    assert_eq!(code, 1);
    assert!(err.contains("ikke en gyldig konvolut"), "{err}");
    let (code, _, err) = asi(&["seal", "--public-key", "short"], "{}\n");
    assert_eq!(code, 2);
    assert!(err.contains("nøglen --public-key kan ikke bruges"), "{err}");
}
