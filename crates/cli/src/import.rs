//! `daihoi import` — nhập danh sách tổ chức hoặc nhân sự từ tệp Excel (.xlsx) hoặc CSV.
//!
//! `daihoi import organizations FILE [--dry-run]` and `daihoi import people FILE [--dry-run]`
//! work on the database `daihoi serve` uses (`--data-dir`, `--database-url`, env
//! `DATABASE_URL`), also while the server runs: the file is read and checked against what is
//! stored, then applied whole in one transaction (which checks it again against what is stored
//! then). A refused file prints every problem with its row and column and exits 2, having stored
//! nothing; `--dry-run` checks and counts without storing. Reading and planning are
//! `daihoi-sheets`'; storing is `daihoi-store`'s.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Utc;
use daihoi_domain::vn::format::format_int;
use daihoi_sheets::{FILE_MAX_BYTES, Report, SheetError, Table, lists, read_table};
use daihoi_store::{Actor, ImportCounts, Store};

use crate::user::{DbArgs, open_store};

/// Arguments of `daihoi import`.
#[derive(clap::Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    list: List,
}

#[derive(clap::Subcommand)]
enum List {
    /// Import organizations (columns Mã, Tên tổ chức, Mã cấp trên, Cấp, Số đảng viên).
    Organizations(FileArgs),
    /// Import people (columns Họ và tên, Giới tính, Ngày sinh, Dân tộc, Trình độ, Chức vụ,
    /// Mã tổ chức, Số thẻ đảng viên).
    People(FileArgs),
    /// Move a NukeViet site over: its news (categories, articles, photos, ratings) and its
    /// visit counter, from a `mysqldump` and the site's `uploads` folder.
    Nukeviet(crate::nukeviet::NukevietArgs),
    /// Import the boundary map (GeoJSON) and link each unit to an organization of the congress
    /// workspace (properties.organization_code or properties.organization_name).
    Boundaries(crate::boundaries::BoundariesArgs),
}

#[derive(clap::Args)]
struct FileArgs {
    /// The file: Excel (.xlsx) or CSV (UTF-8).
    file: PathBuf,
    /// Check the file and count what would change, without storing anything.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    db: DbArgs,
}

/// Why an import stopped: the file is refused (exit 2, every problem listed) or something else
/// failed (exit 1).
enum Failure {
    Refused(Report),
    Other(String),
}

impl From<daihoi_store::StoreError> for Failure {
    fn from(e: daihoi_store::StoreError) -> Failure {
        Failure::Other(e.to_string())
    }
}

/// Runs `daihoi import`.
pub fn run(args: ImportArgs) -> ExitCode {
    let (what, file) = match &args.list {
        List::Organizations(f) => ("tổ chức", f),
        List::People(f) => ("nhân sự", f),
        List::Nukeviet(_) => {
            let List::Nukeviet(nukeviet) = args.list else {
                unreachable!("matched just above")
            };
            return crate::nukeviet::run(nukeviet);
        }
        List::Boundaries(_) => {
            let List::Boundaries(boundaries) = args.list else {
                unreachable!("matched just above")
            };
            return crate::boundaries::run(boundaries);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("daihoi import: {err}");
            return ExitCode::FAILURE;
        }
    };
    let name = file
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let result = runtime.block_on(async {
        let table = read_file(&file.file)?;
        let store = open_store(&file.db)
            .await
            .map_err(|e| Failure::Other(format!("{e:#}")))?;
        match &args.list {
            List::Organizations(f) => organizations(&store, &table, &name, f.dry_run).await,
            List::People(f) => people(&store, &table, &name, f.dry_run).await,
            List::Nukeviet(_) | List::Boundaries(_) => unreachable!("handled before"),
        }
    });
    match result {
        Ok(counts) => {
            let verb = if file.dry_run {
                "Kiểm tra xong (chưa lưu gì)"
            } else {
                "Đã nhập"
            };
            println!(
                "{verb} danh sách {what} «{name}»: thêm {}, cập nhật {}, không đổi {}.",
                format_int(counts.inserted as i64),
                format_int(counts.updated as i64),
                format_int(counts.unchanged as i64)
            );
            ExitCode::SUCCESS
        }
        Err(Failure::Refused(report)) => {
            eprintln!(
                "Tệp «{name}» bị từ chối, không có gì được lưu ({} lỗi):",
                format_int(report.total() as i64)
            );
            eprintln!("{report}");
            ExitCode::from(2)
        }
        Err(Failure::Other(message)) => {
            eprintln!("daihoi import: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the file, refusing one over the size limit before reading it.
fn read_file(path: &Path) -> Result<Table, Failure> {
    let cannot =
        |e: std::io::Error| Failure::Other(format!("không đọc được {}: {e}", path.display()));
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Failure::Other(format!(
            "{} không phải là một tệp",
            path.display()
        )));
    }
    if meta.len() > FILE_MAX_BYTES as u64 {
        return Err(Failure::Refused(
            SheetError::TooLarge {
                bytes: usize::try_from(meta.len()).unwrap_or(usize::MAX),
            }
            .into(),
        ));
    }
    let bytes = std::fs::read(path).map_err(cannot)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    read_table(&bytes, &name).map_err(|e| Failure::Refused(e.into()))
}

async fn organizations(
    store: &Store,
    table: &Table,
    name: &str,
    dry_run: bool,
) -> Result<ImportCounts, Failure> {
    let stored = store.organizations_for_import().await?;
    let plan = lists::plan_organizations(table, &stored).map_err(Failure::Refused)?;
    if dry_run {
        return Ok(ImportCounts::of_organizations(&plan));
    }
    let parsed = lists::organizations(table).map_err(Failure::Refused)?;
    match store
        .import_organizations(&parsed.rows, name, &Actor::System, Utc::now())
        .await?
    {
        Ok(counts) => Ok(counts),
        Err(issues) => Err(Failure::Refused(lists::organization_issues_report(&issues))),
    }
}

async fn people(
    store: &Store,
    table: &Table,
    name: &str,
    dry_run: bool,
) -> Result<ImportCounts, Failure> {
    let today = Utc::now()
        .with_timezone(&daihoi_domain::vn::DEFAULT_TIME_ZONE)
        .date_naive();
    let (organizations, stored) = store.people_for_import().await?;
    let plan =
        lists::plan_people(table, today, &organizations, &stored).map_err(Failure::Refused)?;
    if dry_run {
        return Ok(ImportCounts::of_people(&plan));
    }
    let (parsed, columns) = lists::people(table, today).map_err(Failure::Refused)?;
    match store
        .import_people(&parsed.rows, columns, name, &Actor::System, Utc::now())
        .await?
    {
        Ok(counts) => Ok(counts),
        Err(issues) => Err(Failure::Refused(lists::person_issues_report(&issues))),
    }
}
