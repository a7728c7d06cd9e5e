//! Disk use of the inbox, measured: the size of realistic sealed responses, and what the
//! database file grows by per stored envelope and per tombstone (an envelope the clinic
//! deleted). Figures for `docs/operations.md` ("Sizing").
//! Run: `cargo run --release -p asi-inbox --example sizing`.

use asi_envelope::{Metadata, keys, seal};
use asi_inbox::db::{Db, Row, Stored};
use asi_instrument::{Answers, Consent, Lang, Mode, Payload, instrument};

/// How many envelopes go into the measured database.
const N: usize = 5_000;

/// A full ASI kort response (the HCS-like vector of the scoring tests) and the wellbeing
/// questions.
fn asi_kort() -> serde_json::Value {
    serde_json::from_str(
        r#"{
        "alc_use_days": 4, "alc_heavy_days": 1, "days_heroin_prescribed": 0,
        "days_heroin_illicit": 0, "days_methadone_prescribed": 0, "days_methadone_illicit": 0,
        "days_buprenorphine_prescribed": 0, "days_buprenorphine_illicit": 0,
        "days_other_opioids": 0, "days_benzodiazepines_prescribed": 0,
        "days_benzodiazepines_illicit": 0, "days_cocaine": 2, "days_amphetamines": 0,
        "days_ecstasy": 0, "days_cannabis": 14, "days_hallucinogens": 0, "days_inhalants": 0,
        "days_other_illicit": 0, "days_polydrug": 2, "days_injection": 0,
        "drug_problem_days": 10, "alc_problem_days": 0, "illegal_activity_days": 0,
        "physical_problem_days": 2, "psych_problem_days": 10, "drug_troubled": 2,
        "drug_treatment_importance": 3, "alc_troubled": 0, "alc_treatment_importance": 0,
        "legal_seriousness": 0, "legal_help_importance": 0, "physical_troubled": 1,
        "physical_treatment_importance": 0, "psych_troubled": 2,
        "psych_treatment_importance": 2, "wage_income": true, "in_education": false,
        "awaiting_charges": false, "psych_depression": true, "psych_anxiety": false,
        "psych_concentration": false, "psych_hallucinations": false, "psych_violence": false,
        "psych_medication": false, "psych_suicidal_thoughts": false,
        "psych_suicide_attempt": false, "drug_money_dkk": 0, "alc_money_dkk": 300,
        "work_days": 15, "main_income": "wage", "wellbeing_personal": 5,
        "wellbeing_close": 6, "wellbeing_social": 6
    }"#,
    )
    .expect("JSON")
}

fn trivsel() -> serde_json::Value {
    serde_json::json!({"wellbeing_personal": 5, "wellbeing_close": 6, "wellbeing_social": 6})
}

/// The kinds of response measured: (name, form, timepoint, mode, record).
fn kinds() -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    Mode,
    serde_json::Value,
)> {
    let mut intake = asi_kort();
    intake["cpr"] = "0101901234".into();
    intake["name"] = "Mette Frederiksen Jensen".into();
    vec![
        (
            "ASI kort, identified intake with consent",
            "asi_kort",
            "intake",
            Mode::Identified,
            intake,
        ),
        (
            "ASI kort, follow-up link",
            "asi_kort",
            "followup_40w",
            Mode::Link,
            asi_kort(),
        ),
        (
            "Trivsel & forbrug, follow-up link",
            "trivsel",
            "midway",
            Mode::Link,
            trivsel(),
        ),
        (
            "ASI kort, anonymous self-test",
            "asi_kort",
            "self_screening",
            Mode::Anonymous,
            asi_kort(),
        ),
    ]
}

fn sealed(
    public: &asi_envelope::PublicKey,
    (form, timepoint, mode, record): (&str, &str, Mode, &serde_json::Value),
) -> String {
    let answers = Answers::validate(instrument(), record).expect("a valid record");
    let mut payload = Payload::complete(answers, mode, Lang::Da, "2026-11-25T14:03:00Z".into());
    if mode == Mode::Identified {
        payload = payload.with_consent(Consent {
            text: "Jeg giver samtykke til, at Demo Rusmiddelcenter må se og bruge mine svar i min behandling. Jeg kan til enhver tid trække samtykket tilbage.".into(),
            given_at: "2026-11-25T14:02:40Z".into(),
        });
    }
    // A link's token: 256 bits, base64url.
    let token = (mode == Mode::Link).then(|| "t".repeat(43));
    let metadata = Metadata::new(
        public,
        "demo",
        form,
        timepoint,
        "2026-11-25",
        token.as_deref(),
    );
    seal(public, &metadata, &payload.to_bytes())
        .unwrap()
        .to_json()
}

/// The database file and its `-wal` file, in bytes.
fn on_disk(path: &std::path::Path) -> (u64, u64) {
    let size = |p: std::path::PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    (size(path.to_owned()), size(wal.into()))
}

fn main() {
    let (_, public) = keys::generate();
    let kinds = kinds();
    println!("Sealed envelopes (JSON bytes as posted and stored):");
    let mut sizes = Vec::new();
    for (name, form, timepoint, mode, record) in &kinds {
        let plaintext = {
            let answers = Answers::validate(instrument(), record).unwrap();
            Payload::complete(answers, *mode, Lang::Da, String::new())
                .to_bytes()
                .len()
        };
        let bytes = sealed(&public, (form, timepoint, *mode, record)).len();
        sizes.push(bytes);
        println!("  {name}: {bytes} bytes (plaintext {plaintext} bytes)");
    }

    let dir = std::env::temp_dir().join(format!("asi-inbox-sizing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sizing.sqlite");
    let db = Db::open(&path).unwrap();
    let empty = on_disk(&path).0;
    let mut body_bytes = 0;
    let mut ids = Vec::new();
    for i in 0..N {
        let (_, form, timepoint, mode, record) = &kinds[i % kinds.len()];
        let json = sealed(&public, (form, timepoint, *mode, record));
        let envelope = asi_envelope::Envelope::from_json(&json).unwrap();
        let metadata = asi_envelope::inspect(&envelope).unwrap();
        let row = Row::of(&metadata, json.as_bytes());
        assert_eq!(db.store(&row).unwrap(), Stored::Created);
        body_bytes += json.len();
        ids.push(metadata.id);
    }
    let (wal_peak_db, wal_peak) = on_disk(&path);
    drop(db);
    // Closing the last connection checkpoints the WAL into the database file.
    let (full, _) = on_disk(&path);
    let per_envelope = (full - empty) as f64 / N as f64;
    println!(
        "{N} envelopes (the four kinds in turn, {:.0} bytes each on average): database {full} bytes, {per_envelope:.0} bytes per envelope on disk; the -wal file reached {wal_peak} bytes (database {wal_peak_db} bytes then)",
        body_bytes as f64 / N as f64
    );

    let started = std::time::Instant::now();
    let backup = asi_inbox::backup::backup(&path, &dir.join("backup.sqlite")).unwrap();
    println!(
        "a backup of it (asi-inbox backup: VACUUM INTO, flush, integrity_check): {} bytes in {:.2} s",
        backup.bytes,
        started.elapsed().as_secs_f64()
    );

    let db = Db::open(&path).unwrap();
    for id in &ids {
        db.delete("demo", id.as_str()).unwrap();
    }
    drop(db);
    let (after_delete, _) = on_disk(&path);
    // A compact copy (the inbox's own backup) holds only what is in use: the tombstones.
    let copy = path.with_extension("compact");
    let compact = asi_inbox::backup::backup(&path, &copy).unwrap().bytes;
    println!(
        "after deleting all {N}: database {after_delete} bytes (free pages are reused by new envelopes); a compact copy {compact} bytes: about {:.0} bytes per tombstone",
        compact.saturating_sub(empty) as f64 / N as f64
    );
    let _ = std::fs::remove_dir_all(&dir);
}
