//! Envelope v1 as `docs/envelope.md` specifies it: sealing and opening, tampering, wrong
//! keys, key ids, key files, and the documented vectors — the golden ones, which any
//! implementation reproduces byte for byte, and the failure vectors, which it refuses as
//! they say.

use std::path::{Path, PathBuf};

use asi_envelope::envelope::INFO;
use asi_envelope::{
    Envelope, EnvelopeError, FormatError, KeyError, KeyId, Member, Metadata, PublicKey, SecretKey,
    inspect, keys, open, seal, seal_with_ephemeral_ikm,
};
use serde_json::Value;
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

const PLAINTEXT: &[u8] = br#"{"answers":{"wellbeing_personal":6,"psych_suicidal_thoughts":false}}"#;

#[test]
fn a_sealed_envelope_is_read_back_and_opens_to_its_metadata_and_plaintext() {
    let (secret, public) = keys::generate();
    let metadata = metadata_for(&public);
    let envelope = seal(&public, &metadata, PLAINTEXT).unwrap();
    assert_eq!(envelope.id, metadata.id);
    assert_eq!(envelope.key_id, public.key_id());
    let read = Envelope::from_json(&envelope.to_json()).unwrap();
    assert_eq!(read, envelope);
    assert_eq!(inspect(&read), Ok(metadata.clone()));
    let opened = open(&secret, &read).unwrap();
    assert_eq!(opened.metadata, metadata);
    assert_eq!(opened.plaintext, PLAINTEXT);
}

#[test]
fn the_clear_text_is_only_the_metadata() {
    let (_, public) = keys::generate();
    let metadata = metadata_for(&public);
    let envelope = seal(&public, &metadata, PLAINTEXT).unwrap();
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
    let aad = String::from_utf8(envelope.aad.clone()).unwrap();
    let expected = format!(
        r#"{{"id":"{}","key_id":"{}","clinic":"demo","form":"asi_kort","timepoint":"followup_40w","day":"2026-11-25","token":"t0k3n"}}"#,
        metadata.id, metadata.key_id
    );
    assert_eq!(aad, expected);
    assert_eq!(metadata.to_aad(), aad.as_bytes());
    for needle in ["wellbeing", "answers", "suicidal"] {
        assert!(!json.contains(needle), "{needle} in the clear");
    }
}

#[test]
fn flipping_any_bit_of_enc_aad_or_ct_makes_opening_fail() {
    let (secret, public) = keys::generate();
    let envelope = seal(&public, &metadata_for(&public), PLAINTEXT).unwrap();
    let changed = |edit: &dyn Fn(&mut Envelope)| {
        let mut bad = envelope.clone();
        edit(&mut bad);
        open(&secret, &bad)
    };
    for i in 0..envelope.enc.len() {
        let err = changed(&|e| e.enc[i] ^= 0x01).expect_err("enc");
        assert_eq!(err, EnvelopeError::Open, "enc[{i}]");
    }
    for i in 0..envelope.ct.len() {
        let err = changed(&|e| e.ct[i] ^= 0x01).expect_err("ct");
        assert_eq!(err, EnvelopeError::Open, "ct[{i}]");
    }
    for i in 0..envelope.aad.len() {
        let err = changed(&|e| e.aad[i] ^= 0x01).expect_err("aad");
        // A flip inside the id or key_id can spell another valid id: the outer one then
        // differs. Any other flip says only that the envelope cannot be opened.
        assert!(
            matches!(err, EnvelopeError::Open | EnvelopeError::Mismatch(_)),
            "aad[{i}]: {err:?}"
        );
    }
}

#[test]
fn the_wrong_key_fails() {
    let (_, public) = keys::generate();
    let (other_secret, other_public) = keys::generate();
    let envelope = seal(&public, &metadata_for(&public), b"{}").unwrap();
    assert_eq!(
        open(&other_secret, &envelope),
        Err(EnvelopeError::WrongKey {
            expected: other_public.key_id(),
            found: public.key_id()
        })
    );
    // With the key id forged to match, outside and in the metadata, it still does not open.
    let mut forged = envelope.clone();
    let mut metadata = inspect(&envelope).unwrap();
    metadata.key_id = other_public.key_id();
    forged.key_id = metadata.key_id;
    forged.aad = metadata.to_aad();
    assert_eq!(open(&other_secret, &forged), Err(EnvelopeError::Open));
}

#[test]
fn outer_fields_must_match_the_metadata() {
    let (secret, public) = keys::generate();
    let envelope = seal(&public, &metadata_for(&public), b"{}").unwrap();
    let mut other_id = envelope.clone();
    other_id.id = "3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c".parse().unwrap();
    assert_eq!(
        open(&secret, &other_id),
        Err(EnvelopeError::Mismatch(Member::Id))
    );
    assert_eq!(inspect(&other_id), Err(EnvelopeError::Mismatch(Member::Id)));
    let mut other_key_id = envelope.clone();
    other_key_id.key_id = "0000000000000000".parse().unwrap();
    assert_eq!(
        inspect(&other_key_id),
        Err(EnvelopeError::Mismatch(Member::KeyId))
    );
}

/// `envelope`'s JSON with `member` set to `value`.
fn with(envelope: &Envelope, member: &str, value: Value) -> String {
    let mut json: Value = serde_json::from_str(&envelope.to_json()).unwrap();
    json[member] = value;
    json.to_string()
}

#[test]
fn reading_refuses_anything_but_an_envelope_v1_and_says_what() {
    let (_, public) = keys::generate();
    let envelope = seal(&public, &metadata_for(&public), b"{}").unwrap();
    let read = |json: &str| {
        Envelope::from_json(json).map(|_| ()).map_err(|e| match e {
            EnvelopeError::Format(f) => f,
            other => panic!("{json}: {other:?}"),
        })
    };
    let enc = |bytes: &[u8]| Value::from(base64_url(bytes));
    for (what, json, expected) in [
        (
            "v 2",
            with(&envelope, "v", 2.into()),
            FormatError::Version(2),
        ),
        (
            "an id that is no UUID v4",
            with(&envelope, "id", "not-a-uuid".into()),
            FormatError::Id,
        ),
        (
            "an id in capitals",
            with(&envelope, "id", envelope.id.as_str().to_uppercase().into()),
            FormatError::Id,
        ),
        (
            "a key_id of 15 digits",
            with(&envelope, "key_id", "0123456789abcde".into()),
            FormatError::KeyId,
        ),
        (
            "enc not base64url",
            with(&envelope, "enc", "not-base64!".into()),
            FormatError::Base64(Member::Enc),
        ),
        (
            "aad in standard base64",
            with(&envelope, "aad", "ab+/".into()),
            FormatError::Base64(Member::Aad),
        ),
        (
            "ct with padding",
            with(&envelope, "ct", "AAAA=".into()),
            FormatError::Base64(Member::Ct),
        ),
        (
            "enc of 33 bytes",
            with(&envelope, "enc", enc(&[1; 33])),
            FormatError::EncLength(33),
        ),
        (
            "ct of 15 bytes",
            with(&envelope, "ct", enc(&[1; 15])),
            FormatError::CtLength(15),
        ),
    ] {
        assert_eq!(read(&json), Err(expected), "{what}");
    }
    for (what, json) in [
        ("not JSON", "not json".to_owned()),
        ("a member missing", r#"{"v":1}"#.to_owned()),
        (
            "a seventh member",
            envelope.to_json().replacen('{', r#"{"ip":"10.0.0.1","#, 1),
        ),
        ("v as text", with(&envelope, "v", "1".into())),
    ] {
        assert!(matches!(read(&json), Err(FormatError::Json(_))), "{what}");
    }
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[test]
fn invalid_metadata_is_refused_when_sealing() {
    let (_, public) = keys::generate();
    let good = metadata_for(&public);
    let mut no_clinic = good.clone();
    no_clinic.clinic.clear();
    assert_eq!(
        seal(&public, &no_clinic, b"{}"),
        Err(EnvelopeError::Metadata(Member::Clinic))
    );
    let mut empty_token = good.clone();
    empty_token.token = Some(String::new());
    assert_eq!(
        seal(&public, &empty_token, b"{}"),
        Err(EnvelopeError::Metadata(Member::Token))
    );
    let (_, other) = keys::generate();
    assert_eq!(
        seal(&other, &good, b"{}"),
        Err(EnvelopeError::Mismatch(Member::KeyId))
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
    let aad = String::from_utf8(envelope.aad).unwrap();
    assert!(!aad.contains("token"), "{aad}");
}

#[test]
fn fresh_ids_are_uuid_v4_and_differ() {
    let (_, public) = keys::generate();
    let a = metadata_for(&public).id;
    let b = metadata_for(&public).id;
    assert_ne!(a, b);
    assert_eq!(a.as_str().parse(), Ok(a));
    assert_eq!(&a.as_str()[14..15], "4");
}

#[test]
fn key_id_is_the_first_8_bytes_of_sha256_in_hex() {
    let public = PublicKey::from_bytes(&[7u8; 32]);
    let digest = Sha256::digest([7u8; 32]);
    assert_eq!(public.key_id().to_string(), hex::encode(&digest[..8]));
    assert_eq!(public.key_id().as_str().parse(), Ok(public.key_id()));
    assert!("D19BF3F082782C87".parse::<KeyId>().is_err());
    assert_eq!(public.to_string(), base64_url(&[7u8; 32]));
    assert_eq!(public.to_string().parse(), Ok(public.clone()));
    assert_eq!(
        format!(" {public}\n").parse::<PublicKey>(),
        Ok(public.clone())
    );
    assert_eq!("AAAA".parse::<PublicKey>(), Err(KeyError::Length(3)));
    assert_eq!("AA==".parse::<PublicKey>(), Err(KeyError::Encoding));
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
        KeyError::Empty
    );
    assert_eq!(
        SecretKey::from_key_file("not base64!\n").unwrap_err(),
        KeyError::Encoding
    );
    assert_eq!(
        SecretKey::from_key_file("AAAA\n").unwrap_err(),
        KeyError::Length(3)
    );
    assert!(!format!("{secret:?}").contains(file.lines().last().unwrap()));
}

fn vectors(dir: &str) -> Vec<(PathBuf, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let v = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            (path, v)
        })
        .collect()
}

fn secret_of(v: &Value) -> SecretKey {
    let bytes: [u8; 32] = hex::decode(v["secret_key_hex"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    SecretKey::from_bytes(&bytes)
}

/// The golden vectors of `docs/envelope.md` §5, one file per case.
#[test]
fn documented_vectors_reproduce() {
    let vectors = vectors("tests/vectors");
    for (path, v) in &vectors {
        let secret = secret_of(v);
        let public = secret.public_key();
        assert_eq!(public.to_string(), v["public_key"], "{path:?}");
        assert_eq!(public.key_id().as_str(), v["key_id"], "{path:?}");
        let ikm: [u8; 32] = hex::decode(v["ikm_e_hex"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        let metadata: Metadata = serde_json::from_value(v["metadata"].clone()).unwrap();
        assert_eq!(
            metadata.to_aad(),
            v["aad_utf8"].as_str().unwrap().as_bytes()
        );
        let plaintext = v["plaintext"].as_str().unwrap().as_bytes();
        let envelope = seal_with_ephemeral_ikm(&public, &metadata, plaintext, &ikm).unwrap();
        let expected: Envelope = serde_json::from_value(v["envelope"].clone()).unwrap();
        assert_eq!(envelope, expected, "{path:?}");
        // Read and written again, it is the same JSON.
        assert_eq!(
            serde_json::from_str::<Value>(&expected.to_json()).unwrap(),
            v["envelope"],
            "{path:?}"
        );
        assert_eq!(
            open(&secret, &expected).unwrap().plaintext,
            plaintext,
            "{path:?}"
        );
    }
    assert_eq!(vectors.len(), 2);
    // The docs show the first vector's ciphertext: they and the files agree.
    let docs = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/envelope.md"),
    )
    .unwrap();
    let link = &vectors
        .iter()
        .find(|(p, _)| p.ends_with("v1-link.json"))
        .unwrap()
        .1;
    assert!(
        docs.contains(link["envelope"]["ct"].as_str().unwrap()),
        "docs/envelope.md shows the vector's ct"
    );
    assert_eq!(INFO, b"asi-envelope/v1");
}

/// An error's code in the failure vectors (`docs/envelope.md` §5.1).
fn code(error: &EnvelopeError) -> String {
    match error {
        EnvelopeError::Format(_) => "format".into(),
        EnvelopeError::Aad(_) => "aad".into(),
        EnvelopeError::Metadata(member) => format!("metadata:{member}"),
        EnvelopeError::NotCanonical => "not_canonical".into(),
        EnvelopeError::Mismatch(member) => format!("mismatch:{member}"),
        EnvelopeError::WrongKey { .. } => "wrong_key".into(),
        EnvelopeError::Open => "open".into(),
        other => panic!("no code for {other:?}"),
    }
}

/// The failure vectors of `docs/envelope.md` §5.1: each envelope is refused, by a keyless
/// check and by opening, with the error the file names.
#[test]
fn failure_vectors_are_refused_as_documented() {
    let vectors = vectors("tests/vectors/failures");
    for (path, v) in &vectors {
        let name = path.file_stem().unwrap().to_string_lossy();
        let secret = secret_of(v);
        let text = v["envelope"].as_str().unwrap();
        let read = Envelope::from_json(text);
        let inspected = read.clone().and_then(|e| inspect(&e).map(|_| ()));
        let opened = read.and_then(|e| open(&secret, &e));
        match (&inspected, v["inspect"].as_str().unwrap()) {
            (Ok(()), "ok") => {}
            (Ok(()), expected) => panic!("{name}: inspect passed, expected {expected}"),
            (Err(e), expected) => assert_eq!(code(e), expected, "{name}: inspect {e:?}"),
        }
        let error = opened.expect_err(&name);
        assert_eq!(
            code(&error),
            v["open"].as_str().unwrap(),
            "{name}: {error:?}"
        );
        if let Some(message) = v["message"].as_str() {
            assert_eq!(error.to_string(), message, "{name}");
        }
    }
    let names: Vec<String> = vectors
        .iter()
        .map(|(p, _)| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for required in [
        "enc-flipped",
        "aad-flipped",
        "ct-flipped",
        "wrong-key",
        "id-mismatch",
        "key-id-mismatch",
        "not-canonical-order",
        "enc-truncated",
        "aad-truncated",
        "ct-truncated",
    ] {
        assert!(names.iter().any(|n| n == required), "{required} missing");
    }
    // docs/envelope.md lists every one of them.
    let docs = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/envelope.md"),
    )
    .unwrap();
    for name in &names {
        assert!(
            docs.contains(&format!("`{name}`")),
            "docs/envelope.md lacks {name}"
        );
    }
}

#[test]
fn metadata_in_any_other_spelling_than_the_canonical_one_is_refused() {
    let (secret, public) = keys::generate();
    let metadata = metadata_for(&public);
    let envelope = seal(&public, &metadata, b"{}").unwrap();
    let canonical = String::from_utf8(envelope.aad.clone()).unwrap();
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
    let null_token =
        String::from_utf8(anonymous.to_aad())
            .unwrap()
            .replacen('}', r#","token":null}"#, 1);
    for (what, aad) in [
        ("spaces", serde_json::to_string_pretty(&value).unwrap()),
        ("members out of order", reordered),
        ("a needless escape", canonical.replace("demo", "d\\u0065mo")),
        ("a token of null", null_token),
    ] {
        let mut changed = envelope.clone();
        changed.aad = aad.clone().into_bytes();
        assert_eq!(
            inspect(&changed),
            Err(EnvelopeError::NotCanonical),
            "{what}: {aad}"
        );
        // Opening says no more than that it cannot be opened.
        assert_eq!(open(&secret, &changed), Err(EnvelopeError::Open), "{what}");
    }
}
