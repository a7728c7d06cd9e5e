//! Writes the app's first screens into the built `index.html` (`asi_app::prerender`,
//! `docs/first-screens.md`). Run by trunk after each build (`Trunk.toml`), where
//! `TRUNK_STAGING_DIR` names the directory being built; or by hand with the directory as the
//! one argument.

use std::path::PathBuf;
use std::process::ExitCode;

use asi_app::prerender::{page, prerender};

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR"))
        .map(PathBuf::from)
    else {
        eprintln!("asi-prerender: name the built app's directory (or run it as trunk's hook)");
        return ExitCode::from(2);
    };
    let index = dir.join("index.html");
    let written = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))
        .and_then(|html| {
            let rendered = prerender().map_err(|e| e.to_string())?;
            page(&html, &rendered).map_err(|e| format!("{}: {e}", index.display()))
        })
        .and_then(|html| {
            std::fs::write(&index, html)
                .map_err(|e| format!("cannot write {}: {e}", index.display()))
        });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("asi-prerender: {message}");
            ExitCode::FAILURE
        }
    }
}
