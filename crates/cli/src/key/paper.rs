//! `asi key paper`: the printable recovery form.
//!
//! Plain text rather than HTML: it prints from any machine (`lp FILE`) without a browser,
//! which could cache, sync or let an extension read a page holding the private key; nothing
//! in it runs; it stays readable for as long as the key must be kept; and a fixed-width font
//! keeps the blocks in columns. Lines are at most 72 characters, so it fits an A4 page at a
//! printer's default font.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use asi_envelope::{SecretKey, recovery};
use asi_instrument::{Lang, date};

use crate::cli::KeyPaperArgs;
use crate::error::{CliError, Outcome};
use crate::open::read_key;
use crate::private_file;

/// Blocks per printed row.
const PER_ROW: usize = 5;

pub fn run(args: &KeyPaperArgs, lang: Lang) -> Result<Outcome, CliError> {
    let secret = read_key(&args.key)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let page = form(&secret, &date::iso_day(now));
    match &args.out {
        Some(path) => {
            let mut file = private_file::create(path)?;
            let written = file
                .write_all(page.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|source| CliError::WriteFile {
                    path: path.clone(),
                    source,
                });
            private_file::discard_on_error(written, &mut Some(file), Some(path))?;
            eprintln!(
                "{}",
                texts::WRITTEN.fill(lang, &[("path", &path.display())])
            );
        }
        None => std::io::stdout().lock().write_all(page.as_bytes())?,
    }
    Ok(Outcome::AllValid)
}

/// The form's text (Danish), for the key `secret` printed on `day`.
pub fn form(secret: &SecretKey, day: &str) -> String {
    let key_id = secret.public_key().key_id();
    let code = recovery::encode(secret);
    let blocks = recovery::blocks(&code);
    let grid: String = blocks
        .chunks(PER_ROW)
        .enumerate()
        .map(|(row, chunk)| {
            let cells: Vec<String> = chunk
                .iter()
                .enumerate()
                .map(|(i, block)| format!("{:>4}  {block}", row * PER_ROW + i + 1))
                .collect();
            format!("{}\n", cells.join("   "))
        })
        .collect();
    format!(
        "\
ASI · GENOPRETNINGSARK FOR KLINIKKENS PRIVATE NØGLE
=======================================================================

Nøgle-id (key id):  {key_id}
Udskrevet:          {day}
Klinik:             ______________________________________________

DETTE ARK ER KLINIKKENS PRIVATE NØGLE. Med koden herunder kan man læse
alle svar, der er forseglet til nøgle {key_id}. Mister I både
nøglefilen og arket, er de svar tabt for altid.

- Opbevar arket aflåst (fx i et brandsikkert skab) et andet sted end
  computeren med nøglefilen.
- Tag ikke billeder af det, scan det ikke, og send det aldrig.
- Får klinikken en ny nøgle, så gem også dette ark: det åbner stadig de
  svar, der blev forseglet til denne nøgle.

Papirkode ({count} blokke á {size} tegn):

{grid}
Koden bruger små bogstaver og tal, men aldrig b, i eller o, og tallet 1
kun én gang (i blok 2). Kontrolsummen i de sidste 6 tegn fanger et
forkert tegn og to nabotegn, der er byttet om.

Sådan genskaber I nøglefilen
----------------------------
1. Brug klinikkens egen computer, ikke en delt eller offentlig.
2. Kør:  asi key recover --out klinik.key
3. Skriv de {count} blokke. Mellemrum, bindestreger og store eller små
   bogstaver er ligegyldige. Afslut med en tom linje. Er et tegn
   skrevet forkert, siger asi, hvilken blok I skal tjekke.
4. asi skriver nøglefilen (kun læsbar for jer) og viser nøgle-id'et.
   Det skal være {key_id} som øverst på arket.
5. Tjek, at indbakken bruger nøglen:
     asi key check klinik.key --inbox ADRESSE --clinic KLINIK-ID
   Er det en ældre nøgle, åbner den stadig de svar, der blev forseglet
   til den:  asi export --key ny.key --key klinik.key ...

Opbevaret hvor: ____________________  Af: ______________  Dato: _______
",
        count = blocks.len(),
        size = recovery::BLOCK,
    )
}

/// The texts of `asi key paper` (the form itself is Danish only: it is printed for the
/// clinic's staff, and a second language would make it longer than a page).
pub mod texts {
    asi_i18n::texts! {
        WRITTEN = (
            "asi: genopretningsarket er skrevet til {path}. Det ER den private nøgle: udskriv det, lås det inde et andet sted end computeren, og slet så filen {path}.",
            "asi: the recovery form is written to {path}. It IS the private key: print it, lock it away somewhere else than this computer, then delete the file {path}.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_holds_the_key_id_the_date_and_the_code_in_numbered_blocks() {
        let secret = SecretKey::from_bytes(&[0x11; 32]);
        let page = form(&secret, "2026-11-25");
        let key_id = secret.public_key().key_id();
        assert!(
            page.contains(&format!("Nøgle-id (key id):  {key_id}")),
            "{page}"
        );
        assert!(page.contains("Udskrevet:          2026-11-25"), "{page}");
        let code = recovery::encode(&secret);
        let blocks = recovery::blocks(&code);
        assert!(
            page.contains(&format!("   1  {}      2  {}", blocks[0], blocks[1])),
            "{page}"
        );
        assert!(page.contains(&format!("  13  {}\n", blocks[12])), "{page}");
        assert!(page.contains("asi key recover --out klinik.key"));
        for line in page.lines() {
            assert!(line.chars().count() <= 72, "too wide: {line:?}");
        }
        // The code is on the page once, in blocks, and nowhere else whole.
        assert!(!page.contains(&code));
    }
}
