//! `asi-inbox --config FILE`: runs the inbox until SIGTERM or Ctrl-C, finishing requests in
//! flight before it exits (within `[limits] shutdown_grace_secs`).
//! `asi-inbox backup --config FILE --to FILE`: a checked copy of its database, taken while it
//! runs.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use asi_inbox::config::Limits;
use asi_inbox::db::Db;
use asi_inbox::{AppState, Config, app, backup, metrics, retention, serve};
use clap::{Parser, Subcommand};

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
///
/// `asi-inbox backup --config FILE --to FILE` copies the database while the inbox runs
/// (docs/operations.md).
#[derive(Parser)]
#[command(
    name = "asi-inbox",
    version,
    about,
    subcommand_negates_reqs = true,
    args_conflicts_with_subcommands = true
)]
struct Args {
    /// The configuration file (TOML, `docs/sync-api.md`), read once at start and never
    /// written: `listen`, `database`, `app_dir`, `allowed_origins`, `[limits]` and the
    /// `[[clinics]]` with each clinic's public key and reader token hash (`scripts/start.sh` writes
    /// `.demo/inbox.toml`). The environment variables ASI_INBOX_LISTEN, ASI_INBOX_DATABASE,
    /// ASI_INBOX_APP_DIR, ASI_INBOX_ALLOWED_ORIGINS and ASI_INBOX_METRICS_LISTEN override its
    /// values. With `metrics_listen` it also serves counters (GET /metrics, Prometheus' text
    /// format) on that address, and says so on a second line.
    #[arg(long, value_name = "FILE", required = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a consistent copy of the inbox's database to a new file, also while the inbox
    /// runs.
    ///
    /// The copy (SQLite's VACUUM INTO) is the database as it stood at one instant: every
    /// envelope acknowledged before the backup began is in it. It is created with mode 0600
    /// and never over an existing file, and it is checked (PRAGMA integrity_check) before the
    /// command prints `asi-inbox: backup …` and exits 0. A copy that fails is removed; exit
    /// status 1 (2 for a configuration it cannot use). To restore: stop the inbox, put the
    /// copy in place of `database`, remove the `-wal` and `-shm` files beside it, start the
    /// inbox (docs/operations.md).
    Backup {
        /// The inbox's configuration file (its `database`, or ASI_INBOX_DATABASE).
        #[arg(long, value_name = "FILE")]
        config: PathBuf,
        /// The new file to write the copy to; it must not exist.
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
}

/// Reads the configuration, or says why not.
fn load(path: &std::path::Path) -> Result<Config, ExitCode> {
    Config::load(path).map_err(|e| {
        eprintln!("asi-inbox: {e}");
        ExitCode::from(2)
    })
}

fn main() -> ExitCode {
    let args = Args::parse();
    match (args.command, args.config) {
        (Some(Command::Backup { config, to }), _) => run_backup(&config, &to),
        (None, Some(config)) => serve_inbox(&config),
        // clap requires --config without a subcommand.
        (None, None) => ExitCode::from(2),
    }
}

fn run_backup(config: &std::path::Path, to: &std::path::Path) -> ExitCode {
    let config = match load(config) {
        Ok(config) => config,
        Err(code) => return code,
    };
    match backup::backup(&config.database, to) {
        Ok(summary) => {
            println!(
                "asi-inbox: backup of {} written to {} ({} bytes: {} envelopes, {} tombstones, {} links; integrity_check ok)",
                config.database.display(),
                to.display(),
                summary.bytes,
                summary.envelopes,
                summary.tombstones,
                summary.links
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("asi-inbox: no backup made: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve_inbox(config: &std::path::Path) -> ExitCode {
    match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime.block_on(run(config)),
        Err(e) => {
            eprintln!("asi-inbox: cannot start the runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: &std::path::Path) -> ExitCode {
    let config = match load(config) {
        Ok(config) => config,
        Err(code) => return code,
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
    let metrics_listener = match &config.metrics_listen {
        Some(address) => match tokio::net::TcpListener::bind(address).await {
            Ok(l) => Some(l),
            Err(e) => {
                eprintln!("asi-inbox: cannot listen on {address} (metrics_listen): {e}");
                return ExitCode::from(2);
            }
        },
        None => None,
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
    // One signal stops both listeners.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown().await;
        let _ = stop.send(true);
    });
    let until_stopped = move || {
        let mut stopped = stopped.clone();
        async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        }
    };
    if let Some(listener) = metrics_listener {
        if let Ok(address) = listener.local_addr() {
            println!("asi-inbox: metrics on http://{address}/metrics");
        }
        // A few connections are plenty for a monitoring system.
        let limits = Limits {
            max_connections: METRICS_CONNECTIONS,
            ..limits.clone()
        };
        let router = metrics::app(state.clone());
        let stopped = until_stopped();
        tokio::spawn(async move {
            if let Err(e) = serve::serve(listener, router, &limits, stopped).await {
                eprintln!("asi-inbox: metrics: {e}");
            }
        });
    }
    let router = app(state);
    match serve::serve(listener, router, &limits, until_stopped()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("asi-inbox: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Connections the metrics listener holds at once.
const METRICS_CONNECTIONS: usize = 8;

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
