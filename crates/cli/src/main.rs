//! `asi`: the clinic's command line.

mod cli;
mod error;
mod export;
mod inbox;
mod key;
mod keygen;
mod links;
mod open;
mod private_file;
mod records;
mod refs;
mod report;
mod score;
mod seal;
mod source;
mod token;
mod validate;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match &cli.command {
        cli::Command::Score(args) => score::run(args, cli.lang()),
        cli::Command::Validate(args) => validate::run(args, cli.lang()),
        cli::Command::Keygen(args) => keygen::run(args, cli.lang()),
        cli::Command::Seal(args) => seal::run(args, cli.lang()),
        cli::Command::Open(args) => open::run(args, cli.lang()),
        cli::Command::Export(args) => export::run(args, cli.lang()),
        cli::Command::Links(args) => links::run(args, cli.lang()),
        cli::Command::Key(args) => key::run(args, cli.lang()),
        cli::Command::Report(args) => report::run(args, cli.lang()),
    };
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => {
            eprintln!("asi: {}", err.message(cli.lang()));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    /// Every table of the command line's texts.
    const TABLES: &[asi_i18n::Table] = &[
        crate::error::texts::ALL,
        crate::key::check::texts::ALL,
        crate::key::paper::texts::ALL,
        crate::key::recover::texts::ALL,
        crate::keygen::texts::ALL,
        crate::open::texts::ALL,
        crate::records::texts::ALL,
        crate::refs::texts::ALL,
        crate::report::texts::ALL,
        crate::source::texts::ALL,
        crate::token::texts::ALL,
        crate::validate::texts::ALL,
    ];

    #[test]
    fn every_text_has_the_same_places_in_danish_and_english() {
        assert_eq!(asi_i18n::places_disagree(TABLES), Vec::<String>::new());
    }
}
