//! The envelope (§3): seal and open.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hpke::aead::ChaCha20Poly1305;
use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, OpModeR, OpModeS, Serializable};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::keys::{PublicKey, SecretKey};
use crate::rng::FixedBytes;

/// HPKE `info` (§3.2).
pub const INFO: &[u8] = b"asi-envelope/v1";
/// The envelope version.
pub const VERSION: u8 = 1;

type Aead = ChaCha20Poly1305;
type Kdf = HkdfSha256;
type Kem = X25519HkdfSha256;

/// The cleartext metadata (§3.1); its exact JSON bytes are the HPKE AAD. Keys are written in
/// this order; `token` only for link responses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// The envelope id, a UUID v4 (equal to the outer `id`).
    pub id: String,
    /// The clinic key's id (equal to the outer `key_id`).
    pub key_id: String,
    /// The clinic id.
    pub clinic: String,
    /// A form of the instrument (`asi_kort`, `trivsel`, `inddragelse`).
    pub form: String,
    /// A measurement point or `self_screening`.
    pub timepoint: String,
    /// The day of completion, `YYYY-MM-DD`; no finer time.
    pub day: String,
    /// The follow-up link's token, for link responses only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

impl Metadata {
    /// Metadata for a new envelope to `public`, with a fresh random id.
    pub fn new(
        public: &PublicKey,
        clinic: &str,
        form: &str,
        timepoint: &str,
        day: &str,
        token: Option<&str>,
    ) -> Metadata {
        Metadata {
            id: uuid_v4(),
            key_id: public.key_id(),
            clinic: clinic.to_owned(),
            form: form.to_owned(),
            timepoint: timepoint.to_owned(),
            day: day.to_owned(),
            token: token.map(str::to_owned),
        }
    }

    fn check(&self) -> Result<(), EnvelopeError> {
        let bad = |field: &'static str| Err(EnvelopeError::Metadata(field));
        if !is_uuid_v4(&self.id) {
            return bad("id");
        }
        if self.key_id.len() != 16
            || !self
                .key_id
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return bad("key_id");
        }
        if self.clinic.is_empty() {
            return bad("clinic");
        }
        // The forms and timepoints are those of the instrument data.
        let instrument = asi_instrument::instrument();
        if instrument.form(&self.form).is_none() {
            return bad("form");
        }
        if instrument.timepoint(&self.timepoint).is_none() {
            return bad("timepoint");
        }
        if !asi_instrument::date::is_iso_date(&self.day) {
            return bad("day");
        }
        if self.token.as_deref().is_some_and(str::is_empty) {
            return bad("token");
        }
        Ok(())
    }
}

/// Envelope v1 (§3): `{"v":1,"id","key_id","enc","aad","ct"}`, byte strings in base64url
/// without padding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Always 1.
    pub v: u8,
    /// The envelope id, a UUID v4.
    pub id: String,
    /// The clinic key's id.
    pub key_id: String,
    /// The 32-byte HPKE encapsulated key.
    pub enc: String,
    /// The metadata JSON bytes (the AAD).
    pub aad: String,
    /// The HPKE ciphertext (with its 16-byte tag).
    pub ct: String,
}

/// An opened envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The metadata.
    pub metadata: Metadata,
    /// The plaintext (the payload JSON, §4).
    pub plaintext: Vec<u8>,
}

/// Why an envelope could not be sealed or opened. Opening failures say nothing about which
/// byte was wrong.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// Not an envelope v1 object.
    #[error("not an envelope v1: {0}")]
    Format(String),
    /// A metadata field is missing or invalid.
    #[error("the envelope's metadata field «{0}» is invalid")]
    Metadata(&'static str),
    /// The metadata bytes are not the compact JSON of §3.1 (members in another order, white
    /// space, escapes where none are needed, `"token": null`).
    #[error(
        "the envelope's metadata is not in the canonical form (compact JSON, members in the order of docs/envelope.md §3.1)"
    )]
    NotCanonical,
    /// The outer `id` or `key_id` differs from the metadata's.
    #[error("the envelope's outer {0} does not match its metadata")]
    Mismatch(&'static str),
    /// Sealed to another key.
    #[error("the envelope is for key {found}, this key is {expected}")]
    WrongKey {
        /// This key's id.
        expected: String,
        /// The envelope's key id.
        found: String,
    },
    /// The ciphertext, metadata or encapsulated key was changed, or the key is wrong.
    #[error("the envelope cannot be opened: it was changed, or it is not for this key")]
    Open,
    /// HPKE failed while sealing.
    #[error("sealing failed")]
    Seal,
}

impl EnvelopeError {
    /// What went wrong, for a person, in `lang` (the `Display` text is English).
    pub fn message(&self, lang: asi_instrument::Lang) -> String {
        use asi_instrument::Lang;
        match (lang, self) {
            (Lang::En, e) => e.to_string(),
            (Lang::Da, EnvelopeError::Format(detail)) => {
                format!("det er ikke en gyldig konvolut v1 ({detail})")
            }
            (Lang::Da, EnvelopeError::Metadata(field)) => {
                format!("metadatafeltet «{field}» er ugyldigt")
            }
            (Lang::Da, EnvelopeError::NotCanonical) => {
                "metadata er ikke skrevet på den faste form (kompakt JSON, felterne i den rækkefølge, docs/envelope.md §3.1 angiver)".into()
            }
            (Lang::Da, EnvelopeError::Mismatch(field)) => {
                format!("det ydre felt {field} passer ikke med metadata")
            }
            (Lang::Da, EnvelopeError::WrongKey { expected, found }) => {
                format!("den er forseglet til nøgle {found}, men denne nøgle er {expected}")
            }
            (Lang::Da, EnvelopeError::Open) => {
                "den er blevet ændret, eller den er ikke til denne nøgle".into()
            }
            (Lang::Da, EnvelopeError::Seal) => "forseglingen mislykkedes".into(),
        }
    }
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(field: &'static str, text: &str) -> Result<Vec<u8>, EnvelopeError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| EnvelopeError::Format(format!("{field} is not base64url without padding")))
}

/// Seals `plaintext` with `metadata` to `public` (§3.2), with fresh randomness.
pub fn seal(
    public: &PublicKey,
    metadata: &Metadata,
    plaintext: &[u8],
) -> Result<Envelope, EnvelopeError> {
    seal_inner(public, metadata, plaintext, None)
}

/// As [`seal`], with the ephemeral key material `ikmE` fixed (RFC 9180 DeriveKeyPair input):
/// for test vectors only. Never use a fixed value for real responses.
pub fn seal_with_ephemeral_ikm(
    public: &PublicKey,
    metadata: &Metadata,
    plaintext: &[u8],
    ikm_e: &[u8; 32],
) -> Result<Envelope, EnvelopeError> {
    seal_inner(public, metadata, plaintext, Some(ikm_e))
}

fn seal_inner(
    public: &PublicKey,
    metadata: &Metadata,
    plaintext: &[u8],
    ikm_e: Option<&[u8; 32]>,
) -> Result<Envelope, EnvelopeError> {
    metadata.check()?;
    if metadata.key_id != public.key_id() {
        return Err(EnvelopeError::Mismatch("key_id"));
    }
    let aad = serde_json::to_vec(metadata).expect("metadata always serialises");
    let (enc, mut ctx) = match ikm_e {
        None => hpke::setup_sender::<Aead, Kdf, Kem>(&OpModeS::Base, &public.0, INFO),
        Some(ikm) => hpke::setup_sender_with_rng::<Aead, Kdf, Kem>(
            &OpModeS::Base,
            &public.0,
            INFO,
            &mut FixedBytes::new(ikm),
        ),
    }
    .map_err(|_| EnvelopeError::Seal)?;
    let ct = ctx.seal(plaintext, &aad).map_err(|_| EnvelopeError::Seal)?;
    Ok(Envelope {
        v: VERSION,
        id: metadata.id.clone(),
        key_id: metadata.key_id.clone(),
        enc: b64(&enc.to_bytes()),
        aad: b64(&aad),
        ct: b64(&ct),
    })
}

/// Checks everything about an envelope that needs no key (§3.3 up to decryption) and
/// returns its metadata. The inbox uses this: it can check, but never open.
pub fn inspect(envelope: &Envelope) -> Result<Metadata, EnvelopeError> {
    if envelope.v != VERSION {
        return Err(EnvelopeError::Format(format!(
            "version {} is not 1",
            envelope.v
        )));
    }
    let aad = unb64("aad", &envelope.aad)?;
    let metadata: Metadata = serde_json::from_slice(&aad)
        .map_err(|e| EnvelopeError::Format(format!("aad is not the metadata: {e}")))?;
    metadata.check()?;
    // The AAD is exactly the compact serialisation, so every sender writes the same bytes
    // for the same metadata and no two spellings of one response can exist.
    if serde_json::to_vec(&metadata).expect("metadata always serialises") != aad {
        return Err(EnvelopeError::NotCanonical);
    }
    if metadata.id != envelope.id {
        return Err(EnvelopeError::Mismatch("id"));
    }
    if metadata.key_id != envelope.key_id {
        return Err(EnvelopeError::Mismatch("key_id"));
    }
    if unb64("enc", &envelope.enc)?.len() != 32 {
        return Err(EnvelopeError::Format("enc is not 32 bytes".into()));
    }
    if unb64("ct", &envelope.ct)?.len() < 16 {
        return Err(EnvelopeError::Format("ct is shorter than its tag".into()));
    }
    Ok(metadata)
}

/// Opens an envelope with the clinic's secret key (§3.3), checking every rule of the format.
/// A changed `aad` is reported like a changed ciphertext: opening says nothing about which
/// byte was wrong.
pub fn open(secret: &SecretKey, envelope: &Envelope) -> Result<Opened, EnvelopeError> {
    let expected = secret.public_key().key_id();
    if envelope.v == VERSION && envelope.key_id != expected {
        return Err(EnvelopeError::WrongKey {
            expected,
            found: envelope.key_id.clone(),
        });
    }
    let metadata = inspect(envelope).map_err(|e| match e {
        EnvelopeError::Metadata(_) | EnvelopeError::NotCanonical => EnvelopeError::Open,
        EnvelopeError::Format(ref why) if why.starts_with("aad") => EnvelopeError::Open,
        other => other,
    })?;
    let aad = unb64("aad", &envelope.aad)?;
    let enc = <Kem as hpke::Kem>::EncappedKey::from_bytes(&unb64("enc", &envelope.enc)?)
        .map_err(|_| EnvelopeError::Open)?;
    let ct = unb64("ct", &envelope.ct)?;
    let mut ctx = hpke::setup_receiver::<Aead, Kdf, Kem>(&OpModeR::Base, &secret.0, &enc, INFO)
        .map_err(|_| EnvelopeError::Open)?;
    let plaintext = ctx.open(&ct, &aad).map_err(|_| EnvelopeError::Open)?;
    Ok(Opened {
        metadata,
        plaintext,
    })
}

impl Envelope {
    /// Parses an envelope from JSON.
    pub fn from_json(json: &str) -> Result<Envelope, EnvelopeError> {
        serde_json::from_str(json).map_err(|e| EnvelopeError::Format(e.to_string()))
    }

    /// The envelope as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an envelope always serialises")
    }
}

/// A random UUID v4.
fn uuid_v4() -> String {
    let mut b = [0u8; 16];
    getrandom_fill(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

fn getrandom_fill(buf: &mut [u8]) {
    getrandom::fill(buf).expect("the system's random number generator is available");
}

fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && b.iter().enumerate().all(|(i, c)| {
            [8, 13, 18, 23].contains(&i) || c.is_ascii_digit() || (b'a'..=b'f').contains(c)
        })
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}
