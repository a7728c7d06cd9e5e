//! Every `--help` says what each argument reads and what it writes (issue 18): a clinic's
//! staff member reading them learns which file goes where.

mod common;
use common::asi;

/// `asi <command> --help`, with runs of whitespace (clap's line wrapping) made one space.
fn help(command: &[&str]) -> String {
    let mut args = command.to_vec();
    args.push("--help");
    let (code, out, err) = asi(&args, "");
    assert_eq!(code, 0, "{err}");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn says(help: &str, phrases: &[&str]) {
    for phrase in phrases {
        assert!(help.contains(phrase), "missing {phrase:?} in:\n{help}");
    }
}

#[test]
fn export_reads_envelopes_and_says_where_the_rows_go() {
    let h = help(&["export"]);
    assert!(!h.contains("answer record"), "{h}");
    says(
        &h,
        &[
            "Envelopes to read: JSON lines, one envelope per line, as `asi seal` writes them or the inbox lists them",
            "`-` or nothing reads standard input",
            "The clinic's private key file, written by `asi keygen --out`",
            "Fetch the envelopes from the inbox at URL",
            "Without it, envelopes are read from FILE or standard input",
            "to standard output or the --out file",
            "--out <FILE> Write the rows to FILE instead of standard output: a new file, mode 0600",
            "an existing file is never overwritten",
        ],
    );
}

#[test]
fn the_reader_token_options_say_where_the_token_comes_from() {
    for command in ["export", "links"] {
        let h = help(&[command]);
        says(
            &h,
            &[
                "--token-file <FILE> Read the clinic's reader token from FILE: its first non-blank line, trimmed",
                "`.demo/reader-token`",
                "the environment variable ASI_READER_TOKEN is used",
                "--token <TOKEN> The clinic's reader token itself",
                "Other users of this machine can see it",
            ],
        );
    }
}

#[test]
fn commands_reading_answer_records_say_so() {
    for command in ["score", "validate", "seal"] {
        let h = help(&[command]);
        says(
            &h,
            &["Answer records to read: JSON lines, one record (a JSON object keyed by item id"],
        );
        assert!(!h.contains("nvelopes to read"), "{command}: {h}");
    }
    says(
        &help(&["open"]),
        &[
            "Envelopes to read: JSON lines",
            "written by `asi keygen --out`",
            "as one JSON line on standard output",
        ],
    );
    says(
        &help(&["validate"]),
        &[
            "--form <FORM> Hold every record to this form",
            "--identified",
        ],
    );
    says(
        &help(&["seal"]),
        &[
            "writes one envelope (one JSON line) per valid record to standard output",
            "as `asi keygen` prints it",
            "a record with an item of another form is refused",
        ],
    );
    says(
        &help(&["score"]),
        &["writes one JSON line of scores per valid record to standard output"],
    );
}

#[test]
fn files_written_say_their_mode_and_that_nothing_is_overwritten() {
    says(
        &help(&["keygen"]),
        &[
            "--out <FILE> Where to write the new private key file (mode 0600); an existing file is never overwritten",
            "prints `{\"public_key\", \"key_id\"}` as one JSON line on standard output",
        ],
    );
    says(
        &help(&["links"]),
        &[
            "CSV of the clinic's person references, read only",
            "--out <FILE> Write the `ref,token,url` CSV to FILE instead of standard output: a new file, mode 0600",
            "an existing file is never overwritten",
        ],
    );
}
