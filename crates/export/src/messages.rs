//! What the envelope crate's errors say to a person, in Danish and English. `asi_envelope`
//! speaks English only (its `Display`); the clinic's tools — `asi` and the reader — say why an
//! envelope or a key cannot be used in the clinic's language, with these texts.

use asi_envelope::{EnvelopeError, FormatError, KeyError};
use asi_instrument::Lang;

/// Why an envelope cannot be read, sealed, inspected or opened, in `lang`.
pub fn envelope(error: &EnvelopeError, lang: Lang) -> String {
    use envelope::*;
    match error {
        EnvelopeError::Format(format) => {
            FORMAT.fill(lang, &[("detail", &format_detail(format, lang))])
        }
        EnvelopeError::Aad(detail) => AAD.fill(lang, &[("detail", detail)]),
        EnvelopeError::Metadata(member) => METADATA.fill(lang, &[("member", member)]),
        EnvelopeError::NotCanonical => NOT_CANONICAL.get(lang).to_owned(),
        EnvelopeError::Mismatch(member) => MISMATCH.fill(lang, &[("member", member)]),
        EnvelopeError::WrongKey { expected, found } => {
            WRONG_KEY.fill(lang, &[("expected", expected), ("found", found)])
        }
        EnvelopeError::Open => OPEN.get(lang).to_owned(),
        EnvelopeError::Seal => SEAL.get(lang).to_owned(),
    }
}

/// What reading found wrong, in `lang`.
fn format_detail(error: &FormatError, lang: Lang) -> String {
    use envelope::*;
    match error {
        FormatError::Json(detail) => detail.clone(),
        FormatError::Version(v) => VERSION.fill(lang, &[("v", v)]),
        FormatError::Id => ID.get(lang).to_owned(),
        FormatError::KeyId => KEY_ID.get(lang).to_owned(),
        FormatError::Base64(member) => BASE64.fill(lang, &[("member", member)]),
        FormatError::EncLength(n) => ENC_LENGTH.fill(lang, &[("n", n)]),
        FormatError::CtLength(n) => CT_LENGTH.fill(lang, &[("n", n)]),
    }
}

/// Why a key cannot be read, in `lang`.
pub fn key(error: &KeyError, lang: Lang) -> String {
    match error {
        KeyError::Encoding => key::ENCODING.get(lang).to_owned(),
        KeyError::Length(n) => key::LENGTH.fill(lang, &[("n", n)]),
        KeyError::Empty => key::EMPTY.get(lang).to_owned(),
    }
}

/// The texts of [`asi_envelope::EnvelopeError`] and [`asi_envelope::FormatError`].
pub mod envelope {
    asi_i18n::texts! {
        FORMAT = ("det er ikke en gyldig konvolut v1 ({detail})", "not an envelope v1: {detail}");
        VERSION = ("version {v} er ikke 1", "version {v} is not 1");
        ID = (
            "id er ikke et UUID version 4 med små bogstaver",
            "id is not a UUID version 4 in lowercase",
        );
        KEY_ID = (
            "key_id er ikke 16 hexadecimale cifre med små bogstaver",
            "key_id is not 16 lowercase hex digits",
        );
        BASE64 = (
            "{member} er ikke base64url uden udfyldning",
            "{member} is not base64url without padding",
        );
        ENC_LENGTH = ("enc er {n} byte, ikke 32", "enc is {n} bytes, not 32");
        CT_LENGTH = (
            "ct er {n} byte, kortere end sit mærke på 16 byte",
            "ct is {n} bytes, shorter than its 16-byte tag",
        );
        AAD = (
            "det er ikke en gyldig konvolut v1 (aad er ikke metadata: {detail})",
            "not an envelope v1: aad is not the metadata: {detail}",
        );
        METADATA = (
            "metadatafeltet «{member}» er ugyldigt",
            "the envelope's metadata field «{member}» is invalid",
        );
        NOT_CANONICAL = (
            "metadata er ikke skrevet på den faste form (kompakt JSON, felterne i den rækkefølge, docs/envelope.md §3.1 angiver)",
            "the envelope's metadata is not in the canonical form (compact JSON, members in the order of docs/envelope.md §3.1)",
        );
        MISMATCH = (
            "det ydre felt {member} passer ikke med metadata",
            "the envelope's outer {member} does not match its metadata",
        );
        WRONG_KEY = (
            "den er forseglet til nøgle {found}, men denne nøgle er {expected}",
            "the envelope is for key {found}, this key is {expected}",
        );
        OPEN = (
            "den er blevet ændret, eller den er ikke til denne nøgle",
            "the envelope cannot be opened: it was changed, or it is not for this key",
        );
        SEAL = ("forseglingen mislykkedes", "sealing failed");
    }
}

/// The texts of [`asi_envelope::KeyError`].
pub mod key {
    asi_i18n::texts! {
        ENCODING = (
            "en nøgle skrives som base64url uden udfyldning («=»)",
            "a key is written as base64url without padding",
        );
        LENGTH = ("en X25519-nøgle er 32 byte, denne er {n}", "an X25519 key is 32 bytes, this one is {n}");
        EMPTY = (
            "nøglefilen har ingen nøglelinje (kun kommentarer eller tomme linjer)",
            "the key file has no key line (only comments or blank lines)",
        );
    }
}

/// The texts of [`crate::OpenError`] and [`crate::KeyRingError`].
pub mod open {
    asi_i18n::texts! {
        UNKNOWN_KEY = (
            "den er forseglet til nøgle {key_id}; ingen af de angivne nøglefiler passer (de har nøgle {held}) — har I en ældre nøgle?",
            "it is sealed to key {key_id}; none of the key files given fits (they hold key {held}) — do you have an older key?",
        );
        NOT_A_RESPONSE = (
            "konvolut {id}: indholdet er ikke en besvarelse: {detail}",
            "envelope {id}: the plaintext is not a response: {detail}",
        );
        UNKNOWN_INSTRUMENT = (
            "konvolut {id}: besvarelsen er givet med skemaversion {version}, som dette program ikke kender (det kender {known}) — brug en nyere udgave",
            "envelope {id}: the response was given with instrument version {version}, which this program does not know (it knows {known}) — use a newer release",
        );
        NOT_IN_VERSION = (
            "konvolut {id}, givet med skemaversion {version}: {reason}",
            "envelope {id}, given with instrument version {version}: {reason}",
        );
        ANSWERS_DO_NOT_FIT = (
            "konvolut {id}: svarene passer ikke til skemaet {form} i skemaversion {version}: {problems}",
            "envelope {id}: the answers do not fit form {form} of instrument version {version}: {problems}",
        );
        NOT_A_KEY_FILE = (
            "nøglefilen {file} kan ikke bruges: {reason}",
            "the key file {file} cannot be used: {reason}",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use asi_envelope::{KeyId, Member};

    #[test]
    fn every_text_has_the_same_places_in_danish_and_english() {
        let tables = [envelope::ALL, key::ALL, open::ALL];
        assert_eq!(asi_i18n::places_disagree(&tables), Vec::<String>::new());
    }

    /// The English texts are the errors' own `Display`, so `asi --lang en` and the inbox's
    /// refusals say the same.
    #[test]
    fn english_is_what_the_errors_display() {
        let id: KeyId = "d19bf3f082782c87".parse().unwrap();
        let other: KeyId = "65cf5c9b1de5d41f".parse().unwrap();
        let envelope_errors = [
            EnvelopeError::Format(FormatError::Json(
                "expected value at line 1 column 1".into(),
            )),
            EnvelopeError::Format(FormatError::Version(2)),
            EnvelopeError::Format(FormatError::Id),
            EnvelopeError::Format(FormatError::KeyId),
            EnvelopeError::Format(FormatError::Base64(Member::Enc)),
            EnvelopeError::Format(FormatError::EncLength(31)),
            EnvelopeError::Format(FormatError::CtLength(15)),
            EnvelopeError::Aad("EOF while parsing an object".into()),
            EnvelopeError::Metadata(Member::Token),
            EnvelopeError::NotCanonical,
            EnvelopeError::Mismatch(Member::Id),
            EnvelopeError::WrongKey {
                expected: id,
                found: other,
            },
            EnvelopeError::Open,
            EnvelopeError::Seal,
        ];
        for e in &envelope_errors {
            assert_eq!(super::envelope(e, Lang::En), e.to_string());
        }
        for e in [KeyError::Encoding, KeyError::Length(3), KeyError::Empty] {
            assert_eq!(super::key(&e, Lang::En), e.to_string());
        }
    }

    #[test]
    fn danish_names_the_member_and_the_keys() {
        let e = EnvelopeError::WrongKey {
            expected: "d19bf3f082782c87".parse().unwrap(),
            found: "65cf5c9b1de5d41f".parse().unwrap(),
        };
        assert_eq!(
            super::envelope(&e, Lang::Da),
            "den er forseglet til nøgle 65cf5c9b1de5d41f, men denne nøgle er d19bf3f082782c87"
        );
        assert_eq!(
            super::envelope(&EnvelopeError::Format(FormatError::EncLength(31)), Lang::Da),
            "det er ikke en gyldig konvolut v1 (enc er 31 byte, ikke 32)"
        );
        assert_eq!(
            super::envelope(&EnvelopeError::Mismatch(Member::KeyId), Lang::Da),
            "det ydre felt key_id passer ikke med metadata"
        );
    }
}
