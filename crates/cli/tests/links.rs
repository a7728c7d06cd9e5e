//! `asi links` against the real inbox in this process: one token per reference, only hashes
//! reach the inbox, the list stays private; bad references and refusals are clear errors.

use std::sync::{Arc, Mutex};

use asi_inbox::db::{Db, Link};
use asi_inbox::{AppState, Config, app};
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::{Next, from_fn};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

mod common;
use common::asi;

const READER: &str = "-reader-token-for-links";

/// An inbox serving on a free port of localhost, recording every request's line and body.
struct TestInbox {
    url: String,
    dir: std::path::PathBuf,
    state: Arc<AppState>,
    requests: Arc<Mutex<Vec<(String, String)>>>,
    _runtime: tokio::runtime::Runtime,
}

impl TestInbox {
    fn start(name: &str) -> TestInbox {
        let dir = std::env::temp_dir().join(format!("asi-links-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let (_, public) = asi_envelope::keys::generate();
        let toml = format!(
            "listen = \"127.0.0.1:0\"\ndatabase = \"{}\"\n\n[[clinics]]\nid = \"demo\"\nname = \"Demo\"\ncontact = \"\"\npublic_key = \"{}\"\nreader_token_sha256 = \"{}\"\n",
            dir.join("inbox.sqlite").display(),
            public,
            hex::encode(Sha256::digest(READER.as_bytes())),
        );
        std::fs::write(dir.join("inbox.toml"), toml).unwrap();
        let config = Config::load(&dir.join("inbox.toml")).unwrap();
        let db = Db::open(&config.database).unwrap();
        let state = Arc::new(AppState::new(config, db));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = requests.clone();
        let router = app(state.clone()).layer(from_fn(move |request: Request, next: Next| {
            let recorded = recorded.clone();
            async move {
                let (parts, body) = request.into_parts();
                let bytes = to_bytes(body, usize::MAX).await.unwrap();
                recorded.lock().unwrap().push((
                    format!("{} {}", parts.method, parts.uri),
                    String::from_utf8_lossy(&bytes).into_owned(),
                ));
                next.run(Request::from_parts(parts, Body::from(bytes)))
                    .await
            }
        }));
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        runtime.spawn(async move { axum::serve(listener, router).await });
        TestInbox {
            url,
            dir,
            state,
            requests,
            _runtime: runtime,
        }
    }

    fn requests(&self) -> Vec<(String, String)> {
        self.requests.lock().unwrap().clone()
    }

    fn link(&self, token: &str) -> Option<Link> {
        self.state
            .db
            .link(&hex::encode(Sha256::digest(token.as_bytes())))
            .unwrap()
    }

    /// `asi links` for this inbox's demo clinic at followup_40w, with `extra` arguments.
    fn links(&self, extra: &[&str], stdin: &str) -> (i32, String, String) {
        self.links_as(READER, "demo", ("asi_kort", "followup_40w"), extra, stdin)
    }

    /// `asi links` with this reader token, clinic, form and timepoint.
    fn links_as(
        &self,
        reader: &str,
        clinic: &str,
        (form, timepoint): (&str, &str),
        extra: &[&str],
        stdin: &str,
    ) -> (i32, String, String) {
        let mut args = vec![
            "links",
            "--inbox",
            &self.url,
            "--token",
            reader,
            "--clinic",
            clinic,
            "--form",
            form,
            "--timepoint",
            timepoint,
        ];
        args.extend_from_slice(extra);
        asi(&args, stdin)
    }
}

impl Drop for TestInbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn rows(csv: &str) -> Vec<[String; 3]> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["ref", "token", "url"]);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            [r[0].to_owned(), r[1].to_owned(), r[2].to_owned()]
        })
        .collect()
}

fn today_plus(days: i64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    asi_instrument::date::iso_day(now + days * 86_400)
}

#[test]
fn each_reference_gets_its_own_link_and_the_inbox_gets_only_hashes() {
    let inbox = TestInbox::start("three");
    let refs = inbox.dir.join("refs.csv");
    std::fs::write(&refs, "ref,name\nA-17,Jens Hansen\nB-2,Eva\n\"C, 3\",\n").unwrap();
    let (code, out, err) = inbox.links(&[refs.to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    let rows = rows(&out);
    let refs_out: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(refs_out, ["A-17", "B-2", "C, 3"]);
    let mut tokens: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    for [_, token, url] in &rows {
        // 256 random bits, base64url without padding.
        let bytes = URL_SAFE_NO_PAD.decode(token).unwrap();
        assert!(bytes.len() * 8 >= 128, "{token}");
        assert_eq!(bytes.len(), 32);
        let (query, fragment) = url.split_once('#').unwrap();
        assert_eq!(
            query,
            format!(
                "{}/?klinik=demo&form=asi_kort&timepoint=followup_40w",
                inbox.url
            )
        );
        assert_eq!(fragment.strip_prefix("token="), Some(token.as_str()));
        let link = inbox.link(token).expect("registered by its hash");
        assert_eq!(
            (
                link.clinic.as_str(),
                link.form.as_str(),
                link.timepoint.as_str()
            ),
            ("demo", "asi_kort", "followup_40w")
        );
        assert_eq!(link.expires, today_plus(30));
        assert_eq!(link.envelope_id, None);
    }
    tokens.sort();
    tokens.dedup();
    assert_eq!(tokens.len(), 3);

    // One request, carrying the three hashes and nothing of the people or their tokens.
    let requests = inbox.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let (line, body) = &requests[0];
    assert_eq!(line, "POST /api/v1/links");
    let sent: serde_json::Value = serde_json::from_str(body).unwrap();
    let mut hashes: Vec<&str> = sent["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["token_sha256"].as_str().unwrap())
        .collect();
    let mut expected: Vec<String> = rows
        .iter()
        .map(|r| hex::encode(Sha256::digest(r[1].as_bytes())))
        .collect();
    hashes.sort();
    expected.sort();
    assert_eq!(hashes, expected);
    for secret in rows.iter().flat_map(|r| [&r[0], &r[1]]) {
        assert!(
            !body.contains(secret.as_str()),
            "{secret} reached the inbox"
        );
    }
    assert!(!body.contains("Jens"));
}

#[test]
fn app_address_expiry_and_standard_input_are_taken() {
    let inbox = TestInbox::start("options");
    let (code, out, err) = inbox.links(
        &[
            "--app",
            "https://selvtest.example.dk/",
            "--expires",
            "7",
            "-",
        ],
        "A-17\nB-2\n",
    );
    assert_eq!(code, 0, "{err}");
    let rows = rows(&out);
    // Without a `ref` header the first row is a reference.
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], "A-17");
    assert!(rows[1][2].starts_with(
        "https://selvtest.example.dk/?klinik=demo&form=asi_kort&timepoint=followup_40w#token="
    ));
    assert_eq!(inbox.link(&rows[0][1]).unwrap().expires, today_plus(7));
}

#[test]
fn a_refused_reader_token_is_a_clear_error_and_writes_no_file() {
    let inbox = TestInbox::start("refused");
    let out = inbox.dir.join("links.csv");
    let (code, stdout, err) = inbox.links_as(
        "wrong",
        "demo",
        ("asi_kort", "followup_40w"),
        &["--out", out.to_str().unwrap()],
        "A-17\n",
    );
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        err.trim(),
        format!(
            "asi: indbakken {} afviste læsetokenet (401): kontrollér --token",
            inbox.url
        )
    );
    assert!(!out.exists(), "a file was left behind");
    // Another clinic's id than the reader token's comes back with the inbox's reason.
    let (code, _, err) = inbox.links_as(
        READER,
        "other",
        ("asi_kort", "followup_40w"),
        &["--lang", "en"],
        "A-17\n",
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("answered 400: the reader token is clinic demo's, not clinic other's"),
        "{err}"
    );
}

#[test]
fn bad_references_forms_and_timepoints_are_refused_before_the_inbox_is_asked() {
    let inbox = TestInbox::start("bad-refs");
    for (extra, stdin, expected) in [
        (
            vec!["-"],
            "ref\nA-17\nB-2\nA-17\n",
            "asi: referencerne: linje 4: referencen «A-17» står også på linje 2",
        ),
        (
            vec!["-"],
            "A-17\n,no ref\n",
            "asi: referencerne: linje 2: referencen er tom",
        ),
        (
            vec!["-"],
            "ref\n",
            "asi: referencerne: der er ingen referencer",
        ),
        (
            vec!["--lang", "en", "-"],
            "a\na\n",
            "asi: the references: line 2: the reference \"a\" is also on line 1",
        ),
    ] {
        let (code, out, err) = inbox.links(&extra, stdin);
        assert_eq!((code, out.as_str()), (2, ""), "{err}");
        assert_eq!(err.trim(), expected);
    }
    let (code, _, err) = inbox.links_as(READER, "demo", ("trivsel", "intake"), &[], "A-17\n");
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        "asi: skemaet trivsel bruges ikke ved tidspunktet intake (det bruges ved midway, self_screening)"
    );
    assert!(inbox.requests().is_empty(), "{:?}", inbox.requests());
}

#[test]
fn the_out_file_is_private_and_never_overwritten() {
    let inbox = TestInbox::start("out");
    let out = inbox.dir.join("links.csv");
    let (code, stdout, err) = inbox.links(&["--out", out.to_str().unwrap(), "-"], "A-17\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(stdout, "");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(rows(&written).len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let (code, _, err) = inbox.links(&["--out", out.to_str().unwrap(), "-"], "B-2\n");
    assert_eq!(code, 2);
    assert!(err.contains("links.csv"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);
    // Nothing was registered for the refused run.
    assert_eq!(inbox.requests().len(), 1);
}
