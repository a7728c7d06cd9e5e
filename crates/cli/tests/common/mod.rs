//! Shared by the `asi` integration tests (each test file uses some of it).

#![allow(dead_code)]

use assert_cmd::Command;

/// Runs `asi` with `args` and `stdin`: (exit code, stdout, stderr).
pub fn asi(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = Command::cargo_bin("asi")
        .unwrap()
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    (
        out.status.code().expect("exited, not killed by a signal"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// One request a [`StandIn`] received: `"GET /path"` and its bearer token, if it had one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub request: String,
    pub bearer: Option<String>,
}

/// A stand-in inbox on a free port of localhost: answers each request with the status line
/// and JSON body `answer` gives for its `"METHOD /path"` and bearer token, and records every
/// request. One connection per request (`Connection: close`).
pub struct StandIn {
    pub url: String,
    seen: std::sync::Arc<std::sync::Mutex<Vec<Seen>>>,
}

impl StandIn {
    pub fn start(
        answer: impl Fn(&str, Option<&str>) -> (&'static str, String) + Send + 'static,
    ) -> StandIn {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let recorded = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let mut stream = stream.unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let request = line.split(' ').take(2).collect::<Vec<_>>().join(" ");
                let (mut bearer, mut length) = (None, 0usize);
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    let (name, value) = line.split_once(": ").unwrap();
                    match name.to_ascii_lowercase().as_str() {
                        "authorization" => {
                            bearer = Some(value.trim_start_matches("Bearer ").to_owned());
                        }
                        "content-length" => length = value.parse().unwrap(),
                        _ => {}
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let (status, body) = answer(&request, bearer.as_deref());
                recorded.lock().unwrap().push(Seen { request, bearer });
                write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
                .unwrap();
            }
        });
        StandIn { url, seen }
    }

    /// Every request received so far, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}
