//! Shared by the `asi` integration tests.

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
