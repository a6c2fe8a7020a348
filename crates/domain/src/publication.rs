//! Xuất bản — when an article is public, how its state reads, and which publication time a save
//! or a publish stores. The store keeps the status and the time; the administration's handlers
//! ask here what they become.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Trạng thái bài — the stored publication state of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleStatus {
    /// Bản nháp — not public.
    Draft,
    /// Đã đăng — public once `published_at` has passed (a future time means scheduled).
    Published,
    /// Đã gỡ — taken down after publication.
    Unpublished,
}

impl ArticleStatus {
    /// The stored name (`draft`, `published`, `unpublished`).
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::Published => "published",
            ArticleStatus::Unpublished => "unpublished",
        }
    }

    /// Parse the stored name.
    pub fn parse(s: &str) -> Option<ArticleStatus> {
        match s {
            "draft" => Some(ArticleStatus::Draft),
            "published" => Some(ArticleStatus::Published),
            "unpublished" => Some(ArticleStatus::Unpublished),
            _ => None,
        }
    }
}

/// Tình trạng hiển thị — how an article stands at a moment: the stored status, with a published
/// article whose time is still ahead told apart as scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    /// Bản nháp.
    Draft,
    /// Đã lên lịch — published, with a time still ahead.
    Scheduled,
    /// Đã xuất bản — public now.
    Published,
    /// Đã gỡ.
    Unpublished,
}

/// How an article with `status` and `published_at` stands at `now`.
pub fn standing(
    status: ArticleStatus,
    published_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Standing {
    match status {
        ArticleStatus::Draft => Standing::Draft,
        ArticleStatus::Unpublished => Standing::Unpublished,
        ArticleStatus::Published if published_at.is_some_and(|t| t > now) => Standing::Scheduled,
        ArticleStatus::Published => Standing::Published,
    }
}

/// Whether readers may see an article with `status` and `published_at` at `now`: published, with
/// a time that has come. (A published article always has a time: see [`stored_time`].)
pub fn is_public(
    status: ArticleStatus,
    published_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    standing(status, published_at, now) == Standing::Published && published_at.is_some()
}

/// Nút đã bấm — what the editor's form asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveAction {
    /// Lưu — keep the article's status (a new article is a draft).
    Save,
    /// Lưu và xuất bản — store and publish (at the given time, or now).
    Publish,
}

/// The status an article has after a save: `current` is `None` for a new article.
pub fn status_after_save(current: Option<ArticleStatus>, action: SaveAction) -> ArticleStatus {
    match action {
        SaveAction::Publish => ArticleStatus::Published,
        SaveAction::Save => current.unwrap_or(ArticleStatus::Draft),
    }
}

/// The publication time to store with `status`: a published article given no time is published
/// at `now`; otherwise the requested time (none, or a time ahead for a scheduled one) stays.
pub fn stored_time(
    status: ArticleStatus,
    requested: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    match (status, requested) {
        (ArticleStatus::Published, None) => Some(now),
        (_, t) => t,
    }
}

/// Đăng bài — what the "publish" action changes beyond the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishTime {
    /// Only the status changes: the stored time stays (or, when none is stored, the store
    /// publishes at the moment of the change — [`stored_time`]).
    Keep,
    /// The publication time becomes this one (in the past or now: published; ahead: scheduled).
    Set(DateTime<Utc>),
}

/// The time a "publish" with `requested` (the form's time, if any) does to an article whose time
/// is `stored`: keep it when none is asked and none is stored, or when the one asked is the one
/// stored; otherwise set the one asked, or `now` when none is asked (publishing a scheduled
/// article without a time publishes it at once).
pub fn publish_time(
    requested: Option<DateTime<Utc>>,
    stored: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> PublishTime {
    match (requested, stored) {
        (None, None) => PublishTime::Keep,
        (Some(t), Some(s)) if t == s => PublishTime::Keep,
        (requested, _) => PublishTime::Set(requested.unwrap_or(now)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2020, 6, 8, h, 0, 0).unwrap()
    }

    #[test]
    fn standing_tells_scheduled_from_published() {
        let now = t(10);
        assert_eq!(standing(ArticleStatus::Draft, None, now), Standing::Draft);
        assert_eq!(
            standing(ArticleStatus::Published, Some(t(11)), now),
            Standing::Scheduled
        );
        assert_eq!(
            standing(ArticleStatus::Published, Some(now), now),
            Standing::Published
        );
        assert_eq!(
            standing(ArticleStatus::Unpublished, Some(t(9)), now),
            Standing::Unpublished
        );
        assert!(is_public(ArticleStatus::Published, Some(now), now));
        assert!(!is_public(ArticleStatus::Published, Some(t(11)), now));
        assert!(!is_public(ArticleStatus::Published, None, now));
        assert!(!is_public(ArticleStatus::Unpublished, Some(t(9)), now));
    }

    #[test]
    fn saving_and_publishing() {
        assert_eq!(
            status_after_save(None, SaveAction::Save),
            ArticleStatus::Draft
        );
        assert_eq!(
            status_after_save(Some(ArticleStatus::Unpublished), SaveAction::Save),
            ArticleStatus::Unpublished
        );
        assert_eq!(
            status_after_save(Some(ArticleStatus::Draft), SaveAction::Publish),
            ArticleStatus::Published
        );
        assert_eq!(
            stored_time(ArticleStatus::Published, None, t(10)),
            Some(t(10))
        );
        assert_eq!(
            stored_time(ArticleStatus::Published, Some(t(12)), t(10)),
            Some(t(12))
        );
        assert_eq!(stored_time(ArticleStatus::Draft, None, t(10)), None);
    }

    #[test]
    fn publish_keeps_or_sets_the_time() {
        let now = t(10);
        assert_eq!(publish_time(None, None, now), PublishTime::Keep);
        assert_eq!(publish_time(Some(t(9)), Some(t(9)), now), PublishTime::Keep);
        assert_eq!(publish_time(None, Some(t(12)), now), PublishTime::Set(now));
        assert_eq!(
            publish_time(Some(t(12)), Some(t(9)), now),
            PublishTime::Set(t(12))
        );
        assert_eq!(
            publish_time(Some(t(12)), None, now),
            PublishTime::Set(t(12))
        );
    }
}
