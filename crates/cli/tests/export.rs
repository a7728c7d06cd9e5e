//! `asi export`: one row per response, every item id as a column, rescored scores checked,
//! from a file of envelopes or from an inbox (a small stand-in server here).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use asi_envelope::{Metadata, keys, seal};
use asi_instrument::{Answers, Lang, Mode, Payload, instrument, scoring};
use serde_json::{Value, json};

mod common;
use common::asi;

/// `asi export --key KEY ARGS…` with `input` on standard input.
fn export(key: &std::path::Path, args: &[&str], input: &str) -> (i32, String, String) {
    let key = key.to_str().unwrap();
    let all: Vec<&str> = ["export", "--key", key]
        .iter()
        .chain(args)
        .copied()
        .collect();
    asi(&all, input)
}

const VECTORS: &str = include_str!("../../instrument/tests/data/scoring-vectors.json");

struct Setup {
    dir: std::path::PathBuf,
    envelopes: Vec<String>,
    vectors: serde_json::Map<String, Value>,
}

impl Drop for Setup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn setup(name: &str) -> Setup {
    let dir = std::env::temp_dir().join(format!("asi-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("clinic.key");
    let (_, out, _) = asi(&["keygen", "--out", key.to_str().unwrap()], "");
    let public: Value = serde_json::from_str(&out).unwrap();
    let vectors: serde_json::Map<String, Value> = serde_json::from_str(VECTORS).unwrap();
    let input: String = vectors
        .values()
        .map(|v| format!("{}\n", v["answers"]))
        .collect();
    let pk = format!("--public-key={}", public["public_key"].as_str().unwrap());
    let (code, sealed, err) = asi(
        &["seal", &pk, "--timepoint", "intake", "--day", "2026-11-25"],
        &input,
    );
    assert_eq!(code, 0, "{err}");
    Setup {
        dir,
        envelopes: sealed.lines().map(str::to_owned).collect(),
        vectors,
    }
}

#[test]
fn csv_has_a_column_per_item_and_a_row_per_response() {
    let s = setup("csv");
    let key = s.dir.join("clinic.key");
    let (code, csv, err) = export(&key, &[], &(s.envelopes.join("\n") + "\n"));
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let items: Vec<&str> = instrument().item_ids().collect();
    assert_eq!(header.len(), 11 + items.len() + 11);
    assert_eq!(&header[11..11 + items.len()], items.as_slice());
    assert_eq!(header[0], "id");
    assert_eq!(header.last().unwrap(), "scores_match");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), s.vectors.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, vector) in rows.iter().zip(s.vectors.values()) {
        assert_eq!(&row[col("timepoint")], "intake");
        assert_eq!(&row[col("mode")], "anonymous");
        assert_eq!(&row[col("scores_match")], "true");
        assert_eq!(
            &row[col("provisional_domains")],
            "economy alcohol legal drug"
        );
        for (item, value) in vector["answers"].as_object().unwrap() {
            let cell = &row[col(item)];
            match value {
                Value::String(s) => assert_eq!(cell, s),
                other => assert_eq!(cell, other.to_string(), "{item}"),
            }
        }
        for key in ["economy", "asi6", "wellbeing"] {
            match vector["scores"][key].as_f64() {
                Some(want) => assert!(
                    (row[col(key)].parse::<f64>().unwrap() - want).abs() < 1e-6,
                    "{key}"
                ),
                None => assert_eq!(&row[col(key)], ""),
            }
        }
    }
    // JSON lines carry the same responses.
    let (_, jsonl, _) = export(
        &key,
        &["--format", "jsonl"],
        &(s.envelopes.join("\n") + "\n"),
    );
    let first: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["scores_match"], true);
    assert_eq!(first["metadata"]["timepoint"], "intake");
}

#[test]
fn scores_that_differ_from_the_rescore_are_flagged() {
    let s = setup("mismatch");
    let key = s.dir.join("clinic.key");
    let secret =
        asi_envelope::SecretKey::from_key_file(&std::fs::read_to_string(&key).unwrap()).unwrap();
    let public = secret.public_key();
    let answers = Answers::validate(
        instrument(),
        &json!({"wellbeing_personal": 2, "wellbeing_close": 2, "wellbeing_social": 2}),
    )
    .unwrap();
    let mut scores = scoring::current().score(&answers);
    scores.wellbeing = Some(9.0); // not what the answers give
    let payload = Payload {
        answers,
        scoring_version: scores.scoring_version.clone(),
        scores,
        instrument_version: instrument().version.clone(),
        completed_at: "2026-11-25T10:00:00Z".into(),
        mode: Mode::Anonymous,
        locale: "da".into(),
        consent: None,
    };
    let metadata = Metadata::new(&public, "demo", "trivsel", "midway", "2026-11-25", None);
    let envelope = seal(&public, &metadata, &payload.to_bytes())
        .unwrap()
        .to_json();
    let (code, csv, _) = export(&key, &[], &format!("{envelope}\n"));
    assert_eq!(code, 0);
    assert!(csv.lines().nth(1).unwrap().ends_with(",false"), "{csv}");
    let (_, jsonl, _) = export(&key, &["--format", "jsonl"], &format!("{envelope}\n"));
    let line: Value = serde_json::from_str(jsonl.trim()).unwrap();
    assert_eq!(line["scores"]["wellbeing"], 9.0);
    assert_eq!(line["rescored"]["wellbeing"], 2.0);
    assert_eq!(line["scores_match"], false);
    // An envelope for another key is reported and the rest still exported.
    let (_, stranger) = keys::generate();
    let other = seal(
        &stranger,
        &Metadata::new(&stranger, "demo", "trivsel", "midway", "2026-11-25", None),
        b"{}",
    )
    .unwrap()
    .to_json();
    let (code, csv, err) = export(&key, &[], &format!("{other}\n{envelope}\n"));
    assert_eq!(code, 1);
    assert!(
        err.starts_with("konvolut nr. 1 kan ikke åbnes: den er forseglet til nøgle"),
        "{err}"
    );
    assert_eq!(csv.lines().count(), 2);
}

#[test]
fn export_pages_through_the_inbox_with_the_token() {
    let s = setup("inbox");
    let key = s.dir.join("clinic.key");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let envelopes = s.envelopes.clone();
    // A stand-in inbox: two pages, then an empty one; it checks the bearer token.
    let server = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for _ in 0..3 {
            let (mut stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            let mut authorized = false;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line.trim().is_empty() {
                    break;
                }
                authorized |= line.eq_ignore_ascii_case("authorization: Bearer -sesame\r\n");
            }
            seen.push(request_line.clone());
            let after = request_line
                .split("after=")
                .nth(1)
                .and_then(|r| r.split('&').next())
                .unwrap_or("")
                .to_owned();
            let (items, next) = match after.as_str() {
                "" => (&envelopes[..4], "4"),
                "4" => (&envelopes[4..], "7"),
                _ => (&envelopes[..0], "7"),
            };
            let body = format!("{{\"items\":[{}],\"next\":\"{next}\"}}", items.join(","));
            let status = if authorized {
                "200 OK"
            } else {
                "401 Unauthorized"
            };
            write!(stream, "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).unwrap();
        }
        seen
    });
    let url = format!("http://127.0.0.1:{port}");
    let (code, csv, err) = asi(
        &[
            "export",
            "--key",
            key.to_str().unwrap(),
            "--inbox",
            &url,
            "--token",
            "-sesame", // base64url tokens may begin with a hyphen
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(csv.lines().count(), 1 + 7);
    let seen = server.join().unwrap();
    assert!(
        seen[0].starts_with("GET /api/v1/envelopes?after=&limit=1000 "),
        "{seen:?}"
    );
    assert!(
        seen[1].starts_with("GET /api/v1/envelopes?after=4&limit=1000 "),
        "{seen:?}"
    );
}

#[test]
fn the_out_file_is_private_never_overwritten_and_removed_on_failure() {
    let s = setup("out");
    let key = s.dir.join("clinic.key");
    let out = s.dir.join("responses.csv");
    let input = s.envelopes.join("\n") + "\n";
    let args = [
        "export",
        "--key",
        key.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let (code, stdout, err) = asi(&args, &input);
    assert_eq!((code, stdout.as_str()), (0, ""), "{err}");
    let (_, expected, _) = export(&key, &[], &input);
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, expected, "the same rows as on standard output");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let (code, _, err) = asi(&args, &input);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!("asi: kan ikke skrive {}:", out.display())),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);

    // Envelopes that cannot be fetched leave no file behind.
    let fresh = s.dir.join("fresh.csv");
    let (code, _, err) = asi(
        &[
            "export",
            "--key",
            key.to_str().unwrap(),
            "--inbox",
            "http://127.0.0.1:9",
            "--token",
            "t",
            "--out",
            fresh.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.starts_with("asi: kan ikke nå indbakken"), "{err}");
    assert!(!fresh.exists(), "a file was left behind");
}

/// An envelope to `key`'s public key with `answers` as given with `instrument_version`,
/// scored as the app of that version scored it.
fn sealed_as(
    key: &std::path::Path,
    instrument_version: &str,
    form: &str,
    timepoint: &str,
    token: Option<&str>,
    answers: Value,
) -> String {
    let secret =
        asi_envelope::SecretKey::from_key_file(&std::fs::read_to_string(key).unwrap()).unwrap();
    let public = secret.public_key();
    let version = asi_instrument::by_version(instrument_version);
    let spec = scoring::shipped()
        .into_iter()
        .find(|s| s.instrument_version == instrument_version);
    let answers = match version {
        Some(v) => Answers::validate(v, &answers).unwrap(),
        None => serde_json::from_value(answers).unwrap(),
    };
    let mode = if token.is_some() {
        Mode::Link
    } else {
        Mode::Anonymous
    };
    let mut payload = Payload::complete(answers, mode, Lang::Da, "2026-03-02T10:00:00Z".into());
    let spec = spec.unwrap_or_else(scoring::current);
    payload.scores = spec.score(&payload.answers);
    payload.scoring_version = spec.version.clone();
    payload.instrument_version = instrument_version.into();
    let metadata = Metadata::new(&public, "demo", form, timepoint, "2026-03-02", token);
    seal(&public, &metadata, &payload.to_bytes())
        .unwrap()
        .to_json()
}

#[test]
fn responses_of_both_instrument_versions_open_and_score() {
    let s = setup("versions");
    let key = s.dir.join("clinic.key");
    let vector = s.vectors["v3_hcs_like"]["answers"].clone();
    let v1 = sealed_as(
        &key,
        "asi-kort-dk-v1",
        "asi_kort",
        "intake",
        None,
        vector.clone(),
    );
    let v2 = sealed_as(
        &key,
        "asi-kort-dk-v2",
        "asi_kort",
        "intake",
        None,
        vector.clone(),
    );
    // Trivsel & forbrug with the alcohol items, as a clinic that adds them asks it (v2).
    let alcohol = json!({"wellbeing_personal": 6, "wellbeing_close": 7, "wellbeing_social": 8,
                         "hash_days": 4, "other_drug_days": 0, "alc_use_days": 12, "alc_heavy_days": 3});
    let trivsel = sealed_as(
        &key,
        "asi-kort-dk-v2",
        "trivsel",
        "midway",
        None,
        alcohol.clone(),
    );
    let input = format!("{v1}\n{v2}\n{trivsel}\n");
    let (code, csv, err) = export(&key, &[], &input);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let cells = |name: &str| -> Vec<&str> { rows.iter().map(|r| &r[col(name)]).collect() };
    assert_eq!(
        cells("instrument_version"),
        ["asi-kort-dk-v1", "asi-kort-dk-v2", "asi-kort-dk-v2"]
    );
    assert_eq!(
        cells("scoring_version"),
        ["asi6-dk-v1", "asi6-dk-v2", "asi6-dk-v2"]
    );
    assert_eq!(cells("scores_match"), ["true", "true", "true"]);
    // The same answers score the same in both versions.
    let want = s.vectors["v3_hcs_like"]["scores"]["asi6"].as_f64().unwrap();
    for asi6 in &cells("asi6")[..2] {
        assert!((asi6.parse::<f64>().unwrap() - want).abs() < 1e-6, "{asi6}");
    }
    assert_eq!(
        cells("alc_use_days"),
        [
            vector["alc_use_days"].to_string().as_str(),
            &vector["alc_use_days"].to_string(),
            "12"
        ]
    );
    assert_eq!(cells("alc_heavy_days")[2], "3");
    assert_eq!(cells("wellbeing")[2], "7");
    // The v1 row has no answers to the items v2 added.
    assert_eq!(cells("involvement_decisions"), ["", "", ""]);
}

#[test]
fn a_response_that_does_not_fit_its_version_is_reported_and_the_rest_exported() {
    let s = setup("misfit");
    let key = s.dir.join("clinic.key");
    let alcohol = json!({"wellbeing_personal": 6, "alc_use_days": 12});
    // In v1, Trivsel & forbrug had no alcohol items.
    let v1_trivsel = sealed_as(
        &key,
        "asi-kort-dk-v1",
        "trivsel",
        "midway",
        None,
        alcohol.clone(),
    );
    let v1_involvement = sealed_as(
        &key,
        "asi-kort-dk-v1",
        "inddragelse",
        "discharge",
        None,
        json!({}),
    );
    let unknown = sealed_as(
        &key,
        "asi-kort-dk-v9",
        "trivsel",
        "midway",
        None,
        alcohol.clone(),
    );
    let good = sealed_as(&key, "asi-kort-dk-v2", "trivsel", "midway", None, alcohol);
    let input = format!("{v1_trivsel}\n{v1_involvement}\n{unknown}\n{good}\n");
    let (code, csv, err) = export(&key, &[], &input);
    assert_eq!(code, 1);
    assert_eq!(csv.lines().count(), 2, "the header and the one that fits");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].ends_with(
            "svarene passer ikke til skemaet trivsel i skemaversion asi-kort-dk-v1: alc_use_days: Spørgsmålet hører ikke til skemaet «Trivsel & forbrug» (trivsel)."
        ),
        "{err}"
    );
    assert!(
        lines[1].ends_with(
            "givet med skemaversion asi-kort-dk-v1: metadatafeltet «form» er ugyldigt: spørgeskemaet har intet skema «inddragelse»"
        ),
        "{err}"
    );
    assert!(
        lines[2].ends_with(
            "besvarelsen er givet med skemaversion asi-kort-dk-v9, som dette program ikke kender (det kender asi-kort-dk-v1, asi-kort-dk-v2) — brug en nyere udgave"
        ),
        "{err}"
    );
}

#[test]
fn free_text_that_a_spreadsheet_would_run_is_made_inert_in_csv_only() {
    let s = setup("inert");
    let key = s.dir.join("clinic.key");
    let formula = "=HYPERLINK(\"http://example.invalid\",\"Klik\")";
    let envelopes = [
        ("t-1", formula),
        ("t-2", "+45 12 34 56 78"),
        ("t-3", "-ikke noget"),
        ("t-4", "@SUM(A1)"),
        ("t-5", "Helt almindelig tekst"),
    ]
    .map(|(token, text)| {
        sealed_as(
            &key,
            "asi-kort-dk-v2",
            "inddragelse",
            "discharge",
            Some(token),
            json!({"involvement_important": text}),
        )
    });
    let input = envelopes.join("\n") + "\n";
    let (code, csv, err) = export(&key, &[], &input);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = header
        .iter()
        .position(|h| h == "involvement_important")
        .unwrap();
    let texts: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[col].to_owned())
        .collect();
    assert_eq!(
        texts,
        [
            format!("'{formula}"),
            "'+45 12 34 56 78".to_owned(),
            "'-ikke noget".to_owned(),
            "'@SUM(A1)".to_owned(),
            "Helt almindelig tekst".to_owned(),
        ]
    );
    // JSON lines carry the text exactly as written.
    let (_, jsonl, _) = export(&key, &["--format", "jsonl"], &input);
    let first: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["answers"]["involvement_important"], formula);
}
