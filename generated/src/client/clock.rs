// Copied by otc-sdkgen from generator/runtime/client/clock.rs. Do not edit here: edit that file and run `cargo run`.

//! Time as the client sees it: what time it is and how to sleep, injectable
//! ([`ClientBuilder::clock`](super::ClientBuilder::clock)), as smithy-rs splits it into a
//! `TimeSource` and an `AsyncSleep`.
//!
//! The client asks its [`Clock`] for:
//!
//! - [`Clock::now`] (monotonic): when a wait started and how long it has run
//!   ([`WaitPolicy`](super::WaitPolicy)'s `max_wait` and grace), when a cached token is renewed;
//! - [`Clock::system_time`] (the wall clock): the `X-Sdk-Date` of AK/SK signing, and the token's
//!   issue time when IAM does not say it;
//! - [`Clock::sleep`]: between polls of [`Client::wait_for_job`](super::Client::wait_for_job) and
//!   [`Client::wait_for_instance`](super::Client::wait_for_instance), between the attempts of
//!   [`Client::send_when_free`](super::Client::send_when_free), and before each retry of the
//!   [`RetryPolicy`](super::RetryPolicy).
//!
//! The default, [`TokioClock`], is `tokio::time` (so a paused tokio clock pauses it too) and
//! `SystemTime::now()`. [`VirtualClock`] is time for tests: every sleep ends at once and moves
//! the clock forward, so waiting 30 minutes for a job takes milliseconds, and the test can ask how
//! much virtual time passed and which sleeps were taken. Unlike tokio's paused clock it does not
//! advance while a request is on the wire, so per-request timeouts keep their real meaning.
//!
//! What the clock does not govern: the per-attempt [`timeout`](super::ClientBuilder::timeout)
//! (enforced by the HTTP client with tokio's timer) and the `elapsed_ms` of the tracing events
//! (the real duration of each attempt).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};

/// What time it is, and how to wait. Implement it to run the client on another timer (another
/// runtime, a simulation); see the [module documentation](self).
pub trait Clock: Send + Sync + fmt::Debug {
    /// A monotonic instant: only differences between two of them are used.
    fn now(&self) -> Instant;

    /// The wall-clock time.
    fn system_time(&self) -> SystemTime;

    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> Sleep;
}

/// The future of [`Clock::sleep`]: any `Send` future of `()`, boxed.
pub struct Sleep(Pin<Box<dyn Future<Output = ()> + Send + 'static>>);

impl Sleep {
    /// Wraps a future (`tokio::time::sleep(d)`, `async_std::task::sleep(d)`, …).
    pub fn new(future: impl Future<Output = ()> + Send + 'static) -> Self {
        Sleep(Box::pin(future))
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.0.as_mut().poll(cx)
    }
}

impl fmt::Debug for Sleep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sleep")
    }
}

/// The default clock: `tokio::time` for `now` and `sleep`, `SystemTime::now()` for the wall
/// clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioClock;

impl Clock for TokioClock {
    fn now(&self) -> Instant {
        tokio::time::Instant::now().into_std()
    }

    fn system_time(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        Sleep::new(tokio::time::sleep(duration))
    }
}

/// Virtual time for tests: a sleep completes at once and moves the clock to its end (unless the
/// clock is already past it: concurrent sleeps overlap), and is recorded.
///
/// Clones share the time: keep one, give a clone to the client
/// (`Client::builder().clock(clock.clone())`), then ask it how much time passed.
///
/// ```
/// use otc_db_sdk::client::clock::{Clock, VirtualClock};
/// use otc_db_sdk::client::{Auth, Client};
/// use std::time::Duration;
///
/// let clock = VirtualClock::new();
/// let client = Client::builder()
///     .project_id("0123456789abcdef0123456789abcdef")
///     .base_url("http://127.0.0.1:8080")
///     .auth(Auth::token("token"))
///     .clock(clock.clone())
///     .build()
///     .expect("a client");
/// // … client.wait_for_job("rds", &job_id, policy).await …: no real time passes
/// let start = clock.now();
/// clock.advance(Duration::from_secs(30 * 60));
/// assert_eq!(clock.now() - start, Duration::from_secs(30 * 60));
/// assert_eq!(clock.elapsed(), Duration::from_secs(30 * 60));
/// # drop(client);
/// ```
#[derive(Clone, Debug)]
pub struct VirtualClock {
    inner: Arc<Virtual>,
}

#[derive(Debug)]
struct Virtual {
    start: Instant,
    start_system: SystemTime,
    state: Mutex<VirtualState>,
}

#[derive(Debug, Default)]
struct VirtualState {
    elapsed: Duration,
    sleeps: Vec<Duration>,
}

impl Default for VirtualClock {
    fn default() -> Self {
        VirtualClock::new()
    }
}

impl VirtualClock {
    /// A virtual clock whose wall clock starts at the real current time.
    pub fn new() -> Self {
        VirtualClock::starting_at(SystemTime::now())
    }

    /// A virtual clock whose wall clock starts at `system_time` (a fixed date for signatures).
    pub fn starting_at(system_time: SystemTime) -> Self {
        VirtualClock {
            inner: Arc::new(Virtual { start: Instant::now(), start_system: system_time, state: Mutex::new(VirtualState::default()) }),
        }
    }

    /// The virtual time passed since the clock was made.
    pub fn elapsed(&self) -> Duration {
        self.state().elapsed
    }

    /// Moves the clock forward by `duration` (time passing outside a sleep of the client: a
    /// token's life, say).
    pub fn advance(&self, duration: Duration) {
        self.state().elapsed += duration;
    }

    /// Every sleep asked for, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state().sleeps.clone()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, VirtualState> {
        // A panic while holding this lock leaves plain numbers behind: still usable.
        self.inner.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Clock for VirtualClock {
    fn now(&self) -> Instant {
        self.inner.start + self.elapsed()
    }

    fn system_time(&self) -> SystemTime {
        self.inner.start_system + self.elapsed()
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        let end = {
            let mut state = self.state();
            state.sleeps.push(duration);
            state.elapsed + duration
        };
        let clock = self.clone();
        Sleep::new(YieldOnce {
            then: Some(move || {
                let mut state = clock.state();
                state.elapsed = state.elapsed.max(end);
            }),
        })
    }
}

/// Runs `then` and returns `Pending` once (waking itself), so that other tasks run between two
/// virtual sleeps; `Ready` the next time.
struct YieldOnce<F> {
    then: Option<F>,
}

impl<F: FnOnce() + Unpin> Future for YieldOnce<F> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.then.take() {
            Some(then) => {
                then();
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            None => Poll::Ready(()),
        }
    }
}
