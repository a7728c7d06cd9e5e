//! Running for years (key rotation and key backup): `asi open` and `asi export` with several
//! key files, keygen's backup warning, the paper recovery form and restoring from it, and
//! checking a key file against the inbox.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{StandIn, asi};

/// A fresh directory, removed at the end.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("asi-keys-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_owned()
    }

    /// `asi keygen --out NAME`: the key file's path and what keygen printed.
    fn keygen(&self, name: &str) -> (String, Value) {
        let path = self.path(name);
        let (code, out, err) = asi(&["keygen", "--out", &path], "");
        assert_eq!(code, 0, "{err}");
        (path, serde_json::from_str(&out).unwrap())
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(unix)]
fn mode(path: &str) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Three Trivsel records sealed to `public` (key text), one envelope per line.
fn sealed(public: &Value) -> Vec<String> {
    let records: String = (0..3)
        .map(|i| {
            format!(
                "{{\"wellbeing_personal\": {i}, \"wellbeing_close\": 5, \"wellbeing_social\": 6}}\n"
            )
        })
        .collect();
    let pk = format!("--public-key={}", public["public_key"].as_str().unwrap());
    let (code, out, err) = asi(
        &[
            "seal",
            &pk,
            "--form",
            "trivsel",
            "--timepoint",
            "midway",
            "--day",
            "2026-11-25",
        ],
        &records,
    );
    assert_eq!(code, 0, "{err}");
    out.lines().map(str::to_owned).collect()
}

#[test]
fn open_and_export_take_several_key_files_and_pick_each_envelopes_key() {
    let d = Dir::new("ring");
    let (old_key, old) = d.keygen("old.key");
    let (new_key, new) = d.keygen("new.key");
    let old_id = old["key_id"].as_str().unwrap();
    let new_id = new["key_id"].as_str().unwrap();
    // Old-key responses first, then two for the new key, then one more for the old key.
    let old_envelopes = sealed(&old);
    let new_envelopes = sealed(&new);
    let input = [
        &old_envelopes[..2],
        &new_envelopes[..2],
        &old_envelopes[2..],
    ]
    .concat()
    .join("\n")
        + "\n";

    // Both keys: everything opens, in either order of the options.
    for keys in [
        ["--key", &new_key, "--key", &old_key],
        ["--key", &old_key, "--key", &new_key],
    ] {
        let (code, out, err) = asi(&[&["open"], &keys[..]].concat(), &input);
        assert_eq!((code, err.as_str()), (0, ""));
        assert_eq!(out.lines().count(), 5);
        let (code, csv, err) = asi(&[&["export"], &keys[..]].concat(), &input);
        assert_eq!((code, err.as_str()), (0, ""));
        assert_eq!(csv.lines().count(), 1 + 5);
    }

    // Only the new key: the old key's responses are listed with their key id, the rest open.
    let expected = format!(
        "den er forseglet til nøgle {old_id}; ingen af de angivne nøglefiler passer (de har nøgle {new_id}) — har I en ældre nøgle?"
    );
    let (code, out, err) = asi(&["open", "--key", &new_key], &input);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out.lines().count(), 2);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [1, 2, 5]
            .map(|n| format!("linje {n}: konvolutten kan ikke åbnes: {expected}"))
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    let (code, csv, err) = asi(&["export", "--key", &new_key], &input);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        csv.lines().count(),
        1 + 2,
        "the new key's responses are written"
    );
    assert!(
        err.starts_with(&format!("konvolut nr. 1 kan ikke åbnes: {expected}\n")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 3, "{err}");
    assert!(err.contains("konvolut nr. 5 kan ikke åbnes"), "{err}");
    let (_, _, err) = asi(&["--lang", "en", "export", "--key", &new_key], &input);
    assert!(
        err.starts_with(&format!(
            "envelope no. 1 cannot be opened: it is sealed to key {old_id}; none of the key files given fits (they hold key {new_id}) — do you have an older key?"
        )),
        "{err}"
    );

    // The same key in two files is used once.
    let copy = d.path("copy-of-new.key");
    std::fs::copy(&new_key, &copy).unwrap();
    let (code, csv, _) = asi(&["export", "--key", &new_key, "--key", &copy], &input);
    assert_eq!(code, 1);
    assert_eq!(csv.lines().count(), 1 + 2);

    // A file that is not a key stops the command and is named.
    let not_a_key = d.path("envelopes.jsonl");
    std::fs::write(&not_a_key, &input).unwrap();
    for command in ["open", "export"] {
        let (code, out, err) = asi(&[command, "--key", &new_key, "--key", &not_a_key], &input);
        assert_eq!((code, out.as_str()), (2, ""), "{err}");
        assert_eq!(
            err,
            format!(
                "asi: nøglefilen {not_a_key} kan ikke bruges: en nøgle skrives som base64url uden udfyldning («=»)\n"
            )
        );
    }
    // A key file that cannot be read is named too; no key at all is clap's error.
    let (code, _, err) = asi(&["open", "--key", &d.path("missing.key")], &input);
    assert_eq!(code, 2);
    assert!(err.starts_with("asi: kan ikke læse "), "{err}");
    assert!(err.contains("missing.key"), "{err}");
    let (code, _, _) = asi(&["open"], &input);
    assert_eq!(code, 2);
}

#[test]
fn keygen_says_how_to_keep_a_second_copy_and_prints_the_same_json() {
    let d = Dir::new("keygen");
    let path = d.path("clinic.key");
    let (code, out, err) = asi(&["keygen", "--out", &path], "");
    assert_eq!(code, 0, "{err}");
    // Standard output: exactly the one JSON line scripts read.
    assert_eq!(out.lines().count(), 1);
    let printed: serde_json::Map<String, Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(
        printed.keys().collect::<Vec<_>>(),
        ["key_id", "public_key"],
        "{out}"
    );
    let key_id = printed["key_id"].as_str().unwrap();
    for phrase in [
        &format!("{path} er klinikkens private nøgle (nøgle-id {key_id})"),
        "Filen er den ENESTE måde at læse de svar på",
        "Mister I\n  den, er alle de svar tabt for altid",
        "på et andet\n  medie, fx en krypteret USB-nøgle i et aflåst skab, og på papir",
        &format!("asi key paper --key {path} --out noegleark.txt"),
        "Send aldrig nøglefilen med e-mail, og læg den aldrig på et delt drev",
    ] {
        assert!(err.contains(phrase), "missing {phrase:?} in:\n{err}");
    }
    let line = std::fs::read_to_string(&path).unwrap();
    let secret_line = line.lines().last().unwrap();
    assert!(!err.contains(secret_line) && !out.contains(secret_line));

    let english = d.path("english.key");
    let (code, out, err) = asi(&["--lang", "en", "keygen", "--out", &english], "");
    assert_eq!(code, 0);
    assert!(serde_json::from_str::<Value>(&out).is_ok());
    for phrase in [
        "This file is the ONLY way to read the responses",
        "an encrypted USB stick in a locked cabinet, and on paper",
        "Never email the key file, and never put it on a shared drive",
    ] {
        assert!(err.contains(phrase), "missing {phrase:?} in:\n{err}");
    }
}

/// The code on a recovery form: its numbered blocks, in order.
fn code_on(page: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    for line in page.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let pairs: Vec<(usize, &str)> = words
            .chunks(2)
            .filter_map(|pair| match pair {
                [n, block] if block.len() == 5 => n.parse().ok().map(|n| (n, *block)),
                _ => None,
            })
            .collect();
        if !pairs.is_empty() && pairs.len() * 2 == words.len() {
            for (n, block) in pairs {
                assert_eq!(n, blocks.len() + 1, "{page}");
                blocks.push(block.to_owned());
            }
        }
    }
    assert_eq!(blocks.len(), 13, "{page}");
    blocks
}

#[test]
fn the_paper_code_restores_the_identical_key_file() {
    let d = Dir::new("paper");
    let (key, printed) = d.keygen("clinic.key");
    let original = std::fs::read(&key).unwrap();
    let secret_line = String::from_utf8(original.clone())
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .to_owned();
    let key_id = printed["key_id"].as_str().unwrap();

    let (code, page, err) = asi(&["key", "paper", "--key", &key], "");
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        page.contains(&format!("Nøgle-id (key id):  {key_id}")),
        "{page}"
    );
    assert!(page.contains("asi key recover --out klinik.key"), "{page}");
    assert!(
        !page.contains(&secret_line),
        "the key file's line is not on the form"
    );
    let blocks = code_on(&page);
    assert!(
        blocks[0] == "asike" && blocks[1].starts_with("y1"),
        "{blocks:?}"
    );

    // Typed as printed, with dashes, in capitals, over several lines: the same file.
    for (i, typed) in [
        blocks.join(" "),
        blocks.join("-").to_uppercase(),
        format!("{}\n{}\n", blocks[..5].join(" "), blocks[5..].join(" - ")),
    ]
    .iter()
    .enumerate()
    {
        let out = d.path(&format!("restored-{i}.key"));
        let (code, stdout, err) = asi(&["key", "recover", "--out", &out], typed);
        assert_eq!(code, 0, "{err}");
        assert_eq!(std::fs::read(&out).unwrap(), original, "byte for byte");
        #[cfg(unix)]
        assert_eq!(mode(&out), 0o600);
        assert_eq!(serde_json::from_str::<Value>(&stdout).unwrap(), printed);
        assert!(err.contains(&format!("(nøgle-id {key_id})")), "{err}");
        assert!(!stdout.contains(&secret_line) && !err.contains(&secret_line));
        assert!(!err.contains(&blocks[5]), "the code is not echoed: {err}");
    }

    // Never overwriting: the file stays as it was.
    let existing = d.path("restored-0.key");
    std::fs::write(&existing, "keep me").unwrap();
    let (code, _, err) = asi(&["key", "recover", "--out", &existing], &blocks.join(""));
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!("asi: kan ikke skrive {existing}:")),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");

    // One mistyped character: the block is named, and no file is left behind.
    let mut wrong = blocks.clone();
    let right = wrong[6].remove(2);
    wrong[6].insert(2, if right == 'q' { 'p' } else { 'q' });
    let out = d.path("mistyped.key");
    let (code, stdout, err) = asi(&["key", "recover", "--out", &out], &wrong.join(" "));
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        err,
        "asi: genopretningskoden: koden er skrevet forkert (kontrolsummen passer ikke): tjek blok 7 tegn for tegn\n"
    );
    assert!(!Path::new(&out).exists(), "a file was left behind");
    let (_, _, err) = asi(
        &["--lang", "en", "key", "recover", "--out", &out],
        &wrong.join(" "),
    );
    assert!(
        err.contains("check block 7 character by character"),
        "{err}"
    );
    // Two neighbours swapped.
    let mut swapped = blocks.join("").into_bytes();
    swapped.swap(30, 31);
    if swapped[30] != swapped[31] {
        let (code, _, err) = asi(
            &["key", "recover", "--out", &out],
            &String::from_utf8(swapped).unwrap(),
        );
        assert_eq!(code, 2);
        assert!(
            err.contains("mindst to tegn er forkerte eller byttet om"),
            "{err}"
        );
    }
    // A block left out, a character no code has, nothing at all.
    let mut short = blocks.clone();
    short.remove(9);
    let (_, _, err) = asi(&["key", "recover", "--out", &out], &short.join(" "));
    assert!(
        err.contains("koden har 60 tegn, en genopretningskode har 65"),
        "{err}"
    );
    let mut with_o = blocks.clone();
    with_o[3].replace_range(0..1, "o");
    let (_, _, err) = asi(&["key", "recover", "--out", &out], &with_o.join(" "));
    assert!(err.contains("blok 4, tegn 1: «o» findes ikke"), "{err}");
    let (code, _, err) = asi(&["key", "recover", "--out", &out], "");
    assert_eq!(code, 2);
    assert!(err.contains("der er ikke skrevet nogen kode"), "{err}");
    assert!(!Path::new(&out).exists());

    // The code is never taken as an argument.
    let (code, _, _) = asi(&["key", "recover", "--out", &out, &blocks.join("")], "");
    assert_eq!(code, 2);
    assert!(!Path::new(&out).exists());
}

#[test]
fn the_paper_form_goes_to_a_private_new_file() {
    let d = Dir::new("paper-out");
    let (key, _) = d.keygen("clinic.key");
    let sheet = d.path("sheet.txt");
    let (code, out, err) = asi(&["key", "paper", "--key", &key, "--out", &sheet], "");
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(err.contains("Det ER den private nøgle"), "{err}");
    #[cfg(unix)]
    assert_eq!(mode(&sheet), 0o600);
    let page = std::fs::read_to_string(&sheet).unwrap();
    let (_, on_stdout, _) = asi(&["key", "paper", "--key", &key], "");
    assert_eq!(code_on(&page), code_on(&on_stdout));
    let (code, _, _) = asi(&["key", "paper", "--key", &key, "--out", &sheet], "");
    assert_eq!(code, 2, "never overwritten");
    assert_eq!(std::fs::read_to_string(&sheet).unwrap(), page);
    // Not a key file: named.
    let (code, _, err) = asi(&["key", "paper", "--key", &sheet], "");
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!("asi: nøglefilen {sheet} kan ikke bruges")),
        "{err}"
    );
}

/// A stand-in inbox serving the public settings of clinic `demo` with `public_key`; every
/// other path is a 404 refusal.
fn stand_in(public_key: &str) -> StandIn {
    let settings = serde_json::json!({
        "id": "demo", "name": "Demo", "contact": "Tlf. 1",
        "public_key": public_key, "key_id": "ignored-by-the-check",
    })
    .to_string();
    StandIn::start(move |request, _| {
        if request == "GET /api/v1/clinics/demo" {
            ("200 OK", settings.clone())
        } else {
            (
                "404 Not Found",
                r#"{"error":"unknown clinic","code":"unknown_clinic"}"#.to_owned(),
            )
        }
    })
}

#[test]
fn key_check_says_yes_for_the_inbox_key_and_no_with_both_ids_for_another() {
    let d = Dir::new("check");
    let (current, printed) = d.keygen("current.key");
    let (other, other_printed) = d.keygen("other.key");
    let id = printed["key_id"].as_str().unwrap();
    let other_id = other_printed["key_id"].as_str().unwrap();
    let inbox = stand_in(printed["public_key"].as_str().unwrap());
    let url = inbox.url.as_str();

    let (code, out, err) = asi(
        &["key", "check", &current, "--inbox", url, "--clinic", "demo"],
        "",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        format!(
            "Ja: nøglefilen {current} passer. Indbakken {url} udleverer nøgle {id} til klinikken demo, og det er nøglefilens nøgle: svar, der sendes nu, kan åbnes med den.\n"
        )
    );

    let (code, out, err) = asi(
        &["key", "check", &other, "--inbox", url, "--clinic", "demo"],
        "",
    );
    assert_eq!((code, err.as_str()), (1, ""));
    assert!(
        out.starts_with(&format!(
            "Nej: nøglefilen {other} passer IKKE. Nøglefilens nøgle er {other_id}, men indbakken {url} udleverer nøgle {id} til klinikken demo"
        )),
        "{out}"
    );
    let (code, out, _) = asi(
        &[
            "--lang", "en", "key", "check", &other, "--inbox", url, "--clinic", "demo",
        ],
        "",
    );
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!(
            "No: the key file {other} does NOT fit. The key file's key is {other_id}, but the inbox {url} hands out key {id}"
        )),
        "{out}"
    );

    // It cannot run: an unknown clinic, an unreachable inbox, a file that is not a key.
    let (code, out, err) = asi(
        &[
            "key", "check", &current, "--inbox", url, "--clinic", "nobody",
        ],
        "",
    );
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        format!("asi: indbakken {url} svarede 404: unknown clinic\n")
    );
    let (code, _, err) = asi(
        &[
            "key",
            "check",
            &current,
            "--inbox",
            "http://127.0.0.1:9",
            "--clinic",
            "demo",
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.starts_with("asi: kan ikke nå indbakken"), "{err}");
    let not_a_key = d.path("notes.txt");
    std::fs::write(&not_a_key, "# nothing\n").unwrap();
    let (code, _, err) = asi(
        &[
            "key", "check", &not_a_key, "--inbox", url, "--clinic", "demo",
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("nøglefilen {not_a_key} kan ikke bruges")),
        "{err}"
    );

    // The public settings need no token, and none is sent.
    let seen = inbox.seen();
    assert_eq!(seen.len(), 4, "{seen:?}");
    assert!(seen.iter().all(|s| s.bearer.is_none()), "{seen:?}");
    assert_eq!(seen[0].request, "GET /api/v1/clinics/demo");
}

/// `asi <command> --help`, with clap's line wrapping made single spaces.
fn help(command: &[&str]) -> String {
    let (code, out, err) = asi(&[command, &["--help"]].concat(), "");
    assert_eq!(code, 0, "{err}");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_help_says_key_repeats_and_where_the_code_comes_from() {
    for command in ["open", "export"] {
        let h = help(&[command]);
        assert!(
            h.contains("Repeat it for the clinic's earlier keys (`--key new.key --key old.key`)"),
            "{h}"
        );
    }
    let h = help(&["key"]);
    for sub in ["paper", "recover", "check"] {
        assert!(h.contains(&format!(" {sub} ")), "{h}");
    }
    let h = help(&["key", "recover"]);
    assert!(
        h.contains("Reads the code from standard input, never from the command line"),
        "{h}"
    );
    assert!(h.contains("--out <FILE>"), "{h}");
    let h = help(&["key", "paper"]);
    assert!(h.contains("plain text"), "{h}");
    let h = help(&["key", "check"]);
    assert!(
        h.contains("Exit status: 0 yes, 1 no, 2 the check could not be made"),
        "{h}"
    );
}
