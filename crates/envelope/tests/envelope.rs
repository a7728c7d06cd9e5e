//! Envelope v1: round trip, tamper detection, wrong keys, key ids, key files, and the
//! documented test vectors.

use asi_envelope::envelope::INFO;
use asi_envelope::{
    Consent, Envelope, EnvelopeError, Metadata, Mode, Payload, PublicKey, SecretKey, inspect, keys,
    open, seal, seal_with_ephemeral_ikm,
};
use asi_instrument::{Answers, Lang, instrument};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn metadata_for(public: &PublicKey) -> Metadata {
    Metadata::new(
        public,
        "demo",
        "asi_kort",
        "followup_40w",
        "2026-11-25",
        Some("t0k3n"),
    )
}

fn payload() -> Payload {
    let answers = Answers::validate(instrument(), &json!({"wellbeing_personal": 6, "wellbeing_close": 7, "wellbeing_social": 8, "psych_suicidal_thoughts": false})).unwrap();
    Payload::complete(answers, Mode::Link, Lang::Da, "2026-11-25T14:03:00Z".into())
}

#[test]
fn round_trip_with_a_payload() {
    let (secret, public) = keys::generate();
    let metadata = metadata_for(&public);
    let envelope = seal(&public, &metadata, &payload().to_bytes()).unwrap();
    assert_eq!(envelope.v, 1);
    assert_eq!(envelope.id, metadata.id);
    assert_eq!(envelope.key_id, public.key_id());
    let parsed = Envelope::from_json(&envelope.to_json()).unwrap();
    let opened = open(&secret, &parsed).unwrap();
    assert_eq!(opened.metadata, metadata);
    assert_eq!(Payload::from_bytes(&opened.plaintext).unwrap(), payload());
}

#[test]
fn an_identified_payload_carries_its_consent_and_others_have_none() {
    let plain = payload().to_bytes();
    assert!(!String::from_utf8(plain).unwrap().contains("consent"));
    let consented = payload().with_consent(Consent {
        text: "Jeg giver samtykke.".into(),
        given_at: "2026-11-25T14:02:00Z".into(),
    });
    let back = Payload::from_bytes(&consented.to_bytes()).unwrap();
    assert_eq!(back.consent.unwrap().text, "Jeg giver samtykke.");
}

#[test]
fn the_clear_text_is_only_the_metadata() {
    let (_, public) = keys::generate();
    let metadata = metadata_for(&public);
    let envelope = seal(&public, &metadata, &payload().to_bytes()).unwrap();
    let json = envelope.to_json();
    assert!(json.starts_with(r#"{"v":1,"id":""#), "{json}");
    let positions: Vec<usize> = [
        "\"v\"",
        "\"id\"",
        "\"key_id\"",
        "\"enc\"",
        "\"aad\"",
        "\"ct\"",
    ]
    .iter()
    .map(|k| json.find(k).unwrap())
    .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "members in the documented order: {json}"
    );
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value.as_object().unwrap().len(), 6);
    let aad = String::from_utf8(URL_SAFE_NO_PAD.decode(&envelope.aad).unwrap()).unwrap();
    assert_eq!(aad.as_bytes(), serde_json::to_vec(&metadata).unwrap());
    let expected = format!(
        r#"{{"id":"{}","key_id":"{}","clinic":"demo","form":"asi_kort","timepoint":"followup_40w","day":"2026-11-25","token":"t0k3n"}}"#,
        metadata.id, metadata.key_id
    );
    assert_eq!(aad, expected);
    let enc = URL_SAFE_NO_PAD.decode(&envelope.enc).unwrap();
    assert_eq!(enc.len(), 32);
    for needle in ["wellbeing", "answers", "suicidal"] {
        assert!(
            !envelope.to_json().contains(needle),
            "{needle} in the clear"
        );
    }
}

fn flip(text: &str, index: usize) -> String {
    let mut bytes = URL_SAFE_NO_PAD.decode(text).unwrap();
    bytes[index] ^= 0x01;
    URL_SAFE_NO_PAD.encode(bytes)
}

#[test]
fn flipping_any_byte_of_enc_aad_or_ct_makes_opening_fail() {
    let (secret, public) = keys::generate();
    let envelope = seal(
        &public,
        &metadata_for(&public),
        b"{\"answers\":{\"hash_days\":3}}",
    )
    .unwrap();
    for field in ["enc", "aad", "ct"] {
        let len = URL_SAFE_NO_PAD
            .decode(match field {
                "enc" => &envelope.enc,
                "aad" => &envelope.aad,
                _ => &envelope.ct,
            })
            .unwrap()
            .len();
        for i in 0..len {
            let mut bad = envelope.clone();
            match field {
                "enc" => bad.enc = flip(&envelope.enc, i),
                "aad" => bad.aad = flip(&envelope.aad, i),
                _ => bad.ct = flip(&envelope.ct, i),
            }
            let err =
                open(&secret, &bad).expect_err(&format!("{field}[{i}] flipped must not open"));
            assert!(
                matches!(err, EnvelopeError::Open | EnvelopeError::Mismatch(_)),
                "{field}[{i}]: {err:?}"
            );
        }
    }
}

#[test]
fn the_wrong_key_fails() {
    let (_, public) = keys::generate();
    let (other_secret, _) = keys::generate();
    let envelope = seal(&public, &metadata_for(&public), b"{}").unwrap();
    assert!(matches!(
        open(&other_secret, &envelope),
        Err(EnvelopeError::WrongKey { .. })
    ));
    // Even with the key id forged to match, the other key cannot open it.
    let mut forged = envelope.clone();
    forged.key_id = other_secret.public_key().key_id();
    assert!(open(&other_secret, &forged).is_err());
}

#[test]
fn outer_fields_must_match_the_metadata() {
    let (secret, public) = keys::generate();
    let envelope = seal(&public, &metadata_for(&public), b"{}").unwrap();
    let mut other_id = envelope.clone();
    other_id.id = "3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c".into();
    assert_eq!(open(&secret, &other_id), Err(EnvelopeError::Mismatch("id")));
    let mut v2 = envelope.clone();
    v2.v = 2;
    assert!(matches!(open(&secret, &v2), Err(EnvelopeError::Format(_))));
    assert!(matches!(
        Envelope::from_json(r#"{"v":1}"#),
        Err(EnvelopeError::Format(_))
    ));
    let extra = envelope.to_json().replacen('{', r#"{"ip":"10.0.0.1","#, 1);
    assert!(matches!(
        Envelope::from_json(&extra),
        Err(EnvelopeError::Format(_))
    ));
}

#[test]
fn invalid_metadata_is_refused_when_sealing() {
    let (_, public) = keys::generate();
    let good = metadata_for(&public);
    for (field, edit) in [
        (
            "form",
            Box::new(|m: &mut Metadata| m.form = "asi".into()) as Box<dyn Fn(&mut Metadata)>,
        ),
        (
            "timepoint",
            Box::new(|m: &mut Metadata| m.timepoint = "week_3".into()),
        ),
        (
            "day",
            Box::new(|m: &mut Metadata| m.day = "2026-11-25T10:00".into()),
        ),
        (
            "id",
            Box::new(|m: &mut Metadata| m.id = "not-a-uuid".into()),
        ),
        (
            "token",
            Box::new(|m: &mut Metadata| m.token = Some(String::new())),
        ),
    ] {
        let mut bad = good.clone();
        edit(&mut bad);
        assert_eq!(
            seal(&public, &bad, b"{}"),
            Err(EnvelopeError::Metadata(field))
        );
    }
    let (_, other) = keys::generate();
    assert_eq!(
        seal(&other, &good, b"{}"),
        Err(EnvelopeError::Mismatch("key_id"))
    );
    // An anonymous response has no token, and the day only.
    let anonymous = Metadata::new(
        &public,
        "demo",
        "asi_kort",
        "self_screening",
        "2026-11-25",
        None,
    );
    let envelope = seal(&public, &anonymous, b"{}").unwrap();
    let aad = String::from_utf8(URL_SAFE_NO_PAD.decode(&envelope.aad).unwrap()).unwrap();
    assert!(!aad.contains("token"), "{aad}");
}

#[test]
fn key_id_is_the_first_8_bytes_of_sha256_in_hex() {
    let public = PublicKey::from_bytes(&[7u8; 32]);
    let digest = Sha256::digest([7u8; 32]);
    assert_eq!(public.key_id(), hex::encode(&digest[..8]));
    assert_eq!(public.key_id().len(), 16);
    assert_eq!(public.to_text(), URL_SAFE_NO_PAD.encode([7u8; 32]));
    assert_eq!(PublicKey::from_text(&public.to_text()).unwrap(), public);
}

#[test]
fn key_files() {
    let (secret, public) = keys::generate();
    let file = secret.to_key_file("clinic demo");
    assert!(file.lines().take(3).all(|l| l.starts_with('#')), "{file}");
    let back = SecretKey::from_key_file(&file).unwrap();
    assert_eq!(back.public_key(), public);
    let with_blank_lines = format!("\n# a comment\n\n{}", file.lines().last().unwrap());
    assert_eq!(
        SecretKey::from_key_file(&with_blank_lines)
            .unwrap()
            .public_key(),
        public
    );
    assert_eq!(
        SecretKey::from_key_file("# only a comment\n").unwrap_err(),
        asi_envelope::KeyError::Empty
    );
    assert_eq!(
        SecretKey::from_key_file("not base64!\n").unwrap_err(),
        asi_envelope::KeyError::Encoding
    );
    assert_eq!(
        SecretKey::from_key_file("AAAA\n").unwrap_err(),
        asi_envelope::KeyError::Length(3)
    );
    assert!(!format!("{secret:?}").contains(file.lines().last().unwrap()));
}

/// The vectors of `docs/envelope.md`, one file per case.
#[test]
fn documented_vectors_reproduce() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let sk: [u8; 32] = hex::decode(v["secret_key_hex"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        let secret = SecretKey::from_bytes(&sk).unwrap();
        let public = secret.public_key();
        assert_eq!(public.to_text(), v["public_key"], "{path:?}");
        assert_eq!(public.key_id(), v["key_id"], "{path:?}");
        let ikm: [u8; 32] = hex::decode(v["ikm_e_hex"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        let metadata: Metadata = serde_json::from_value(v["metadata"].clone()).unwrap();
        let plaintext = v["plaintext"].as_str().unwrap().as_bytes();
        let envelope = seal_with_ephemeral_ikm(&public, &metadata, plaintext, &ikm).unwrap();
        let expected: Envelope = serde_json::from_value(v["envelope"].clone()).unwrap();
        assert_eq!(envelope, expected, "{path:?}");
        assert_eq!(
            open(&secret, &expected).unwrap().plaintext,
            plaintext,
            "{path:?}"
        );
        count += 1;
    }
    assert_eq!(count, 2);
    // The docs show the first vector's ciphertext: they and the files agree.
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/envelope.md"),
    )
    .unwrap();
    let first: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("v1-link.json")).unwrap()).unwrap();
    assert!(
        docs.contains(first["envelope"]["ct"].as_str().unwrap()),
        "docs/envelope.md shows the vector's ct"
    );
    assert_eq!(INFO, b"asi-envelope/v1");
}

#[test]
fn metadata_in_any_other_spelling_than_the_canonical_one_is_refused() {
    let (secret, public) = keys::generate();
    let mut metadata = metadata_for(&public);
    metadata.token = Some("t0k3n".into());
    let envelope = seal(&public, &metadata, b"{}").unwrap();
    let canonical = String::from_utf8(URL_SAFE_NO_PAD.decode(&envelope.aad).unwrap()).unwrap();
    assert_eq!(inspect(&envelope), Ok(metadata.clone()));
    let value: Value = serde_json::from_str(&canonical).unwrap();
    let reordered = {
        let m = &metadata;
        format!(
            r#"{{"key_id":"{}","id":"{}","clinic":"{}","form":"{}","timepoint":"{}","day":"{}","token":"t0k3n"}}"#,
            m.key_id, m.id, m.clinic, m.form, m.timepoint, m.day
        )
    };
    let mut anonymous = metadata.clone();
    anonymous.token = None;
    let anonymous_canonical = serde_json::to_string(&anonymous).unwrap();
    let null_token = anonymous_canonical.replacen('}', r#","token":null}"#, 1);
    for (what, aad) in [
        ("spaces", serde_json::to_string_pretty(&value).unwrap()),
        ("members out of order", reordered),
        ("a needless escape", canonical.replace("demo", "d\\u0065mo")),
        ("a token of null", null_token),
    ] {
        let mut changed = envelope.clone();
        changed.aad = URL_SAFE_NO_PAD.encode(aad.as_bytes());
        assert_eq!(
            inspect(&changed),
            Err(EnvelopeError::NotCanonical),
            "{what}: {aad}"
        );
        // Opening says no more than that it cannot be opened.
        assert_eq!(open(&secret, &changed), Err(EnvelopeError::Open), "{what}");
    }
}
