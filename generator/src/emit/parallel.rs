//! Running the emitter's independent jobs (one per operation) on several threads, with results
//! in job order whatever the thread count: the output never depends on scheduling.
//!
//! Plain `std::thread::scope` and an atomic job counter (no dependency): each thread takes the
//! next job when it is done with its last, so a large operation does not hold up a fixed share.

use std::sync::atomic::{AtomicUsize, Ordering};

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
    let threads = threads.clamp(1, jobs.len().max(1));
    if threads == 1 {
        return jobs.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        match jobs.get(i) {
                            Some(job) => mine.push((i, f(job))),
                            None => return mine,
                        }
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
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
    fn no_jobs_no_results() {
        assert!(map_in_order(&[] as &[u8], 4, |b| *b).is_empty());
    }
}
