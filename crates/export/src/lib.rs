//! Opened responses as a table: one row per response; the columns are the metadata, every
//! item id of the current instrument (in form order; it holds every item of the older
//! versions) and the scores. The same code writes `asi export` and the clinic's reader in
//! the browser, so both give the same bytes.
//!
//! Each response is read with the instrument version it names — its answers are checked
//! against that version's form when it is opened — and rescored with the scoring version it
//! names; `scores_match` says whether the scores inside the envelope equal the rescore (to
//! 1e-9).

mod keyring;
pub mod messages;

use asi_envelope::{EnvelopeError, EnvelopeId, KeyId, Metadata};
use asi_instrument::scoring::{self, Domain, Scores};
use asi_instrument::{
    Answer, Answers, Instrument, Lang, MetadataError, Mode, Payload, ValidationError, instrument,
};
use serde::Serialize;

pub use keyring::{KeyRing, KeyRingError};

/// One opened response.
#[derive(Debug, Clone)]
pub struct Response {
    /// The clear metadata.
    pub metadata: Metadata,
    /// The opened payload.
    pub payload: Payload,
}

/// Why one envelope did not become a response.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum OpenError {
    /// Not an envelope, or it cannot be opened with the key its `key_id` names (changed).
    Envelope(#[from] EnvelopeError),
    /// Sealed to a key none of the clinic's key files holds (an older key, or another
    /// clinic's).
    UnknownKey {
        /// The key id the envelope is sealed to.
        key_id: KeyId,
        /// The key ids the key files hold.
        held: Vec<KeyId>,
    },
    /// It opened, but its metadata names a form, timepoint or day the product does not take.
    Metadata(#[from] MetadataError),
    /// It opened, but its plaintext is not a payload.
    Payload {
        /// The envelope id.
        id: EnvelopeId,
        /// What is wrong with it.
        detail: String,
    },
    /// It opened, but names an instrument version this build does not know (a newer one).
    Instrument {
        /// The envelope id.
        id: EnvelopeId,
        /// The instrument version it names.
        version: String,
    },
    /// It opened, but its metadata names a form or timepoint that the instrument version the
    /// response names does not have (the involvement form in a response of `asi-kort-dk-v1`).
    Version {
        /// The envelope id.
        id: EnvelopeId,
        /// The instrument version it names.
        version: String,
        /// What that version does not take.
        source: MetadataError,
    },
    /// It opened, but its answers do not fit its form in the instrument version it names.
    Answers {
        /// The envelope id.
        id: EnvelopeId,
        /// The form of its metadata.
        form: String,
        /// The instrument version it names.
        version: String,
        /// Every problem, in item order.
        problems: Vec<ValidationError>,
    },
}

impl OpenError {
    /// What went wrong, for a person, in `lang` (`Display` is the English one).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            OpenError::Envelope(e) => messages::envelope(e, lang),
            OpenError::UnknownKey { key_id, held } => {
                let held: Vec<&str> = held.iter().map(KeyId::as_str).collect();
                messages::open::UNKNOWN_KEY
                    .fill(lang, &[("key_id", key_id), ("held", &held.join(", "))])
            }
            OpenError::Metadata(e) => e.message(lang),
            OpenError::Payload { id, detail } => {
                messages::open::NOT_A_RESPONSE.fill(lang, &[("id", id), ("detail", detail)])
            }
            OpenError::Instrument { id, version } => {
                let known: Vec<&str> = asi_instrument::shipped()
                    .iter()
                    .map(|i| i.version.as_str())
                    .collect();
                messages::open::UNKNOWN_INSTRUMENT.fill(
                    lang,
                    &[
                        ("id", id),
                        ("version", version),
                        ("known", &known.join(", ")),
                    ],
                )
            }
            OpenError::Version {
                id,
                version,
                source,
            } => messages::open::NOT_IN_VERSION.fill(
                lang,
                &[
                    ("id", id),
                    ("version", version),
                    ("reason", &source.message(lang)),
                ],
            ),
            OpenError::Answers {
                id,
                form,
                version,
                problems,
            } => {
                let problems: Vec<String> = problems
                    .iter()
                    .map(|p| match &p.item {
                        Some(item) => format!("{item}: {}", p.message(lang)),
                        None => p.message(lang),
                    })
                    .collect();
                messages::open::ANSWERS_DO_NOT_FIT.fill(
                    lang,
                    &[
                        ("id", id),
                        ("form", form),
                        ("version", version),
                        ("problems", &problems.join("; ")),
                    ],
                )
            }
        }
    }
}

/// Opens one envelope (its JSON text) into a response, with the clinic's key its `key_id`
/// names, and reads it with the instrument version it names (an older version's response
/// with that version): the metadata's form and timepoint must be that version's
/// ([`Instrument::check_metadata`]) and the answers must fit the form there.
pub fn open_envelope(keys: &KeyRing, json: &str) -> Result<Response, OpenError> {
    let opened = keys.open(json)?;
    let id = opened.metadata.id;
    let payload = Payload::from_bytes(&opened.plaintext).map_err(|e| OpenError::Payload {
        id,
        detail: e.to_string(),
    })?;
    let version = payload.instrument_version.clone();
    let Some(shipped) = asi_instrument::by_version(&version) else {
        return Err(OpenError::Instrument { id, version });
    };
    let m = &opened.metadata;
    if let Err(source) = shipped.check_metadata(&m.form, &m.timepoint, &m.day) {
        return Err(OpenError::Version {
            id,
            version,
            source,
        });
    }
    let form = shipped
        .form(&m.form)
        .expect("check_metadata found the form in this version");
    let identified = payload.mode == Mode::Identified;
    if let Err(problems) =
        Answers::validate_for_form(shipped, &payload.answers.to_json(), form, identified)
    {
        return Err(OpenError::Answers {
            id,
            form: m.form.clone(),
            version,
            problems,
        });
    }
    Ok(Response {
        metadata: opened.metadata,
        payload,
    })
}

/// The metadata and payload columns before the items.
pub const LEAD_COLUMNS: [&str; 11] = [
    "id",
    "clinic",
    "form",
    "timepoint",
    "day",
    "token",
    "mode",
    "completed_at",
    "locale",
    "instrument_version",
    "scoring_version",
];

/// The score columns after the items.
pub const SCORE_COLUMNS: [&str; 11] = [
    "economy",
    "medical",
    "psychiatric",
    "alcohol",
    "legal",
    "drug",
    "asi6",
    "wellbeing",
    "drug_free",
    "provisional_domains",
    "scores_match",
];

/// Every column, in order.
pub fn columns() -> Vec<&'static str> {
    LEAD_COLUMNS
        .into_iter()
        .chain(instrument().item_ids())
        .chain(SCORE_COLUMNS)
        .collect()
}

fn number(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9,
        (None, None) => true,
        _ => false,
    }
}

/// Whether two score sets agree.
pub fn scores_match(inside: &Scores, rescored: &Scores) -> bool {
    Domain::ALL
        .iter()
        .all(|&d| close(inside.domain(d), rescored.domain(d)))
        && close(inside.asi6, rescored.asi6)
        && close(inside.wellbeing, rescored.wellbeing)
        && inside.drug_free == rescored.drug_free
        && inside.scoring_version == rescored.scoring_version
}

impl Response {
    /// The scores recomputed from the answers with the version the response names (or the
    /// current one if this build does not ship it).
    pub fn rescored(&self) -> Scores {
        self.spec().score(&self.payload.answers)
    }

    /// The scoring specification the response names, or the current one if this build does
    /// not ship it.
    fn spec(&self) -> &'static scoring::ScoringSpec {
        scoring::by_version(&self.payload.scoring_version).unwrap_or_else(scoring::current)
    }

    /// The instrument version the response was given with (opening checked that this build
    /// knows it; the current one for a response made otherwise).
    pub fn instrument(&self) -> &'static Instrument {
        asi_instrument::by_version(&self.payload.instrument_version).unwrap_or_else(instrument)
    }

    /// Whether the response's form has scores: whether any formula of its scoring version
    /// reads an item of the form. The involvement form has none; its rows' score cells are
    /// empty because there is nothing to score, not because answers are missing.
    pub fn has_scores(&self) -> bool {
        let instrument = self.instrument();
        instrument
            .form(&self.metadata.form)
            .is_none_or(|form| self.spec().reads_form(instrument, form))
    }

    /// The domains whose formula is provisional (our adaptation) in the response's scoring
    /// version (see [`Response::rescored`]), in print order.
    pub fn provisional_domains(&self) -> Vec<Domain> {
        let spec = self.spec();
        Domain::ALL
            .into_iter()
            .filter(|&d| spec.domain(d).provisional)
            .collect()
    }

    /// The row's cells, in [`columns`] order.
    pub fn cells(&self) -> Vec<String> {
        let m = &self.metadata;
        let p = &self.payload;
        let mode = serde_json::to_value(p.mode)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let mut cells = vec![
            m.id.to_string(),
            m.clinic.clone(),
            m.form.clone(),
            m.timepoint.clone(),
            m.day.clone(),
            m.token.clone().unwrap_or_default(),
            mode,
            p.completed_at.clone(),
            p.locale.clone(),
            p.instrument_version.clone(),
            p.scoring_version.clone(),
        ];
        cells.extend(instrument().item_ids().map(|id| match p.answers.get(id) {
            None => String::new(),
            Some(Answer::Bool(b)) => b.to_string(),
            Some(Answer::Int(n)) => n.to_string(),
            Some(Answer::Text(s)) => s.clone(),
        }));
        let s = &p.scores;
        let provisional: Vec<&str> = self
            .provisional_domains()
            .into_iter()
            .map(Domain::id)
            .collect();
        cells.extend(Domain::ALL.iter().map(|&d| number(s.domain(d))));
        cells.push(number(s.asi6));
        cells.push(number(s.wellbeing));
        cells.push(s.drug_free.map(|b| b.to_string()).unwrap_or_default());
        cells.push(provisional.join(" "));
        cells.push(scores_match(s, &self.rescored()).to_string());
        cells
    }
}

/// A cell as CSV may carry it to a spreadsheet: a cell that begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return — which a spreadsheet would run as a formula (CSV injection,
/// e.g. a free-text answer `=HYPERLINK(…)`) — gets a leading `'`, so it is shown as the
/// text it is. No number of the export is negative, so only text is changed.
pub fn inert(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// CSV with a header row (RFC 4180, `\n` line ends, quoted only where needed), every cell
/// made [`inert`]. JSON lines ([`to_jsonl`]) carry every value exactly.
pub fn to_csv(responses: &[Response]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(columns()).expect("writing to memory");
    for r in responses {
        writer
            .write_record(r.cells().into_iter().map(inert))
            .expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("cells are UTF-8")
}

#[derive(Serialize)]
struct JsonLine<'a> {
    metadata: &'a Metadata,
    #[serde(flatten)]
    payload: &'a Payload,
    rescored: Scores,
    scores_match: bool,
}

/// JSON lines: one object per response with the metadata, the payload's members, the
/// rescored scores and `scores_match`.
pub fn to_jsonl(responses: &[Response]) -> String {
    responses
        .iter()
        .map(|r| {
            let rescored = r.rescored();
            let line = JsonLine {
                metadata: &r.metadata,
                payload: &r.payload,
                scores_match: scores_match(&r.payload.scores, &rescored),
                rescored,
            };
            serde_json::to_string(&line).expect("a response always serialises") + "\n"
        })
        .collect()
}
