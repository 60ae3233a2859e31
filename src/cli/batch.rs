//! Several files at once: one worker per core, each holding one file at a
//! time (memory bounded by the largest file, not the sum), and the output of
//! each file printed whole and in the order the files were given.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Run `work` on every index in `0..n`, on up to `jobs` threads. `work`
/// writes its messages to the buffer it is given; the buffers reach stderr
/// in index order as soon as all earlier ones have. Results come back in
/// index order.
pub fn run_ordered<R: Send>(
    n: usize,
    jobs: usize,
    work: impl Fn(usize, &mut Vec<u8>) -> R + Sync,
) -> Vec<R> {
    let jobs = jobs.clamp(1, n.max(1));
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, Vec<u8>, R)>();
    let mut results: Vec<Option<R>> = (0..n).map(|_| None).collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let mut buf = Vec::new();
                let r = work(i, &mut buf);
                if tx.send((i, buf, r)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
        let mut printed = 0;
        let stderr = std::io::stderr();
        for (i, buf, r) in rx {
            results[i] = Some(r);
            pending.insert(i, buf);
            while let Some(buf) = pending.remove(&printed) {
                let _ = stderr.lock().write_all(&buf);
                printed += 1;
            }
        }
    });
    results.into_iter().flatten().collect()
}

/// Worker threads for a batch: `-j N` if given, else `JIXIAO_JOBS`, else
/// the machine's cores.
pub fn jobs(asked: Option<usize>) -> usize {
    asked
        .or_else(|| {
            std::env::var("JIXIAO_JOBS")
                .ok()
                .and_then(|v| v.parse().ok())
                .filter(|n: &usize| *n > 0)
        })
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_and_output_in_order() {
        let r = super::run_ordered(50, 4, |i, buf| {
            buf.extend_from_slice(format!("{i}\n").as_bytes());
            i * 2
        });
        assert_eq!(r, (0..50).map(|i| i * 2).collect::<Vec<_>>());
    }
}
