//! Chỗ làm việc nặng — a bounded number of slots for work that takes much memory or CPU (password
//! hashing, image cleaning): excess requests wait briefly for a slot, then get a Vietnamese 503,
//! so memory stays bounded whatever arrives.

use std::time::Duration;

use axum::http::StatusCode;
use tokio::sync::Semaphore;

use crate::kernel::HttpError;

/// Runs `work` on the blocking pool once one of `slots` is free; after `wait` without one,
/// refuses with 503 and `busy` as the message.
pub async fn run_in_slot<T: Send + 'static>(
    slots: &Semaphore,
    wait: Duration,
    busy: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, HttpError> {
    let refused = || HttpError::Refused {
        status: StatusCode::SERVICE_UNAVAILABLE,
        message: busy.to_owned(),
    };
    let _slot = tokio::time::timeout(wait, slots.acquire())
        .await
        .map_err(|_| refused())?
        .map_err(|_| refused())?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| refused())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_waits_for_a_slot_then_is_refused_with_503() {
        let slots = Semaphore::new(1);
        let held = slots.acquire().await.unwrap();
        let refused = run_in_slot(&slots, Duration::from_millis(50), "bận", || 1).await;
        match refused {
            Err(HttpError::Refused { status, message }) => {
                assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
                assert_eq!(message, "bận");
            }
            other => panic!("expected 503, got {other:?}"),
        }
        drop(held);
        let done = run_in_slot(&slots, Duration::from_millis(50), "bận", || 2).await;
        assert_eq!(done.unwrap(), 2);
    }
}
