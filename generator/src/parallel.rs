//! Running independent jobs on several threads, with results in job order whatever the thread
//! count: the output never depends on scheduling. Every stage uses it: transcription (pages),
//! loading and resolving (spec files), emit (operations), OpenAPI (services), writing (files).
//!
//! Plain `std::thread::scope` and an atomic job counter (no dependency): each thread takes the
//! next job when it is done with its last, so a large operation does not hold up a fixed share.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The environment variable that sets the number of emit threads (`1`: emit on the calling
/// thread only). Default: the machine's available parallelism.
pub const THREADS_VAR: &str = "SDKGEN_THREADS";

/// The number of threads to emit with: `SDKGEN_THREADS` when it is a number ≥ 1, else the
/// available parallelism (1 when unknown).
pub fn threads() -> usize {
    std::env::var(THREADS_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or_else(|| std::thread::available_parallelism().map(usize::from).unwrap_or(1))
}

/// `f` applied to every job on up to `threads` threads; the results in the order of `jobs`.
pub fn map_in_order<J: Sync, R: Send>(jobs: &[J], threads: usize, f: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let mut done: Vec<Option<R>> = std::iter::repeat_with(|| None).take(jobs.len()).collect();
    for_each_done(jobs, threads, f, |i, r| {
        done[i] = Some(r);
        true
    });
    done.into_iter().map(|r| r.expect("every job is done")).collect()
}

/// `f` applied to every job on up to `threads` threads, each result handed to `done` with its
/// job's index on the calling thread as soon as it is made (in the order the jobs finish, which
/// depends on scheduling: `done` must not depend on it). Results wait for `done` in a queue of
/// `threads` places (a thread with a result for a full queue waits), so a caller that writes each
/// result away holds about two per thread, whatever the number of jobs. When `done` returns false,
/// no further job is started and the results of running ones are dropped.
pub fn for_each_done<J: Sync, R: Send>(jobs: &[J], threads: usize, f: impl Fn(&J) -> R + Sync, mut done: impl FnMut(usize, R) -> bool) {
    let threads = threads.clamp(1, jobs.len().max(1));
    if threads == 1 {
        for (i, job) in jobs.iter().enumerate() {
            if !done(i, f(job)) {
                return;
            }
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (send, receive) = std::sync::mpsc::sync_channel::<(usize, R)>(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let send = send.clone();
                let (next, stop, f) = (&next, &stop, &f);
                scope.spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { return };
                        if send.send((i, f(job))).is_err() {
                            return;
                        }
                    }
                })
            })
            .collect();
        drop(send);
        let mut going = true;
        for (i, r) in receive {
            if going && !done(i, r) {
                going = false;
                stop.store(true, Ordering::Relaxed);
            }
        }
        for w in workers {
            w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_in_job_order_whatever_the_thread_count() {
        let jobs: Vec<u64> = (0..200).collect();
        // Uneven work, so threads finish out of order.
        let work = |n: &u64| (0..(n % 7) * 1000).fold(*n, |a, b| a.wrapping_mul(31).wrapping_add(b));
        let one = map_in_order(&jobs, 1, work);
        for threads in [2, 3, 8, 500] {
            assert_eq!(map_in_order(&jobs, threads, work), one, "{threads} threads");
        }
        assert_eq!(one.len(), 200);
    }

    #[test]
    fn each_result_is_handed_over_once_and_a_refusal_stops_new_jobs() {
        let jobs: Vec<u64> = (0..300).collect();
        for threads in [1, 2, 7] {
            let mut seen = vec![0; jobs.len()];
            for_each_done(
                &jobs,
                threads,
                |n| n * 2,
                |i, r| {
                    assert_eq!(r, jobs[i] * 2);
                    seen[i] += 1;
                    true
                },
            );
            assert!(seen.iter().all(|&n| n == 1), "{threads} threads: {seen:?}");

            let started = AtomicUsize::new(0);
            let mut handed = 0;
            for_each_done(
                &jobs,
                threads,
                |_| started.fetch_add(1, Ordering::Relaxed),
                |_, _| {
                    handed += 1;
                    handed < 10
                },
            );
            assert_eq!(handed, 10, "{threads} threads: no result after the refusal");
            // Besides the 10: one job running per thread and one result queued per place, at most.
            assert!(started.load(Ordering::Relaxed) <= 10 + 2 * threads, "{threads} threads: jobs went on");
        }
    }

    #[test]
    fn no_jobs_no_results() {
        assert!(map_in_order(&[] as &[u8], 4, |b| *b).is_empty());
    }
}
