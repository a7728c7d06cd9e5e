//! `asi-inbox backup`: a copy taken while envelopes are being posted on a real socket holds
//! every envelope acknowledged before it began, and restores into a working inbox; the copy
//! is private (0600) and never written over an existing file.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use asi_envelope::{Envelope, open};
use axum::body::Body;
use axum::http::{Request, StatusCode};

use common::{OTHER_TOKEN, TOKEN, TestInbox, post, router_for, run_inbox, send, with_reader};

/// No test of other things reaches these budgets.
const UNLIMITED: &str = "anonymous_per_hour = 1000000\nidentified_per_hour = 1000000\n";
/// Posting threads, and the most envelopes each posts.
const POSTERS: usize = 3;
const MAX_PER_POSTER: usize = 1500;
/// Envelopes acknowledged before the backup is started.
const BEFORE: usize = 60;
/// Rows of another clinic in the database before the server starts, and the size of each:
/// enough that copying takes a while, and envelopes arrive while it does.
const PREFILLED: usize = 500;
const PREFILLED_BYTES: usize = 40_000;

/// The inbox binary serving `config`, and its port (read from its `listening on` line).
fn start(config: &Path) -> (Child, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_asi-inbox"))
        .arg("--config")
        .arg(config)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .trim()
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    (child, port)
}

/// `POST /api/v1/envelopes` on its own connection; the status.
fn post_on_socket(port: u16, body: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "POST /api/v1/envelopes HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn run_backup(config: &Path, to: &Path) -> Output {
    run_inbox([
        "backup".as_ref(),
        "--config".as_ref(),
        config.as_os_str(),
        "--to".as_ref(),
        to.as_os_str(),
    ])
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every envelope the demo clinic can read in the inbox served by `router`.
async fn listed(router: &axum::Router) -> Vec<Envelope> {
    let mut all = Vec::new();
    let mut after = String::new();
    loop {
        let request = with_reader(
            Request::get(format!("/api/v1/envelopes?limit=1000&after={after}")),
            Some(TOKEN),
        )
        .body(Body::empty())
        .unwrap();
        let (status, page) = send(router, request).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let items = page["items"].as_array().unwrap();
        if items.is_empty() {
            return all;
        }
        all.extend(
            items
                .iter()
                .map(|item| Envelope::from_json(&item.to_string()).unwrap()),
        );
        after = page["next"].as_str().unwrap().to_owned();
    }
}

#[test]
fn a_backup_taken_under_load_restores_every_envelope_acknowledged_before_it() {
    let inbox = Arc::new(TestInbox::new("backup-load"));
    let config = inbox.dir.join("inbox.toml");
    let toml = inbox.config_toml_with("127.0.0.1:0", UNLIMITED);
    std::fs::write(&config, &toml).unwrap();
    {
        // Another clinic's rows, so that the copy takes a while (their bodies need not be
        // envelopes: the store does not look inside).
        let db = asi_inbox::db::Db::open(&inbox.dir.join("inbox.sqlite")).unwrap();
        let body = format!("{{\"bulk\":\"{}\"}}", "x".repeat(PREFILLED_BYTES));
        for i in 0..PREFILLED {
            let id = format!("bulk-{i}");
            let row = asi_inbox::db::Row {
                id: &id,
                clinic: "other",
                key_id: "0000000000000000",
                form: "trivsel",
                timepoint: "midway",
                day: "2026-11-25",
                body: body.as_bytes(),
            };
            assert_eq!(db.store(&row).unwrap(), asi_inbox::db::Stored::Created);
        }
    }
    let (mut server, port) = start(&config);

    // Posting threads: each seals and posts distinct envelopes until told to stop, telling
    // the test of every 201.
    let sent = Arc::new(Mutex::new(Vec::<Envelope>::new()));
    let acknowledged = Arc::new(Mutex::new(BTreeSet::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let (acked, acks) = mpsc::channel::<()>();
    let posters: Vec<_> = (0..POSTERS)
        .map(|n| {
            let (inbox, sent, acknowledged, stop, acked) = (
                inbox.clone(),
                sent.clone(),
                acknowledged.clone(),
                stop.clone(),
                acked.clone(),
            );
            std::thread::spawn(move || {
                for i in 0..MAX_PER_POSTER {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let envelope = inbox.envelope(&format!("{{\"poster\":{n},\"number\":{i}}}"));
                    let json = envelope.to_json();
                    sent.lock().unwrap().push(envelope.clone());
                    let status = post_on_socket(port, &json);
                    assert_eq!(status, 201, "poster {n}, envelope {i}");
                    acknowledged.lock().unwrap().insert(envelope.id.to_string());
                    let _ = acked.send(());
                }
            })
        })
        .collect();
    drop(acked);

    for _ in 0..BEFORE {
        acks.recv().expect("the posters stopped early");
    }
    // Every envelope acknowledged before the backup begins.
    let before: BTreeSet<String> = acknowledged.lock().unwrap().clone();
    let copy = inbox.dir.join("backups").join("inbox-backup.sqlite");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    let backup = run_backup(&config, &copy);
    let during = acknowledged.lock().unwrap().len() - before.len();
    stop.store(true, Ordering::SeqCst);
    for poster in posters {
        poster.join().unwrap();
    }
    let _ = server.kill();
    let _ = server.wait();

    let stdout = String::from_utf8_lossy(&backup.stdout);
    assert!(
        backup.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert!(stdout.contains("integrity_check ok"), "{stdout}");
    assert!(stdout.contains(&copy.display().to_string()), "{stdout}");
    assert_eq!(mode(&copy), 0o600);
    let sent = sent.lock().unwrap().clone();
    assert!(before.len() >= BEFORE);
    assert!(
        sent.len() > before.len(),
        "envelopes were still being posted: {during} acknowledged while the backup ran"
    );

    // Restored into a fresh inbox: the copy in place of its database, no -wal or -shm.
    let restored = TestInbox::new("backup-restored");
    let database = restored.dir.join("inbox.sqlite");
    std::fs::copy(&copy, &database).unwrap();
    let restored_toml = toml.replace(
        &inbox.dir.join("inbox.sqlite").display().to_string(),
        &database.display().to_string(),
    );
    let restored_config = restored.load(&restored_toml).unwrap();
    assert_eq!(restored_config.database, database);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let (router, _) = router_for(restored_config);
        let held = listed(&router).await;
        let held_ids: BTreeSet<String> = held.iter().map(|e| e.id.to_string()).collect();
        let missing: Vec<&String> = before.difference(&held_ids).collect();
        assert!(
            missing.is_empty(),
            "acknowledged before the backup, not in it: {missing:?}"
        );
        for envelope in &held {
            let opened = open(&inbox.secret, envelope).expect("each envelope opens");
            assert!(
                String::from_utf8(opened.plaintext)
                    .unwrap()
                    .starts_with("{\"poster\"")
            );
        }
        // Every envelope sent again: those in the copy are repeats, the others new.
        let (mut repeats, mut new) = (0, 0);
        for envelope in &sent {
            let (status, ack) = send(&router, post(envelope.to_json())).await;
            if held_ids.contains(envelope.id.as_str()) {
                assert_eq!(status, StatusCode::OK, "{ack}");
                repeats += 1;
            } else {
                assert_eq!(status, StatusCode::CREATED, "{ack}");
                new += 1;
            }
        }
        assert_eq!(repeats, held.len());
        assert_eq!(repeats + new, sent.len());
        assert_eq!(listed(&router).await.len(), sent.len());
        let request = with_reader(
            Request::get("/api/v1/envelopes?limit=1000"),
            Some(OTHER_TOKEN),
        )
        .body(Body::empty())
        .unwrap();
        let (_, page) = send(&router, request).await;
        assert_eq!(page["items"].as_array().unwrap().len(), PREFILLED);
    });
}

#[test]
fn a_backup_is_private_and_never_overwrites_a_file() {
    let inbox = TestInbox::new("backup-files");
    let config = inbox.dir.join("inbox.toml");
    std::fs::write(&config, inbox.config_toml("127.0.0.1:0")).unwrap();
    // A database with an envelope, made by the inbox itself.
    {
        let (router, _) = router_for(asi_inbox::Config::load(&config).unwrap());
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let (status, _) = runtime.block_on(send(&router, post(inbox.envelope("{}").to_json())));
        assert_eq!(status, StatusCode::CREATED);
    }

    let copy = inbox.dir.join("copy.sqlite");
    let out = run_backup(&config, &copy);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&copy), 0o600);
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 envelopes, 0 tombstones, 0 links"));

    // An existing file is left as it was, whatever it holds.
    let existing: PathBuf = inbox.dir.join("precious.txt");
    std::fs::write(&existing, "keep me").unwrap();
    for target in [&existing, &copy] {
        let before = std::fs::read(target).unwrap();
        let out = run_backup(&config, target);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("already exists: a backup never overwrites a file"),
            "{stderr}"
        );
        assert_eq!(std::fs::read(target).unwrap(), before);
    }
    // The database itself is no target either.
    let database = inbox.dir.join("inbox.sqlite");
    assert_eq!(run_backup(&config, &database).status.code(), Some(1));

    // No database, no copy: the message says where it looked.
    let elsewhere = inbox.dir.join("elsewhere.toml");
    std::fs::write(
        &elsewhere,
        std::fs::read_to_string(&config)
            .unwrap()
            .replace("inbox.sqlite", "missing.sqlite"),
    )
    .unwrap();
    let target = inbox.dir.join("never.sqlite");
    let out = run_backup(&elsewhere, &target);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no database"));
    assert!(!target.exists());
    assert!(!inbox.dir.join("missing.sqlite").exists(), "none made");

    // A file that is no inbox database: refused, and nothing left behind.
    std::fs::write(inbox.dir.join("missing.sqlite"), "not a database").unwrap();
    let out = run_backup(&elsewhere, &target);
    assert_eq!(out.status.code(), Some(1));
    assert!(!target.exists());

    // A configuration it cannot use: exit status 2, as for the server.
    std::fs::write(&elsewhere, "listen = 1").unwrap();
    assert_eq!(run_backup(&elsewhere, &target).status.code(), Some(2));

    // The help says so.
    let help = run_inbox(["backup", "--help"]);
    let help = String::from_utf8(help.stdout).unwrap();
    for phrase in [
        "while the inbox runs",
        "mode 0600",
        "never over an existing file",
        "PRAGMA integrity_check",
        "remove the `-wal` and `-shm` files",
    ] {
        assert!(help.contains(phrase), "{phrase:?} missing from:\n{help}");
    }
}
