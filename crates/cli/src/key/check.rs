//! `asi key check`: is this key file the key the inbox hands out to the clinic's citizens?

use asi_envelope::PublicKey;
use asi_instrument::Lang;
use asi_protocol::ClinicSettings;

use crate::cli::KeyCheckArgs;
use crate::error::{CliError, Outcome};
use crate::inbox::Inbox;
use crate::open::read_key;

pub fn run(args: &KeyCheckArgs, lang: Lang) -> Result<Outcome, CliError> {
    let secret = read_key(&args.key)?;
    let inbox = Inbox::public(&args.inbox);
    let settings: ClinicSettings = inbox.get(&format!("/api/v1/clinics/{}", args.clinic))?;
    let handed_out: PublicKey = settings.public_key.parse().map_err(|e| {
        let reason = asi_export::messages::key(&e, lang);
        inbox.fail(
            Some(200),
            texts::UNREADABLE.fill(lang, &[("reason", &reason)]),
        )
    })?;
    let places = [
        ("file", &args.key.display() as &dyn std::fmt::Display),
        ("file_id", &secret.public_key().key_id()),
        ("inbox_id", &handed_out.key_id()),
        ("clinic", &args.clinic),
        ("url", &args.inbox),
    ];
    if secret.public_key() == handed_out {
        println!("{}", texts::FITS.fill(lang, &places));
        Ok(Outcome::AllValid)
    } else {
        println!("{}", texts::DOES_NOT_FIT.fill(lang, &places));
        Ok(Outcome::SomeInvalid)
    }
}

/// The texts of `asi key check`.
pub mod texts {
    asi_i18n::texts! {
        FITS = (
            "Ja: nøglefilen {file} passer. Indbakken {url} udleverer nøgle {inbox_id} til klinikken {clinic}, og det er nøglefilens nøgle: svar, der sendes nu, kan åbnes med den.",
            "Yes: the key file {file} fits. The inbox {url} hands out key {inbox_id} for the clinic {clinic}, and that is the key file's key: responses sent now can be opened with it.",
        );
        DOES_NOT_FIT = (
            "Nej: nøglefilen {file} passer IKKE. Nøglefilens nøgle er {file_id}, men indbakken {url} udleverer nøgle {inbox_id} til klinikken {clinic}: svar, der sendes nu, kan ikke åbnes med denne fil. Er det en ældre nøgle, så gem den alligevel: den åbner de svar, der blev forseglet til den.",
            "No: the key file {file} does NOT fit. The key file's key is {file_id}, but the inbox {url} hands out key {inbox_id} for the clinic {clinic}: responses sent now cannot be opened with this file. If it is an earlier key, keep it all the same: it opens the responses sealed to it.",
        );
        UNREADABLE = (
            "klinikkens offentlige nøgle kan ikke læses: {reason}",
            "the clinic's public key cannot be read: {reason}",
        );
    }
}
