//! Image work (decoding and scaling photos) is the costliest thing a request can ask
//! for, so it runs on a bounded number of blocking threads with a short queue; beyond
//! the queue a request is told to try again instead of piling up CPU and memory.

use crate::error::{Error, Result};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use tokio::sync::Semaphore;

/// The workers for image work, shared by every request of a node.
pub struct ImageWork(Arc<Inner>);

struct Inner {
    workers: Semaphore,
    /// Jobs admitted and not finished: running or waiting.
    admitted: AtomicUsize,
    capacity: usize,
    refused: AtomicU64,
}

impl ImageWork {
    /// `workers` at a time (at least one), and `queue` waiting.
    pub fn new(workers: usize, queue: usize) -> Self {
        let workers = workers.max(1);
        Self(Arc::new(Inner {
            workers: Semaphore::new(workers),
            admitted: AtomicUsize::new(0),
            capacity: workers + queue,
            refused: AtomicU64::new(0),
        }))
    }

    /// One worker per two cores, at most two: image work must leave room for requests.
    pub fn workers_for_this_machine() -> usize {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        (cores / 2).clamp(1, 2)
    }

    /// Runs `work` on a worker, or refuses at once when the queue is full. The work runs
    /// to its end even when the request is gone, and holds its worker until then.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
        if self.0.admitted.fetch_add(1, Ordering::AcqRel) >= self.0.capacity {
            self.0.admitted.fetch_sub(1, Ordering::AcqRel);
            self.0.refused.fetch_add(1, Ordering::Relaxed);
            return Err(Error::ImagesBusy);
        }
        let admitted = Admitted(self.0.clone());
        let inner = self.0.clone();
        let permit = match inner.workers.acquire().await {
            Ok(permit) => permit,
            Err(_) => return Err(Error::Internal("the image workers are closed".into())),
        };
        permit.forget();
        tokio::task::spawn_blocking(move || {
            let _admitted = admitted;
            let _worker = Worker(inner);
            work()
        })
        .await
        .map_err(|e| Error::Internal(format!("image work: {e}")))
    }

    /// How many jobs the full queue has turned away on this node.
    pub fn refused(&self) -> u64 {
        self.0.refused.load(Ordering::Relaxed)
    }
}

/// Counts a job as admitted until it ends (or its request goes before it started).
struct Admitted(Arc<Inner>);

impl Drop for Admitted {
    fn drop(&mut self) {
        self.0.admitted.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Gives the worker back when the job ends.
struct Worker(Arc<Inner>);

impl Drop for Worker {
    fn drop(&mut self) {
        self.0.workers.add_permits(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn beyond_the_queue_work_is_refused_and_never_more_than_the_workers_run() {
        const QUEUE: usize = 4;
        let images = Arc::new(ImageWork::new(1, QUEUE));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let (release, wait) = mpsc::channel::<()>();
        let wait = Arc::new(std::sync::Mutex::new(wait));
        let mut jobs = Vec::new();
        for _ in 0..1 + QUEUE {
            let (images, running, most, wait) = (images.clone(), running.clone(), most.clone(), wait.clone());
            jobs.push(tokio::spawn(async move {
                images
                    .run(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        wait.lock().unwrap().recv().unwrap();
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
            }));
        }
        while images.0.admitted.load(Ordering::SeqCst) < 1 + QUEUE {
            tokio::task::yield_now().await;
        }
        assert!(matches!(images.run(|| ()).await, Err(Error::ImagesBusy)), "the sixth is refused");
        assert_eq!(images.refused(), 1);
        for _ in 0..1 + QUEUE {
            release.send(()).unwrap();
        }
        for job in jobs {
            job.await.unwrap().unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), 1, "one worker, one job at a time");
        assert_eq!(images.run(|| 7).await.unwrap(), 7, "room again once the queue is done");
    }
}
