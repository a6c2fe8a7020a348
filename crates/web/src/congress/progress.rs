//! Tiến độ đại hội — the progress dashboard of an organization's subtree for a term: how many of
//! the organizations below it have held their congress, by level and by month, the overdue ones,
//! the pilots, a week-by-week timeline, and each directly subordinate organization's status.
//! The same figures answer `GET /api/v1/organizations/{id}/progress`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::NaiveDate;
use daihoi_domain::access::Permission;
use daihoi_domain::congress::congress::{
    CongressFacts, Progress, ProgressCounts, Term, is_overdue, progress, progress_sentence,
};
use daihoi_domain::vn::format::{format_date, format_uint};
use daihoi_store::{Organization, ProgressRow};
use serde::Deserialize;

use super::CongressState;
use super::charts::{Timeline, timeline};
use super::views::{Crumb, Layout, breadcrumb, load_organization, render, require_on};
use crate::kernel::HttpError;
use crate::kernel::auth::CurrentUser;

/// The term asked for (`?nhiem-ky=2020-2025`).
#[derive(Debug, Deserialize, Default)]
pub struct TermQuery {
    #[serde(default, rename = "nhiem-ky")]
    nhiem_ky: Option<String>,
}

/// Tiến độ đã tính — the figures of a subtree for one term.
pub struct Computed {
    /// The term.
    pub term: Term,
    /// The organizations directly below, with their congress of the term.
    pub children: Vec<ProgressRow>,
    /// The held congresses below, `(first day, pilot)`, for the timeline.
    pub held: Vec<(NaiveDate, bool)>,
    /// The counts.
    pub progress: Progress,
}

/// The term to show: the one asked for (400 if unreadable), else the newest term of the subtree;
/// `None` when the subtree has no congress at all.
pub async fn choose_term(
    state: &CongressState,
    org: &Organization,
    asked: Option<&str>,
) -> Result<Option<Term>, HttpError> {
    match asked.map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => Term::parse(raw).map(Some).map_err(|e| {
            HttpError::BadRequest(format!(
                "Nhiệm kỳ «{}»: {e}.",
                crate::kernel::error::quoted(raw)
            ))
        }),
        None => Ok(state
            .kernel
            .store
            .terms_in_subtree(org.id)
            .await?
            .into_iter()
            .next()),
    }
}

/// Reads and counts the subtree of `org` for `term`.
pub async fn compute(
    state: &CongressState,
    org: &Organization,
    term: Term,
    today: NaiveDate,
) -> Result<Computed, HttpError> {
    let store = &state.kernel.store;
    let (facts, children) = tokio::join!(
        store.progress_facts(org.id, term.start_year),
        store.progress_children(org.id, term.start_year)
    );
    let (facts, children): (Vec<CongressFacts>, _) = (facts?, children?);
    let progress = progress(&facts, today);
    let held = facts
        .iter()
        .filter(|f| f.status.is_held())
        .filter_map(|f| f.held_start.map(|d| (d, f.pilot)))
        .collect();
    Ok(Computed {
        term,
        children,
        held,
        progress,
    })
}

/// One level's line of the dashboard.
pub struct LevelLine {
    /// "47/47 tổ chức cơ sở đảng đã tổ chức đại hội".
    pub sentence: String,
    /// The counts, formatted.
    pub counts: CountsView,
    /// The level name.
    pub level: String,
}

/// Counts formatted for display.
pub struct CountsView {
    /// Tổng số.
    pub total: String,
    /// Đã tổ chức.
    pub held: String,
    /// Đã chuẩn y.
    pub approved: String,
    /// Quá hạn.
    pub overdue: String,
    /// Đại hội điểm.
    pub pilots: String,
}

impl CountsView {
    fn of(c: &ProgressCounts) -> CountsView {
        let f = |n: u32| format_uint(u64::from(n));
        CountsView {
            total: f(c.total),
            held: f(c.held),
            approved: f(c.approved),
            overdue: f(c.overdue),
            pilots: f(c.pilots),
        }
    }
}

/// One directly subordinate organization's line.
pub struct ChildLine {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its level.
    pub level: String,
    /// The status in words ("Đã tổ chức", "Chưa lên kế hoạch").
    pub status: String,
    /// `planned`, `preparing`, `held`, `approved` or `none` (CSS class).
    pub status_code: &'static str,
    /// Ngày dự kiến, `dd/mm/yyyy` or empty.
    pub planned: String,
    /// Ngày tổ chức, `dd/mm/yyyy` or empty.
    pub held: String,
    /// Đại hội điểm.
    pub pilot: bool,
    /// Quá hạn.
    pub overdue: bool,
}

/// The month lines: "03/2020" and its count.
pub struct MonthLine {
    /// "03/2020".
    pub month: String,
    /// The count.
    pub count: String,
}

#[derive(Template)]
#[template(path = "congress/progress.html")]
struct ProgressPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    org_id: i64,
    org_name: String,
    terms: Vec<String>,
    term: Option<String>,
    totals: Option<CountsView>,
    levels: Vec<LevelLine>,
    months: Vec<MonthLine>,
    children: Vec<ChildLine>,
    chart: Option<Timeline>,
}

/// `GET /dai-hoi/to-chuc/{id}/tien-do` — the dashboard.
pub async fn dashboard(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<TermQuery>,
) -> Result<Response, HttpError> {
    let org = load_organization(&state, &id).await?;
    require_on(&user, Permission::ViewWorkspace, &org)?;
    let terms: Vec<String> = state
        .kernel
        .store
        .terms_in_subtree(org.id)
        .await?
        .iter()
        .map(Term::to_string)
        .collect();
    let today = state.kernel.today();
    let mut page = ProgressPage {
        layout: Layout::new(&state, &user, None).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        org_id: org.id,
        org_name: org.name.clone(),
        terms,
        term: None,
        totals: None,
        levels: Vec::new(),
        months: Vec::new(),
        children: Vec::new(),
        chart: None,
    };
    if let Some(term) = choose_term(&state, &org, query.nhiem_ky.as_deref()).await? {
        let computed = compute(&state, &org, term, today).await?;
        page.term = Some(term.to_string());
        page.totals = Some(CountsView::of(&computed.progress.counts));
        page.levels = computed
            .progress
            .by_level
            .iter()
            .map(|(level, counts)| LevelLine {
                sentence: progress_sentence(counts.held, counts.total, level),
                counts: CountsView::of(counts),
                level: level.clone(),
            })
            .collect();
        page.months = computed
            .progress
            .by_month
            .iter()
            .map(|(month, n)| MonthLine {
                month: month.to_string(),
                count: format_uint(u64::from(*n)),
            })
            .collect();
        page.chart = timeline(&computed.held);
        page.children = child_lines(&computed.children, org.id, today);
    }
    render(&page)
}

/// The lines of the organizations directly under `parent`.
pub fn child_lines(rows: &[ProgressRow], parent: i64, today: NaiveDate) -> Vec<ChildLine> {
    let mut lines = Vec::new();
    for row in rows
        .iter()
        .filter(|r| r.organization.parent_id == Some(parent))
    {
        let facts = row.facts();
        let (status, status_code) = match &row.congress {
            Some(c) => (c.status.label().to_owned(), c.status.as_str()),
            None => ("Chưa lên kế hoạch".to_owned(), "none"),
        };
        lines.push(ChildLine {
            id: row.organization.id,
            name: row.organization.name.clone(),
            level: row.organization.level.clone(),
            status,
            status_code,
            planned: facts.planned_start.map(format_date).unwrap_or_default(),
            held: facts.held_start.map(format_date).unwrap_or_default(),
            pilot: facts.pilot,
            overdue: is_overdue(facts.planned_start, facts.status, today),
        });
    }
    lines
}
