//! `asi-inbox --config FILE`: runs the inbox until SIGTERM or Ctrl-C, finishing requests in
//! flight before it exits (within `[limits] shutdown_grace_secs`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use asi_inbox::db::Db;
use asi_inbox::{AppState, Config, app, retention, serve};
use clap::Parser;

/// The inbox server for sealed ASI responses.
///
/// Reads the configuration file once at start. Opens the SQLite database it names
/// (`database`), creating it if it does not exist, with its `-wal` and `-shm` files beside
/// it (all mode 0600, readable by this user only); keeps each envelope there (ciphertext and clear metadata only) until the clinic
/// deletes it or its `retention_days` have passed. Listens on `listen`, serving the API and,
/// with `app_dir`, the app's files (only read). Prints `asi-inbox: listening on http://…`
/// on standard output once it listens, problems on standard error, and runs until SIGTERM
/// or Ctrl-C, finishing requests in flight within `[limits] shutdown_grace_secs`. A
/// configuration, database or address it cannot
/// use stops it at start with a message and exit status 2.
#[derive(Parser)]
#[command(name = "asi-inbox", version, about)]
struct Args {
    /// The configuration file (TOML, `docs/sync-api.md`), read once at start and never
    /// written: `listen`, `database`, `app_dir`, `allowed_origins`, `[limits]` and the
    /// `[[clinics]]` with each clinic's public key and reader token hash (`scripts/start.sh` writes
    /// `.demo/inbox.toml`). The environment variables ASI_INBOX_LISTEN, ASI_INBOX_DATABASE,
    /// ASI_INBOX_APP_DIR and ASI_INBOX_ALLOWED_ORIGINS override its values.
    #[arg(long, value_name = "FILE")]
    config: PathBuf,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let config = match Config::load(&args.config) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("asi-inbox: {e}");
            return ExitCode::from(2);
        }
    };
    // Before anything opens a file: room for the connections the configuration allows.
    if let Err(e) = serve::raise_fd_limit(config.limits.max_connections) {
        eprintln!("asi-inbox: cannot raise the file descriptor limit: {e}");
    }
    let cap = match serve::connection_cap(config.limits.max_connections) {
        Ok(cap) => cap,
        Err(e) => {
            eprintln!("asi-inbox: {e}");
            return ExitCode::from(2);
        }
    };
    if cap < config.limits.max_connections {
        eprintln!(
            "asi-inbox: holding at most {cap} connections, not {}: the file descriptor limit \
             leaves room for no more",
            config.limits.max_connections
        );
    }
    let db = match Db::open(&config.database) {
        Ok(db) => db,
        Err(e) => {
            eprintln!(
                "asi-inbox: cannot open the database {}: {e}",
                config.database.display()
            );
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(&config.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("asi-inbox: cannot listen on {}: {e}", config.listen);
            return ExitCode::from(2);
        }
    };
    println!(
        "asi-inbox: listening on http://{}",
        listener
            .local_addr()
            .map_or(config.listen.clone(), |a| a.to_string())
    );
    let limits = config.limits.clone();
    let state = Arc::new(AppState::new(config, db));
    tokio::spawn(retention::run(state.clone()));
    let router = app(state);
    match serve::serve(listener, router, &limits, shutdown()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("asi-inbox: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("a SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
