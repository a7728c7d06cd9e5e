//! The clinic's private keys when it opens envelopes: the current key and earlier ones, each
//! found by the `key_id` an envelope carries (`docs/envelope.md` §2). `asi open`, `asi
//! export` and the reader all open through a [`KeyRing`], so they pick keys, check what they
//! open, and say that no key fits, the same way.

use asi_envelope::{Envelope, KeyError, KeyId, Opened, SecretKey};
use asi_instrument::{Lang, instrument};

use crate::{OpenError, messages};

/// A key file that is not a private key. Named by its file, so the clinic knows which one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum KeyRingError {
    /// The file holds no usable private key.
    NotAKey {
        /// The file's name, as given.
        file: String,
        /// Why.
        source: KeyError,
    },
}

impl KeyRingError {
    /// What is wrong, for a person, in `lang` (`Display` is the English one).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            KeyRingError::NotAKey { file, source } => messages::open::NOT_A_KEY_FILE.fill(
                lang,
                &[("file", file), ("reason", &messages::key(source, lang))],
            ),
        }
    }
}

/// The clinic's private keys, each once, in the order they were added. Its `Debug` shows
/// the key ids only.
#[derive(Clone, Default)]
pub struct KeyRing {
    keys: Vec<(KeyId, SecretKey)>,
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("KeyRing").field(&self.key_ids()).finish()
    }
}

impl From<SecretKey> for KeyRing {
    fn from(secret: SecretKey) -> KeyRing {
        let mut ring = KeyRing::default();
        ring.add(secret);
        ring
    }
}

impl KeyRing {
    /// An empty ring.
    pub fn new() -> KeyRing {
        KeyRing::default()
    }

    /// The ring of these key files: `(name, text)` each, read as `asi keygen` writes them.
    /// The same key in two files is kept once; a file that is not a key is an error naming
    /// it.
    pub fn from_key_files<N: AsRef<str>, T: AsRef<str>>(
        files: impl IntoIterator<Item = (N, T)>,
    ) -> Result<KeyRing, KeyRingError> {
        let mut ring = KeyRing::new();
        for (name, text) in files {
            ring.add_key_file(name.as_ref(), text.as_ref())?;
        }
        Ok(ring)
    }

    /// Adds the key of the key file `name` with `text`; `false` if the ring had it already.
    pub fn add_key_file(&mut self, name: &str, text: &str) -> Result<bool, KeyRingError> {
        let secret = SecretKey::from_key_file(text).map_err(|source| KeyRingError::NotAKey {
            file: name.to_owned(),
            source,
        })?;
        Ok(self.add(secret))
    }

    /// Adds `secret`; `false` if the ring had it already.
    pub fn add(&mut self, secret: SecretKey) -> bool {
        let key_id = secret.public_key().key_id();
        if self.get(&key_id).is_some() {
            return false;
        }
        self.keys.push((key_id, secret));
        true
    }

    /// The key with this key id.
    pub fn get(&self, key_id: &KeyId) -> Option<&SecretKey> {
        self.keys
            .iter()
            .find(|(id, _)| id == key_id)
            .map(|(_, secret)| secret)
    }

    /// The key ids held, in the order added.
    pub fn key_ids(&self) -> Vec<KeyId> {
        self.keys.iter().map(|(id, _)| *id).collect()
    }

    /// How many keys the ring holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Opens one envelope (its JSON text) with the key its `key_id` names. An envelope that
    /// is not an envelope v1 says so first; one sealed to a key the ring lacks is
    /// [`OpenError::UnknownKey`]; then every check of `asi_envelope::open` applies, and last
    /// the product's check of the metadata's form, timepoint and day
    /// ([`asi_instrument::Instrument::check_metadata`]) with the current instrument, whose
    /// forms and timepoints include every older version's ([`crate::open_envelope`] checks
    /// again with the version the response names).
    pub fn open(&self, json: &str) -> Result<Opened, OpenError> {
        let envelope = Envelope::from_json(json)?;
        let Some(secret) = self.get(&envelope.key_id) else {
            return Err(OpenError::UnknownKey {
                key_id: envelope.key_id,
                held: self.key_ids(),
            });
        };
        let opened = asi_envelope::open(secret, &envelope)?;
        let m = &opened.metadata;
        instrument().check_metadata(&m.form, &m.timepoint, &m.day)?;
        Ok(opened)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use asi_envelope::{EnvelopeError, FormatError, Metadata, keys, seal};
    use asi_instrument::MetadataError;

    fn sealed(public: &asi_envelope::PublicKey, text: &[u8]) -> String {
        let metadata = Metadata::new(public, "demo", "trivsel", "midway", "2026-11-25", None);
        seal(public, &metadata, text).unwrap().to_json()
    }

    fn file(secret: &SecretKey) -> String {
        secret.to_key_file("test")
    }

    #[test]
    fn each_envelope_opens_with_the_key_its_key_id_names() {
        let (old, old_public) = keys::generate();
        let (new, new_public) = keys::generate();
        let ring =
            KeyRing::from_key_files([("new.key", file(&new)), ("old.key", file(&old))]).unwrap();
        assert_eq!(ring.key_ids(), [new_public.key_id(), old_public.key_id()]);
        assert_eq!(
            ring.open(&sealed(&old_public, b"old")).unwrap().plaintext,
            b"old"
        );
        assert_eq!(
            ring.open(&sealed(&new_public, b"new")).unwrap().plaintext,
            b"new"
        );
    }

    #[test]
    fn an_envelope_for_a_key_not_held_names_its_key_id() {
        let (old, old_public) = keys::generate();
        let (new, new_public) = keys::generate();
        let ring = KeyRing::from(new);
        let error = ring.open(&sealed(&old_public, b"old")).unwrap_err();
        match &error {
            OpenError::UnknownKey { key_id, held } => {
                assert_eq!(key_id, &old_public.key_id());
                assert_eq!(held, &[new_public.key_id()]);
            }
            other => panic!("{other:?}"),
        }
        let da = error.message(Lang::Da);
        assert!(
            da.starts_with(&format!(
                "den er forseglet til nøgle {}; ingen af de angivne nøglefiler passer",
                old_public.key_id()
            )),
            "{da}"
        );
        assert!(da.contains("har I en ældre nøgle?"), "{da}");
        assert!(da.contains(new_public.key_id().as_str()), "{da}");
        let en = error.message(Lang::En);
        assert!(en.contains("none of the key files given fits"), "{en}");
        // With the old key added, it opens.
        let mut ring = ring;
        assert!(ring.add(old));
        assert!(ring.open(&sealed(&old_public, b"old")).is_ok());
    }

    #[test]
    fn the_same_key_twice_is_kept_once() {
        let (secret, public) = keys::generate();
        let text = file(&secret);
        let ring =
            KeyRing::from_key_files([("a.key", text.as_str()), ("copy of a.key", text.as_str())])
                .unwrap();
        assert_eq!(ring.len(), 1);
        assert_eq!(ring.key_ids(), [public.key_id()]);
        let mut ring = ring;
        assert!(!ring.add(secret));
        assert_eq!(ring.len(), 1);
    }

    #[test]
    fn a_file_that_is_not_a_key_is_named() {
        let (secret, _) = keys::generate();
        let error = KeyRing::from_key_files([
            ("good.key", file(&secret)),
            ("envelopes.jsonl", "{\"v\":1}\n".to_owned()),
        ])
        .unwrap_err();
        assert_eq!(
            error,
            KeyRingError::NotAKey {
                file: "envelopes.jsonl".into(),
                source: KeyError::Encoding
            }
        );
        assert_eq!(
            error.message(Lang::Da),
            "nøglefilen envelopes.jsonl kan ikke bruges: en nøgle skrives som base64url uden udfyldning («=»)"
        );
        assert!(
            error
                .to_string()
                .starts_with("the key file envelopes.jsonl cannot be used")
        );
    }

    #[test]
    fn a_broken_envelope_is_reported_as_broken_not_as_an_unknown_key() {
        let (secret, public) = keys::generate();
        let ring = KeyRing::from(secret);
        assert!(matches!(
            ring.open("not json"),
            Err(OpenError::Envelope(EnvelopeError::Format(
                FormatError::Json(_)
            )))
        ));
        let mut v2: serde_json::Value = serde_json::from_str(&sealed(&public, b"x")).unwrap();
        v2["v"] = 2.into();
        v2["key_id"] = "0000000000000000".into();
        assert!(matches!(
            ring.open(&v2.to_string()),
            Err(OpenError::Envelope(EnvelopeError::Format(
                FormatError::Version(2)
            )))
        ));
        // Changed ciphertext with a known key: cannot be opened, as before.
        let mut changed: serde_json::Value = serde_json::from_str(&sealed(&public, b"x")).unwrap();
        let ct = changed["ct"].as_str().unwrap().to_owned();
        let flipped = if ct.starts_with('A') { "B" } else { "A" };
        changed["ct"] = format!("{flipped}{}", &ct[1..]).into();
        assert!(matches!(
            ring.open(&changed.to_string()),
            Err(OpenError::Envelope(EnvelopeError::Open))
        ));
        // An empty ring opens nothing and says so.
        assert!(matches!(
            KeyRing::new().open(&sealed(&public, b"x")),
            Err(OpenError::UnknownKey { .. })
        ));
        assert!(format!("{:?}", KeyRing::from(keys::generate().0)).starts_with("KeyRing([KeyId("));
    }

    #[test]
    fn an_envelope_whose_form_timepoint_or_day_the_product_does_not_take_is_refused() {
        let (secret, public) = keys::generate();
        // A well-formed envelope: the format takes any text there; the product does not.
        let metadata = Metadata::new(&public, "demo", "trivsel", "week_3", "2026-11-25", None);
        let envelope = seal(&public, &metadata, b"{}").unwrap().to_json();
        match KeyRing::from(secret).open(&envelope) {
            Err(OpenError::Metadata(e)) => {
                assert_eq!(e, MetadataError::Timepoint("week_3".into()))
            }
            other => panic!("{other:?}"),
        }
    }
}
