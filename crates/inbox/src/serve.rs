//! The inbox on a socket: HTTP/1.1 connections with timeouts, a cap on connections held at
//! once, and a shutdown that ends within its grace period whatever the clients do
//! (`docs/sync-api.md`, "Timeouts and limits").
//!
//! Every connection is in one of four phases, and each phase has its own bound:
//!
//! - **head**: a new connection, or one that has sent the first byte of its next request,
//!   must deliver the whole request head within `header_timeout`, else it is closed;
//! - **idle**: a kept-alive connection with no request in flight is closed after
//!   `idle_timeout` without a byte;
//! - **working**: the request was read and is being handled; its body must arrive in full
//!   within `body_timeout` of the head, else the client gets 408 `timeout`;
//! - **sending**: the response is being written; if the client takes no byte of it for
//!   `body_timeout`, the connection is closed.
//!
//! hyper's own `header_read_timeout` is not used: it also runs while a kept-alive connection
//! waits for its next request, so it cannot give idle connections a longer bound than heads.
//!
//! At the cap, the oldest connection in the head or idle phase (no request in flight: idle,
//! or trickling a head) is closed to make room for a new one; if every connection has a
//! request in flight, the new one waits in the listen backlog until one is done. So an
//! attacker holding any number of stalled connections cannot keep `/healthz` or a phone
//! from being answered.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use axum::response::IntoResponse;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use thiserror::Error;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

use crate::api::error::json_errors;
use crate::config::Limits;

/// File descriptors kept free of connections: standard streams, the listener, the runtime's
/// own, and the SQLite database with its WAL and shared-memory files, with room to spare.
pub const FDS_RESERVED: u64 = 32;
/// File descriptors one connection may hold: its socket and a static file being sent.
pub const FDS_PER_CONNECTION: u64 = 2;

/// Why the inbox cannot serve.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The file descriptor limit cannot be read.
    #[error("cannot read the file descriptor limit (RLIMIT_NOFILE): {0}")]
    FdLimitUnknown(io::Error),
    /// The file descriptor limit leaves no room for a connection.
    #[error(
        "the file descriptor limit is {limit}, which leaves no room for connections; \
         raise it (ulimit -n) to at least {needed}"
    )]
    FdLimitTooLow {
        /// The process's soft limit.
        limit: u64,
        /// The least that serves one connection.
        needed: u64,
    },
}

/// Raises the soft file descriptor limit towards what `max_connections` need, as far as the
/// hard limit allows; the soft limit in force after it (`None` where there is no such
/// limit).
pub fn raise_fd_limit(max_connections: usize) -> io::Result<Option<u64>> {
    #[cfg(unix)]
    {
        let wanted = FDS_RESERVED
            + FDS_PER_CONNECTION * u64::try_from(max_connections).unwrap_or(u64::MAX / 4);
        rlimit::increase_nofile_limit(wanted).map(Some)
    }
    #[cfg(not(unix))]
    {
        let _ = max_connections;
        Ok(None)
    }
}

/// How many connections the inbox holds at once: `max_connections`, or fewer when the file
/// descriptor limit (read now) leaves room for fewer beside [`FDS_RESERVED`].
pub fn connection_cap(max_connections: usize) -> Result<usize, ServeError> {
    #[cfg(unix)]
    {
        let (soft, _) =
            rlimit::getrlimit(rlimit::Resource::NOFILE).map_err(ServeError::FdLimitUnknown)?;
        if soft == rlimit::INFINITY {
            return Ok(max_connections.max(1));
        }
        let room = soft.saturating_sub(FDS_RESERVED) / FDS_PER_CONNECTION;
        if room == 0 {
            return Err(ServeError::FdLimitTooLow {
                limit: soft,
                needed: FDS_RESERVED + FDS_PER_CONNECTION,
            });
        }
        Ok(max_connections
            .max(1)
            .min(usize::try_from(room).unwrap_or(usize::MAX)))
    }
    #[cfg(not(unix))]
    Ok(max_connections.max(1))
}

/// Serves `router` on `listener` under `limits` until `shutdown` completes; then stops
/// accepting, closes connections with no request in flight at once, lets requests in flight
/// finish, and returns within `limits.shutdown_grace` of `shutdown` in any case.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: &Limits,
    shutdown: impl Future<Output = ()>,
) -> Result<(), ServeError> {
    let cap = connection_cap(limits.max_connections)?;
    let shared = Arc::new(Shared {
        conns: Mutex::new(BTreeMap::new()),
        changed: Arc::new(Notify::new()),
        header_timeout: limits.header_timeout(),
        body_timeout: limits.body_timeout(),
        idle_timeout: limits.idle_timeout(),
    });
    let (stop, stopped) = watch::channel(false);
    let mut tasks = JoinSet::new();
    let mut next_id: u64 = 0;
    tokio::pin!(shutdown);
    loop {
        while tasks.try_join_next().is_some() {}
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) if is_connection_error(&e) => continue,
            Err(e) => {
                // Out of file descriptors, most likely; no address or request is logged.
                eprintln!("asi-inbox: cannot accept a connection: {e}");
                tokio::select! {
                    () = &mut shutdown => break,
                    () = tokio::time::sleep(Duration::from_secs(1)) => continue,
                }
            }
        };
        // Only now, with a connection to serve, is another closed for it.
        tokio::select! {
            () = &mut shutdown => break,
            () = shared.make_room(cap) => {}
        }
        next_id += 1;
        let conn = Arc::new(Conn::new(shared.changed.clone()));
        lock(&shared.conns).insert(next_id, conn.clone());
        let registration = Registration {
            shared: shared.clone(),
            id: next_id,
        };
        tasks.spawn(connection(
            stream,
            conn,
            registration,
            router.clone(),
            stopped.clone(),
        ));
    }
    drop(listener);
    let _ = stop.send(true);
    let drained = tokio::time::timeout(limits.shutdown_grace(), async {
        while tasks.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        // Past the grace period: whatever is left is cut.
        tasks.shutdown().await;
    }
    Ok(())
}

/// Errors of one incoming connection that say nothing about the listener.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What every connection's task shares with the accept loop.
struct Shared {
    /// The open connections by id; ids grow, so the first is the oldest.
    conns: Mutex<BTreeMap<u64, Arc<Conn>>>,
    /// A connection ended or has no request in flight any more (wakes the accept loop).
    changed: Arc<Notify>,
    header_timeout: Duration,
    body_timeout: Duration,
    idle_timeout: Duration,
}

impl Shared {
    /// Returns when fewer than `cap` connections are open, closing the oldest connection
    /// without a request in flight while there is none to spare. Called with a new
    /// connection in hand: the cap counts the connections being served.
    async fn make_room(&self, cap: usize) {
        loop {
            {
                let conns = lock(&self.conns);
                if conns.len() < cap {
                    return;
                }
                let closing = conns.values().filter(|c| lock(&c.state).evicted).count();
                if conns.len() - closing >= cap
                    && let Some(oldest) = conns.values().find(|c| lock(&c.state).evictable())
                {
                    lock(&oldest.state).evicted = true;
                    oldest.wake.notify_one();
                }
            }
            // One waiter only (this loop): a notification that came before is kept.
            self.changed.notified().await;
        }
    }
}

/// Removes a connection from [`Shared::conns`] when its task ends or is aborted.
struct Registration {
    shared: Arc<Shared>,
    id: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        lock(&self.shared.conns).remove(&self.id);
        self.shared.changed.notify_one();
    }
}

/// One connection's state, shared by its task, its socket and its requests.
struct Conn {
    state: Mutex<State>,
    /// The connection's deadline moved earlier, or it is to close (wakes its task).
    wake: Notify,
    /// [`Shared::changed`].
    server_changed: Arc<Notify>,
}

impl Conn {
    fn new(server_changed: Arc<Notify>) -> Conn {
        let now = Instant::now();
        Conn {
            state: Mutex::new(State {
                in_flight: false,
                responding: false,
                // A new connection is expected to send a request head at once.
                head_since: Some(now),
                idle_since: now,
                last_write: now,
                unflushed: false,
                evicted: false,
            }),
            wake: Notify::new(),
            server_changed,
        }
    }

    /// Bytes arrived from the client.
    fn on_read(&self) {
        let mut state = lock(&self.state);
        if !state.in_flight && state.head_since.is_none() {
            state.head_since = Some(Instant::now());
            drop(state);
            self.wake.notify_one();
        }
    }

    /// The kernel took `n` bytes of a response.
    fn on_write(&self, n: usize) {
        if n > 0 {
            let mut state = lock(&self.state);
            state.last_write = Instant::now();
            state.unflushed = true;
        }
    }

    /// Everything written so far is with the kernel.
    fn on_flush(&self) {
        let mut state = lock(&self.state);
        if state.unflushed {
            state.unflushed = false;
            if !state.in_flight {
                state.idle_since = Instant::now();
                drop(state);
                self.wake.notify_one();
                self.server_changed.notify_one();
            }
        }
    }
}

/// A connection's state.
struct State {
    /// A request was read and its response is not yet all handed to hyper.
    in_flight: bool,
    /// hyper has started taking the response body.
    responding: bool,
    /// When the head being read began (a new connection, or a first byte after idling).
    head_since: Option<Instant>,
    /// When the last response was all written.
    idle_since: Instant,
    /// When the kernel last took bytes of a response.
    last_write: Instant,
    /// hyper wrote bytes it has not yet flushed.
    unflushed: bool,
    /// The connection is to close to make room.
    evicted: bool,
}

/// The phase of a connection.
enum Phase {
    Head(Instant),
    Idle(Instant),
    Working,
    Sending(Instant),
}

impl State {
    fn phase(&self) -> Phase {
        if (self.in_flight && self.responding) || self.unflushed {
            Phase::Sending(self.last_write)
        } else if self.in_flight {
            Phase::Working
        } else if let Some(since) = self.head_since {
            Phase::Head(since)
        } else {
            Phase::Idle(self.idle_since)
        }
    }

    /// When the connection is closed unless something happens first.
    fn deadline(&self, shared: &Shared) -> Option<Instant> {
        match self.phase() {
            Phase::Head(since) => Some(since + shared.header_timeout),
            Phase::Idle(since) => Some(since + shared.idle_timeout),
            Phase::Sending(since) => Some(since + shared.body_timeout),
            Phase::Working => None,
        }
    }

    /// No request in flight and nothing left to send: the connection may be closed at once
    /// to make room or to shut down.
    fn quiet(&self) -> bool {
        matches!(self.phase(), Phase::Head(_) | Phase::Idle(_))
    }

    fn evictable(&self) -> bool {
        !self.evicted && self.quiet()
    }
}

/// Serves one connection until it ends, is closed by its bound, is evicted, or the server
/// shuts down.
async fn connection(
    stream: TcpStream,
    conn: Arc<Conn>,
    registration: Registration,
    router: Router,
    mut stopped: watch::Receiver<bool>,
) {
    let shared = registration.shared.clone();
    let io = TokioIo::new(Tracked {
        stream,
        conn: conn.clone(),
    });
    let service = {
        let conn = conn.clone();
        let body_timeout = shared.body_timeout;
        hyper::service::service_fn(move |request| {
            handle(request, router.clone(), conn.clone(), body_timeout)
        })
    };
    let http = http1::Builder::new()
        .keep_alive(true)
        .header_read_timeout(None)
        .serve_connection(io, service);
    tokio::pin!(http);
    let mut draining = false;
    loop {
        let now = Instant::now();
        let deadline = {
            let state = lock(&conn.state);
            if state.evicted || (draining && state.quiet()) {
                break;
            }
            state.deadline(&shared)
        };
        if deadline.is_some_and(|d| d <= now) {
            break;
        }
        tokio::select! {
            // A client that breaks off is no error of the inbox's: nothing to log.
            _ = http.as_mut() => break,
            () = conn.wake.notified() => {}
            () = sleep_until(deadline), if deadline.is_some() => {}
            // A value sent, or the server gone: either way, stop.
            _ = stopped.changed(), if !draining => {
                draining = true;
                http.as_mut().graceful_shutdown();
            }
        }
    }
    drop(registration);
}

async fn sleep_until(deadline: Option<Instant>) {
    if let Some(deadline) = deadline {
        tokio::time::sleep_until(deadline).await;
    }
}

/// One request: its body bounded by `body_timeout` in all, its response tracked until hyper
/// has taken all of it.
async fn handle(
    request: Request<Incoming>,
    router: Router,
    conn: Arc<Conn>,
    body_timeout: Duration,
) -> Result<Response<Body>, Infallible> {
    let busy = Busy::start(conn);
    let timed_out = Arc::new(AtomicBool::new(false));
    let request = request.map(|body| {
        Body::new(DeadlineBody {
            body,
            deadline: Box::pin(tokio::time::sleep(body_timeout)),
            timed_out: timed_out.clone(),
        })
    });
    let response = match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let response = if timed_out.load(Ordering::Relaxed) {
        body_timeout_response(body_timeout).await
    } else {
        response
    };
    Ok(response.map(|body| {
        Body::new(TrackedBody {
            body,
            busy: Some(busy),
        })
    }))
}

/// 408 `timeout`, closing the connection (the rest of the body is not waited for).
async fn body_timeout_response(body_timeout: Duration) -> Response<Body> {
    let message = format!(
        "the request body did not arrive within {} seconds",
        body_timeout.as_secs()
    );
    let mut response = (StatusCode::REQUEST_TIMEOUT, message).into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    json_errors(response).await
}

/// A request in flight on a connection, from its head until hyper has taken its response.
struct Busy {
    conn: Arc<Conn>,
    started_responding: bool,
}

impl Busy {
    fn start(conn: Arc<Conn>) -> Busy {
        {
            let mut state = lock(&conn.state);
            state.in_flight = true;
            state.responding = false;
            state.head_since = None;
        }
        Busy {
            conn,
            started_responding: false,
        }
    }

    /// hyper takes the response body: from now on the client must keep reading.
    fn responding(&mut self) {
        if !self.started_responding {
            self.started_responding = true;
            {
                let mut state = lock(&self.conn.state);
                state.responding = true;
                state.last_write = Instant::now();
            }
            self.conn.wake.notify_one();
        }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        {
            let mut state = lock(&self.conn.state);
            state.in_flight = false;
            state.responding = false;
            state.head_since = None;
            state.idle_since = Instant::now();
        }
        self.conn.wake.notify_one();
        self.conn.server_changed.notify_one();
    }
}

/// The request body, failing once `deadline` is past.
struct DeadlineBody {
    body: Incoming,
    deadline: Pin<Box<Sleep>>,
    timed_out: Arc<AtomicBool>,
}

/// Why a request body ended early.
#[derive(Debug, Error)]
enum BodyError {
    /// The body did not arrive in time.
    #[error("the request body did not arrive in time")]
    Timeout,
    /// The connection failed.
    #[error(transparent)]
    Read(#[from] hyper::Error),
}

impl http_body::Body for DeadlineBody {
    type Data = Bytes;
    type Error = BodyError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BodyError>>> {
        let this = self.get_mut();
        if this.deadline.as_mut().poll(cx).is_ready() {
            this.timed_out.store(true, Ordering::Relaxed);
            return Poll::Ready(Some(Err(BodyError::Timeout)));
        }
        Pin::new(&mut this.body)
            .poll_frame(cx)
            .map(|frame| frame.map(|f| f.map_err(BodyError::Read)))
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The response body, keeping its request in flight until hyper has taken all of it.
struct TrackedBody {
    body: Body,
    busy: Option<Busy>,
}

impl http_body::Body for TrackedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        if let Some(busy) = &mut this.busy {
            busy.responding();
        }
        let frame = Pin::new(&mut this.body).poll_frame(cx);
        if let Poll::Ready(None) = frame {
            this.busy = None;
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The socket, telling its connection when bytes move.
struct Tracked {
    stream: TcpStream,
    conn: Arc<Conn>,
}

impl AsyncRead for Tracked {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let read = Pin::new(&mut this.stream).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.conn.on_read();
        }
        read
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.stream).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = written {
            this.conn.on_write(n);
        }
        written
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        if let Poll::Ready(Ok(n)) = written {
            this.conn.on_write(n);
        }
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let flushed = Pin::new(&mut this.stream).poll_flush(cx);
        if let Poll::Ready(Ok(())) = flushed {
            this.conn.on_flush();
        }
        flushed
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
