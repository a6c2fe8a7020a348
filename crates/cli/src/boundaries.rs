//! `daihoi import boundaries FILE.geojson` — nhập bản đồ ranh giới và liên kết từng đơn vị với
//! một tổ chức của không gian đại hội (decision 0016).
//!
//! The file is a GeoJSON `FeatureCollection` of Polygon or MultiPolygon features (WGS 84), read
//! and checked by `daihoi_domain::map::read_features` (at most 16 MB, 2.000 features, 1.000.000
//! points). Each feature needs `properties.name`; `properties.code` is the unit's official code;
//! `properties.organization_code` names the organization it stands for by its code (compared
//! without case), or else `properties.organization_name` by its exact name (among open
//! organizations, which must be one). A feature naming neither is drawn without a congress
//! colour. Works on the database `daihoi serve` uses (`--data-dir`, `--database-url`, env
//! `DATABASE_URL`), also while the server runs. The map is replaced whole, in one transaction;
//! a refused file (unreadable, a bad feature, an organization not found) exits 2, naming the
//! feature by number and name, having stored nothing.

use std::io::Read as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use daihoi_domain::map::{
    BoundaryFeature, MAX_GEOJSON_BYTES, OrganizationRef, read_features, rings_to_json,
};
use daihoi_domain::vn::format::format_int;
use daihoi_store::{Actor, NewBoundaryMap, NewBoundaryUnit};

use crate::user::{DbArgs, open_store};

/// Arguments of `daihoi import boundaries`.
#[derive(clap::Args)]
pub struct BoundariesArgs {
    /// The GeoJSON file (UTF-8).
    file: PathBuf,
    /// The map's title, after "Bản đồ địa giới hành chính" (e.g. "các xã tỉnh Lai Châu").
    #[arg(long, default_value = "")]
    title: String,
    /// The attribution the data's licence asks for, shown under the map.
    #[arg(long, default_value = "")]
    attribution: String,
    /// Check the file and the organizations it names, without storing anything.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    db: DbArgs,
}

/// Runs `daihoi import boundaries`.
pub fn run(args: BoundariesArgs) -> ExitCode {
    let name = args.file.display().to_string();
    let refused = |message: String| {
        eprintln!("Tệp «{name}» bị từ chối, không có gì được lưu: {message}");
        ExitCode::from(2)
    };
    let text = match read_text(&args.file) {
        Ok(text) => text,
        Err(Failure::Refused(message)) => return refused(message),
        Err(Failure::Other(message)) => {
            eprintln!("daihoi import boundaries: {message}");
            return ExitCode::FAILURE;
        }
    };
    let features = match read_features(&text) {
        Ok(features) => features,
        Err(err) => return refused(format!("{err}.")),
    };
    // One line each, NFC, single-spaced, at most 500 characters.
    let mut texts = Vec::with_capacity(2);
    for (label, value) in [
        ("--title", &args.title),
        ("--attribution", &args.attribution),
    ] {
        match daihoi_domain::congress::field::line(value, 500, false) {
            Ok(text) => texts.push(text.unwrap_or_default()),
            Err(err) => return refused(format!("{label}: {err}.")),
        }
    }
    let attribution = texts.pop().unwrap_or_default();
    let title = texts.pop().unwrap_or_default();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("daihoi import boundaries: {err}");
            return ExitCode::FAILURE;
        }
    };
    let map = NewBoundaryMap {
        title,
        attribution,
        units: features.iter().map(unit).collect(),
    };
    let result = runtime.block_on(async {
        let store = open_store(&args.db).await.map_err(|e| format!("{e:#}"))?;
        let outcome = if args.dry_run {
            store.check_boundaries(&map).await.map(|r| r.map(|_| None))
        } else {
            store
                .import_boundaries(&map, &Actor::System, Utc::now())
                .await
                .map(|r| r.map(Some))
        };
        store.close().await;
        outcome.map_err(|e| e.to_string())
    });
    match result {
        Ok(Ok(counts)) => {
            let linked = map
                .units
                .iter()
                .filter(|u| u.organization.is_some())
                .count();
            let verb = if counts.is_some() {
                "Đã nhập"
            } else {
                "Kiểm tra xong (chưa lưu gì)"
            };
            println!(
                "{verb} bản đồ «{name}»: {} đơn vị, {} đơn vị liên kết với tổ chức{}.",
                format_int(map.units.len() as i64),
                format_int(linked as i64),
                counts
                    .filter(|c| c.replaced > 0)
                    .map(|c| format!(", thay {} đơn vị cũ", format_int(c.replaced as i64)))
                    .unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Ok(Err(unmatched)) => {
            let feature = &features[unmatched.position - 1];
            let wanted = match &feature.organization {
                Some(OrganizationRef::Code(code)) => format!("mã «{code}»"),
                Some(OrganizationRef::Name(org)) => format!("tên «{org}»"),
                None => String::new(),
            };
            let why = if unmatched.matches == 0 {
                format!("không có tổ chức nào có {wanted}")
            } else {
                format!(
                    "có {} tổ chức đang hoạt động cùng {wanted}; hãy dùng properties.organization_code",
                    format_int(unmatched.matches as i64)
                )
            };
            refused(format!(
                "Đối tượng thứ {} «{}»: {why}.",
                unmatched.position, feature.name
            ))
        }
        Err(message) => {
            eprintln!("daihoi import boundaries: {message}");
            ExitCode::FAILURE
        }
    }
}

fn unit(feature: &BoundaryFeature) -> NewBoundaryUnit {
    NewBoundaryUnit {
        name: feature.name.clone(),
        code: feature.code.clone(),
        organization: feature.organization.clone(),
        rings: rings_to_json(&feature.rings),
    }
}

enum Failure {
    Refused(String),
    Other(String),
}

/// Reads the file as UTF-8, refusing one over the size limit before reading it whole.
fn read_text(path: &std::path::Path) -> Result<String, Failure> {
    let cannot =
        |e: std::io::Error| Failure::Other(format!("không đọc được {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_GEOJSON_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > MAX_GEOJSON_BYTES {
        return Err(Failure::Refused(
            "tệp GeoJSON quá lớn: tối đa 16 MB.".to_owned(),
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| Failure::Refused("tệp không phải văn bản UTF-8.".to_owned()))
}
