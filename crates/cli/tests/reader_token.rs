//! The clinic's reader token for `asi export` and `asi links` comes from `--token-file`,
//! `--token` or `ASI_READER_TOKEN` (issue 12): each source reaches the inbox as the bearer
//! token, and a missing, unreadable or empty one is a clear error before the inbox is asked.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod common;
use common::StandIn;

const TOKEN: &str = "-reader-token-from-a-source";

/// A stand-in inbox: answers `{"items": [], "next": ""}` (an empty clinic) to a GET of
/// envelopes, an open link to a GET of a link, and `{"created": 1}` to a POST when the bearer
/// token is [`TOKEN`], 401 otherwise.
fn stand_in() -> StandIn {
    StandIn::start(|request, bearer| {
        match (bearer == Some(TOKEN), request.starts_with("GET")) {
            (false, _) => (
                "401 Unauthorized",
                r#"{"error":"unknown reader token","code":"unauthorized"}"#.into(),
            ),
            (true, true) if request.starts_with("GET /api/v1/links/") => (
                "200 OK",
                r#"{"clinic":"demo","form":"trivsel","timepoint":"midway","expires":"2099-01-01","state":"open"}"#.into(),
            ),
            (true, true) => ("200 OK", r#"{"items":[],"next":""}"#.into()),
            (true, false) => ("201 Created", r#"{"created":1}"#.into()),
        }
    })
}

/// The bearer tokens the stand-in's requests carried.
fn bearers(inbox: &StandIn) -> Vec<String> {
    inbox
        .seen()
        .into_iter()
        .filter_map(|seen| seen.bearer)
        .collect()
}

/// A fresh directory with the clinic's private key (for export).
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("asi-token-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let key = dir.join("clinic.key");
        let out = Command::cargo_bin("asi")
            .unwrap()
            .args(["keygen", "--out", key.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success());
        Dir(dir)
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_owned()
    }

    /// Writes `text` to `name` with permission bits `mode`; its path.
    fn file(&self, name: &str, text: &str, mode: u32) -> String {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        set_mode(Path::new(&path), mode);
        path
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

/// Runs `asi` with `args`, `ASI_READER_TOKEN` set to `env` (or unset): (code, stdout, stderr).
fn asi(args: &[&str], env: Option<&str>) -> (i32, String, String) {
    let mut command = Command::cargo_bin("asi").unwrap();
    command.args(args).env_remove("ASI_READER_TOKEN");
    if let Some(value) = env {
        command.env("ASI_READER_TOKEN", value);
    }
    let out = command.write_stdin("A-17\n").output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// `asi export` of the stand-in's envelopes, with `extra` arguments.
fn export(inbox: &StandIn, dir: &Dir, extra: &[&str], env: Option<&str>) -> (i32, String, String) {
    let key = dir.path("clinic.key");
    let mut args = vec!["export", "--key", &key, "--inbox", &inbox.url];
    args.extend_from_slice(extra);
    asi(&args, env)
}

/// `asi links` for one reference at the stand-in, with `extra` arguments.
fn links(inbox: &StandIn, extra: &[&str], env: Option<&str>) -> (i32, String, String) {
    let mut args = vec![
        "links",
        "--inbox",
        &inbox.url,
        "--clinic",
        "demo",
        "--form",
        "trivsel",
        "--timepoint",
        "midway",
    ];
    args.extend_from_slice(extra);
    args.push("-");
    asi(&args, env)
}

const HEADER_ONLY: usize = 1;

#[test]
fn a_token_file_gives_its_first_non_blank_line_trimmed() {
    let inbox = stand_in();
    let dir = Dir::new("file");
    let file = dir.file(
        "reader-token",
        &format!("\n  \n  {TOKEN}  \nnot this\n"),
        0o600,
    );
    let (code, csv, err) = export(&inbox, &dir, &["--token-file", &file], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "", "no warning for a file of mode 0600");
    assert_eq!(csv.lines().count(), HEADER_ONLY);
    let (code, csv, err) = links(&inbox, &["--token-file", &file], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(csv.lines().count(), 2);
    assert_eq!(bearers(&inbox), [TOKEN, TOKEN]);
}

#[test]
fn the_environment_variable_is_used_when_no_option_is_given() {
    let inbox = stand_in();
    let dir = Dir::new("env");
    let (code, _, err) = export(&inbox, &dir, &[], Some(&format!("{TOKEN}\n")));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = links(&inbox, &[], Some(TOKEN));
    assert_eq!(code, 0, "{err}");
    assert_eq!(bearers(&inbox), [TOKEN, TOKEN]);
}

#[test]
fn an_option_wins_over_the_environment_variable() {
    let inbox = stand_in();
    let dir = Dir::new("precedence");
    let file = dir.file("reader-token", TOKEN, 0o600);
    let (code, _, err) = links(&inbox, &["--token-file", &file], Some("stale"));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = export(&inbox, &dir, &["--token", TOKEN], Some("stale"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(bearers(&inbox), [TOKEN, TOKEN]);
    // The stale variable alone is refused, and the message says where the token came from.
    let (code, _, err) = export(&inbox, &dir, &[], Some("stale"));
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        format!(
            "asi: indbakken {} afviste læsetokenet (401): kontrollér ASI_READER_TOKEN",
            inbox.url
        )
    );
    let (code, _, err) = links(&inbox, &["--lang", "en", "--token-file", &file], None);
    assert_eq!(code, 0, "{err}");
    std::fs::write(&file, "wrong\n").unwrap();
    let (code, _, err) = links(&inbox, &["--lang", "en", "--token-file", &file], None);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        format!(
            "asi: the inbox {} refused the reader token (401): check --token-file {file}",
            inbox.url
        )
    );
}

#[test]
fn no_token_is_a_clear_error_and_nothing_is_asked() {
    let inbox = stand_in();
    let dir = Dir::new("none");
    for (code, out, err) in [export(&inbox, &dir, &[], None), links(&inbox, &[], None)] {
        assert_eq!((code, out.as_str()), (2, ""));
        assert_eq!(
            err.trim(),
            "asi: intet læsetoken til indbakken: angiv --token-file FIL eller sæt miljøvariablen \
             ASI_READER_TOKEN (--token TOKEN virker også, men andre brugere kan se det)"
        );
    }
    let (_, _, err) = links(&inbox, &["--lang", "en"], None);
    assert!(
        err.starts_with("asi: no reader token for the inbox: give --token-file FILE or set the environment variable ASI_READER_TOKEN"),
        "{err}"
    );
    assert!(bearers(&inbox).is_empty());
}

#[test]
fn an_unreadable_or_empty_token_is_a_clear_error() {
    let inbox = stand_in();
    let dir = Dir::new("bad");
    let missing = dir.path("no-such-token");
    let (code, _, err) = links(&inbox, &["--token-file", &missing], Some(TOKEN));
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!("asi: kan ikke læse læsetokenet fra {missing}: ")),
        "{err}"
    );
    let (code, _, err) = export(
        &inbox,
        &dir,
        &["--lang", "en", "--token-file", &missing],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!(
            "asi: cannot read the reader token from {missing}: "
        )),
        "{err}"
    );
    let blank = dir.file("blank-token", "\n   \n", 0o600);
    let (code, _, err) = export(&inbox, &dir, &["--token-file", &blank], None);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        format!("asi: læsetokenet fra --token-file {blank} er tomt")
    );
    let (code, _, err) = links(&inbox, &[], Some(" "));
    assert_eq!(code, 2);
    assert_eq!(err.trim(), "asi: læsetokenet fra ASI_READER_TOKEN er tomt");
    let (code, _, err) = links(&inbox, &["--lang", "en", "--token", ""], None);
    assert_eq!(code, 2);
    assert_eq!(err.trim(), "asi: the reader token from --token is empty");
    assert!(bearers(&inbox).is_empty());
}

#[cfg(unix)]
#[test]
fn a_token_file_others_can_read_is_warned_about() {
    let inbox = stand_in();
    let dir = Dir::new("mode");
    let file = dir.file("reader-token", TOKEN, 0o644);
    let (code, csv, err) = links(&inbox, &["--token-file", &file], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        csv.lines().count(),
        2,
        "the warning goes to standard error only"
    );
    assert_eq!(
        err.trim(),
        format!(
            "asi: advarsel: andre end ejeren har adgang til {file} (rettigheder 0644); med \
             læsetokenet kan man hente og slette klinikkens konvolutter i indbakken. Kør: chmod \
             600 {file}"
        )
    );
    set_mode(Path::new(&file), 0o640);
    let (code, _, err) = export(&inbox, &dir, &["--lang", "en", "--token-file", &file], None);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with(&format!(
            "asi: warning: others than its owner have access to {file} (mode 0640)"
        )),
        "{err}"
    );
    set_mode(Path::new(&file), 0o400);
    let (code, _, err) = export(&inbox, &dir, &["--token-file", &file], None);
    assert_eq!((code, err.as_str()), (0, ""));
}

#[cfg(unix)]
#[test]
fn asi_report_reads_the_token_once_for_envelopes_and_links_and_warns_once() {
    let inbox = stand_in();
    let dir = Dir::new("report");
    let file = dir.file("reader-token", TOKEN, 0o644);
    let refs = dir.file(
        "refs.csv",
        "ref,token,url\nA1,tok-1,https://x/#t=tok-1\n",
        0o600,
    );
    let key = dir.path("clinic.key");
    let (code, json, err) = asi(
        &[
            "report",
            "--key",
            &key,
            "--inbox",
            &inbox.url,
            "--refs",
            &refs,
            "--token-file",
            &file,
            "--format",
            "json",
            "--lang",
            "en",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err.matches("asi: warning: others than its owner have access to")
            .count(),
        1,
        "{err}"
    );
    assert!(json.contains("\"links\""), "{json}");
    assert_eq!(
        bearers(&inbox),
        [TOKEN, TOKEN],
        "one envelope page and one link asked"
    );
}

#[test]
fn the_options_are_refused_together_and_without_an_inbox() {
    let dir = Dir::new("clap");
    let file = dir.file("reader-token", TOKEN, 0o600);
    let (code, _, err) = asi(
        &[
            "links",
            "--inbox",
            "http://127.0.0.1:9",
            "--token",
            TOKEN,
            "--token-file",
            &file,
            "--clinic",
            "demo",
            "--form",
            "trivsel",
            "--timepoint",
            "midway",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let key = dir.path("clinic.key");
    let (code, _, err) = asi(&["export", "--key", &key, "--token-file", &file], None);
    assert_eq!(code, 2);
    assert!(err.contains("--inbox"), "{err}");
}
