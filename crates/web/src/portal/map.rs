//! Bản đồ địa giới hành chính — the administrative boundary map page (`/ban-do`) and its small
//! picture for the sidebar (`/ban-do.svg`).
//!
//! The map is drawn on the server from the GeoJSON in `assets/maps/` by
//! [`daihoi_domain::map::draw_geojson`]: inline SVG, no tile server and no third-party script, so
//! it works offline, under the strict Content-Security-Policy and without JavaScript. The district
//! level was abolished on 01/7/2025, so the page says the map is historical, and the attribution the
//! licence (CC BY 3.0 IGO) asks for is shown under it.
//!
//! Once a map has been imported (`daihoi import boundaries`, decision 0016), the page draws the
//! stored units instead, each coloured by the congress progress of the organization it stands
//! for (the domain's [`Stage`]: not yet held, held, approved) with a pattern as well as a colour,
//! a legend and a table, and each linked unit leads to that organization's public congress page.
//! The drawing and the progress are kept for the chrome cache's two seconds.
//!
//! The sidebar's small picture shows the same units as the page: the bundled districts (Tân
//! Uyên marked) until a map is imported, then the imported units (those linked to an
//! organization marked). An import runs from the command line while the server runs, so the
//! picture is kept with the store's [`BoundaryStamp`] it was drawn from, checked at most every
//! two seconds, and drawn again only when the stamp moved; pages name it with its version
//! (`/ban-do.svg?v=…`), so browsers fetch the new picture after an import.

use std::sync::{Arc, LazyLock};

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use daihoi_domain::congress::congress::Stage;
use daihoi_domain::map::{BoundaryFeature, BoundaryMap, draw, draw_geojson, rings_from_json};
use daihoi_domain::vn::format::format_date;
use daihoi_domain::vn::{compare_vi, format_int};
use daihoi_store::{BoundaryRow, BoundaryStamp};

use crate::kernel::HttpError;
use crate::portal::PortalState;
use crate::portal::public::views::{self, Layout};

/// The GeoJSON of the province's districts (2020), compiled into the binary.
const DISTRICTS_GEOJSON: &str = include_str!("../../../../assets/maps/lai-chau-districts.geojson");

/// Tên tỉnh — the province the map shows.
const PROVINCE: &str = "tỉnh Lai Châu";

/// Ghi nguồn — the attribution the data's licence asks for, shown wherever the map is drawn.
pub const ATTRIBUTION: &str = "Địa giới hành chính cấp huyện năm 2020 (trước ngày 01/7/2025). \
Nguồn: Chính phủ Việt Nam qua OCHA, phân phối bởi geoBoundaries (VNM ADM2); giấy phép CC BY 3.0 \
IGO; đã cắt theo tỉnh và làm tròn tọa độ.";

/// Width of the drawing in SVG units; the height follows the province's shape.
const DRAWING_WIDTH: f64 = 640.0;

/// The drawn map, computed once on first use.
static MAP: LazyLock<BoundaryMap> = LazyLock::new(|| {
    draw_geojson(DISTRICTS_GEOJSON, DRAWING_WIDTH)
        .expect("the bundled GeoJSON is checked by the domain tests")
});

/// Width of the sidebar's picture in CSS pixels (its height follows the map's shape).
pub const SMALL_WIDTH: u32 = 240;

/// Bản đồ nhỏ — the sidebar's picture as last drawn, with the stamp of the units it shows.
#[derive(Debug)]
pub struct SmallMap {
    /// The store's stamp of the units when drawn.
    stamp: BoundaryStamp,
    /// The standalone SVG.
    pub svg: String,
    /// The SVG's validator (`ETag`, quoted) …
    pub etag: String,
    /// … and the same without quotes, for the picture's address in pages (`?v=`).
    pub version: String,
    /// Height at [`SMALL_WIDTH`], in CSS pixels.
    pub height: u32,
    /// The picture's text alternative (it is a link to the map page).
    pub alt: String,
}

/// Routes of the map: the page and its small picture.
pub fn router() -> Router<PortalState> {
    Router::new()
        .route("/ban-do", get(map_page))
        .route("/ban-do.svg", get(map_picture))
}

/// Một huyện trên bản đồ — one district as the template shows it.
pub struct DistrictView {
    /// Name, e.g. "Tân Uyên".
    pub name: String,
    /// Official code.
    pub code: String,
    /// SVG path data.
    pub path: String,
    /// Label position, formatted for SVG attributes.
    pub label_x: String,
    /// Label position, formatted for SVG attributes.
    pub label_y: String,
    /// Area in km², Vietnamese format ("898,1").
    pub area: String,
    /// Where the unit leads: its organization's congress page, else the news about the place
    /// (the portal's search).
    pub news_url: String,
    /// The label's lines (a long name on two).
    pub label_lines: Vec<String>,
    /// The organization it stands for, if linked.
    pub organization: Option<String>,
    /// Its congress progress, if linked.
    pub stage: Option<Stage>,
    /// The day its congress was held, or the planned one (`dd/mm/yyyy`), or empty.
    pub day: String,
    /// Whether `news_url` is the organization's congress page.
    pub congress_page: bool,
    /// Whether it is the unit the bundled map highlights (no imported map).
    pub highlight: bool,
}

impl DistrictView {
    /// The CSS class of its fill: `stage-held`, …, or `unlinked`.
    pub fn stage_class(&self) -> &'static str {
        match self.stage {
            Some(Stage::NotHeld) => "stage-not-held",
            Some(Stage::Held) => "stage-held",
            Some(Stage::Approved) => "stage-approved",
            None => "unlinked",
        }
    }

    /// What the table says of its progress.
    pub fn stage_label(&self) -> &'static str {
        self.stage
            .map(Stage::label)
            .unwrap_or("Chưa liên kết với tổ chức")
    }
}

/// Một mục chú giải — one entry of the legend: its class, label and how many units it has.
pub struct LegendEntry {
    /// CSS class of the swatch (the same as the units').
    pub class: &'static str,
    /// Its label.
    pub label: &'static str,
    /// How many units, formatted.
    pub count: String,
}

/// Bản đồ đã vẽ — what the page needs, kept for a moment: the drawing, the units, the title and
/// the attribution, and whether the units come from an import.
pub struct DrawnMap {
    /// `viewBox` width.
    pub width: String,
    /// `viewBox` height.
    pub height: String,
    /// Units in drawing order.
    pub districts: Vec<DistrictView>,
    /// Total area.
    pub total_area: String,
    /// The map's title (after "Bản đồ địa giới hành chính").
    pub title: String,
    /// Attribution.
    pub attribution: String,
    /// Whether the map was imported and linked to organizations.
    pub imported: bool,
}

/// Trang bản đồ.
#[derive(Template)]
#[template(path = "map.html")]
pub struct MapPage {
    /// Chrome.
    pub layout: Layout,
    /// The drawn map.
    pub map: Arc<DrawnMap>,
    /// Units by name in Vietnamese order, for the table (indexes into `map.districts`).
    pub table: Vec<usize>,
    /// The legend (imported maps only).
    pub legend: Vec<LegendEntry>,
}

/// `GET /ban-do` — the map page.
async fn map_page(
    State(state): State<PortalState>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let layout = views::layout(&state, &headers, "/ban-do", "Bản đồ địa giới hành chính").await?;
    let map = drawn_map(&state).await?;
    let mut table: Vec<usize> = (0..map.districts.len()).collect();
    table.sort_by(|&a, &b| compare_vi(&map.districts[a].name, &map.districts[b].name));
    let legend = if map.imported {
        let count = |class: &str| {
            map.districts
                .iter()
                .filter(|d| d.stage_class() == class)
                .count()
        };
        let mut entries: Vec<LegendEntry> = Stage::ALL
            .iter()
            .map(|stage| {
                let probe = DistrictView::probe(Some(*stage));
                LegendEntry {
                    class: probe.stage_class(),
                    label: stage.label(),
                    count: format_int(count(probe.stage_class()) as i64),
                }
            })
            .collect();
        let unlinked = count("unlinked");
        if unlinked > 0 {
            entries.push(LegendEntry {
                class: "unlinked",
                label: "Chưa liên kết với tổ chức",
                count: format_int(unlinked as i64),
            });
        }
        entries
    } else {
        Vec::new()
    };
    let page = MapPage {
        layout,
        map,
        table,
        legend,
    };
    Ok(Html(page.render()?).into_response())
}

/// The map as drawn now: the imported units with their progress, else the bundled districts;
/// from the short-lived cache or the store.
pub async fn drawn_map(state: &PortalState) -> Result<Arc<DrawnMap>, HttpError> {
    let now = state.now();
    state
        .boundaries
        .get_or_fill((), now, async || {
            let rows = state.store.boundary_rows().await?;
            if rows.is_empty() {
                return Ok::<_, HttpError>(BUNDLED.clone());
            }
            let (title, attribution) = imported_title(state).await?;
            Ok(Arc::new(imported_map(&rows, title, attribution)?))
        })
        .await
}

/// The imported map's title and attribution (empty when not set).
async fn imported_title(state: &PortalState) -> Result<(String, String), HttpError> {
    let meta = state
        .store
        .settings(&[
            daihoi_store::SETTING_BOUNDARY_TITLE,
            daihoi_store::SETTING_BOUNDARY_ATTRIBUTION,
        ])
        .await?;
    let get = |key: &str| {
        meta.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    Ok((
        get(daihoi_store::SETTING_BOUNDARY_TITLE),
        get(daihoi_store::SETTING_BOUNDARY_ATTRIBUTION),
    ))
}

/// The sidebar's picture of the units the map page shows now: the kept one while the store's
/// [`BoundaryStamp`] has not moved (checked at most every two seconds), else drawn again from
/// the stored units, or from the bundled districts when none are stored.
pub async fn small_map(state: &PortalState) -> Result<Arc<SmallMap>, HttpError> {
    let now = state.now();
    state
        .small_map
        .get_or_fill((), now, async || {
            let stamp = state.store.boundary_stamp().await?;
            let kept = state.small_map_kept.lock().ok().and_then(|k| k.clone());
            if let Some(kept) = kept
                && kept.stamp == stamp
            {
                return Ok::<_, HttpError>(kept);
            }
            let drawn = if stamp.units == 0 {
                let marked: Vec<bool> = MAP.units.iter().map(|u| u.name == "Tân Uyên").collect();
                small_map_of(
                    stamp,
                    &MAP,
                    &marked,
                    &format!("{PROVINCE} (trước ngày 01/7/2025)"),
                    "Bản đồ các huyện, thành phố tỉnh Lai Châu năm 2020 (trước ngày 01/7/2025)",
                )
            } else {
                let rows = state.store.boundary_rows().await?;
                let (title, _) = imported_title(state).await?;
                let map = draw_rows(&rows)?;
                let marked: Vec<bool> = rows.iter().map(|r| r.organization.is_some()).collect();
                let named = format!("Bản đồ địa giới hành chính {}", title.trim());
                small_map_of(stamp, &map, &marked, title.trim(), named.trim_end())
            };
            let drawn = Arc::new(drawn);
            if let Ok(mut kept) = state.small_map_kept.lock() {
                *kept = Some(drawn.clone());
            }
            Ok(drawn)
        })
        .await
}

/// The small picture of `map`, the units `marked` filled in red; `title` ends the SVG's own
/// title, `alt` starts the picture's text alternative.
fn small_map_of(
    stamp: BoundaryStamp,
    map: &BoundaryMap,
    marked: &[bool],
    title: &str,
    alt: &str,
) -> SmallMap {
    let svg = small_svg(map, marked, title);
    let etag = crate::portal::identity::etag_of(svg.as_bytes());
    let height = if map.width > 0.0 {
        (f64::from(SMALL_WIDTH) * map.height / map.width).round() as u32
    } else {
        SMALL_WIDTH
    };
    SmallMap {
        stamp,
        version: etag.trim_matches('"').to_owned(),
        etag,
        svg,
        height: height.clamp(1, 4 * SMALL_WIDTH),
        alt: format!("{alt}; chọn để xem bản đồ lớn"),
    }
}

/// The bundled districts, drawn once, without congress progress.
static BUNDLED: LazyLock<Arc<DrawnMap>> = LazyLock::new(|| {
    let map = &*MAP;
    Arc::new(DrawnMap {
        width: format!("{:.0}", map.width),
        height: format!("{:.0}", map.height),
        districts: map
            .units
            .iter()
            .map(|unit| {
                let mut view = district_view(unit);
                view.highlight = unit.name == "Tân Uyên";
                view
            })
            .collect(),
        total_area: format_area(map.units.iter().map(|u| u.area_km2).sum()),
        title: PROVINCE.to_owned(),
        attribution: ATTRIBUTION.to_owned(),
        imported: false,
    })
});

/// Draws the stored units and words each one's progress.
fn imported_map(
    rows: &[BoundaryRow],
    title: String,
    attribution: String,
) -> Result<DrawnMap, HttpError> {
    let map = draw_rows(rows)?;
    let districts = map
        .units
        .iter()
        .zip(rows)
        .map(|(unit, row)| {
            let mut view = district_view(unit);
            if let Some(org) = &row.organization {
                view.organization = Some(org.name.clone());
                view.stage = Some(Stage::of(row.congress.as_ref().map(|c| c.status)));
                if let Some(c) = &row.congress {
                    let day = if c.status.is_held() {
                        c.held.0.or(c.planned.0)
                    } else {
                        c.planned.0
                    };
                    view.day = day.map(format_date).unwrap_or_default();
                    view.news_url = crate::portal::public::congress::congress_url(c.id);
                    view.congress_page = true;
                }
            }
            view
        })
        .collect();
    Ok(DrawnMap {
        width: format!("{:.0}", map.width),
        height: format!("{:.0}", map.height),
        districts,
        total_area: format_area(map.units.iter().map(|u| u.area_km2).sum()),
        title,
        attribution,
        imported: true,
    })
}

/// The stored units drawn, in their order (their rings read back from the store's JSON).
fn draw_rows(rows: &[BoundaryRow]) -> Result<BoundaryMap, HttpError> {
    let features: Vec<BoundaryFeature> = rows
        .iter()
        .map(|row| {
            Ok(BoundaryFeature {
                name: row.name.clone(),
                code: row.code.clone(),
                organization: None,
                rings: rings_from_json(&row.rings).ok_or_else(|| {
                    HttpError::Store(daihoi_store::StoreError::Corrupt(format!(
                        "vòng tọa độ của đơn vị bản đồ thứ {}",
                        row.position
                    )))
                })?,
            })
        })
        .collect::<Result<_, HttpError>>()?;
    draw(&features, DRAWING_WIDTH)
        .map_err(|e| HttpError::Store(daihoi_store::StoreError::Corrupt(e.to_string())))
}

/// `GET /ban-do.svg` — the small picture for the sidebar block, of the units the map page
/// shows. Pages name it with its version (`?v=…`), which changes with the picture; browsers
/// keep it for an hour and then ask again with its `ETag` (`304` when unchanged).
async fn map_picture(
    State(state): State<PortalState>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let map = small_map(&state).await?;
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == map.etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        map.svg.clone().into_response()
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    if let Ok(value) = HeaderValue::from_str(&map.etag) {
        h.insert(header::ETAG, value);
    }
    Ok(response)
}

impl DistrictView {
    /// A unit of nothing but a stage, for the legend's classes.
    fn probe(stage: Option<Stage>) -> DistrictView {
        DistrictView {
            name: String::new(),
            code: String::new(),
            path: String::new(),
            label_x: String::new(),
            label_y: String::new(),
            area: String::new(),
            news_url: String::new(),
            label_lines: Vec::new(),
            organization: None,
            stage,
            day: String::new(),
            congress_page: false,
            highlight: false,
        }
    }
}

/// A label's lines: names of more than two words on two lines ("Thành phố" / "Lai Châu").
fn label_lines(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() <= 2 {
        return vec![name.to_owned()];
    }
    let half = words.len().div_ceil(2);
    vec![words[..half].join(" "), words[half..].join(" ")]
}

fn district_view(unit: &daihoi_domain::map::MapUnit) -> DistrictView {
    DistrictView {
        label_lines: label_lines(&unit.name),
        organization: None,
        stage: None,
        day: String::new(),
        congress_page: false,
        highlight: false,
        name: unit.name.clone(),
        code: unit.code.clone(),
        path: unit.path.clone(),
        // A label centred near the edge would be cut by the drawing's box: keep its centre
        // inside the middle of the width (a phone's 24-unit labels are about 130 units wide).
        label_x: format!(
            "{:.1}",
            unit.label_at
                .0
                .clamp(DRAWING_WIDTH * 0.11, DRAWING_WIDTH * 0.87)
        ),
        label_y: format!("{:.1}", unit.label_at.1),
        area: format_area(unit.area_km2),
        news_url: format!(
            "/tim-kiem?q={}",
            crate::portal::public::pages::encode_component(&unit.name)
        ),
    }
}

/// An area in km² with one decimal, Vietnamese style: 9074.04 → "9.074,0".
fn format_area(km2: f64) -> String {
    let tenths = (km2 * 10.0).round() as i64;
    format!("{},{}", format_int(tenths / 10), tenths % 10)
}

/// A self-contained SVG (no text but its title, no script) of the units' outlines for the
/// sidebar, those `marked` filled in red; `title` follows "Bản đồ địa giới hành chính" in its
/// `<title>` (escaped: an imported map's title is the operator's text).
fn small_svg(map: &BoundaryMap, marked: &[bool], title: &str) -> String {
    let title = format!("Bản đồ địa giới hành chính {title}");
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0} {:.0}\" role=\"img\">\
<title>{}</title>",
        map.width,
        map.height,
        escape_xml(title.trim_end())
    );
    for (i, unit) in map.units.iter().enumerate() {
        let fill = if marked.get(i).copied().unwrap_or(false) {
            "#c8102e"
        } else {
            "#e7d9b8"
        };
        svg.push_str(&format!(
            "<path d=\"{}\" fill=\"{fill}\" stroke=\"#5b4a2f\" stroke-width=\"1.5\"/>",
            unit.path
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Text escaped for XML content.
fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_labelled_on_two_lines() {
        assert_eq!(label_lines("Tân Uyên"), ["Tân Uyên"]);
        assert_eq!(label_lines("Thành phố Lai Châu"), ["Thành phố", "Lai Châu"]);
        assert_eq!(label_lines("Mường Tè Xa"), ["Mường Tè", "Xa"]);
    }

    #[test]
    fn areas_are_written_the_vietnamese_way() {
        assert_eq!(format_area(9074.04), "9.074,0");
        assert_eq!(format_area(898.06), "898,1");
        assert_eq!(format_area(71.3), "71,3");
    }

    #[test]
    fn the_small_picture_has_every_district_and_no_script() {
        let marked: Vec<bool> = MAP.units.iter().map(|u| u.name == "Tân Uyên").collect();
        let svg = small_svg(&MAP, &marked, "tỉnh Lai Châu (trước ngày 01/7/2025)");
        assert_eq!(svg.matches("<path ").count(), 8);
        assert!(!svg.contains("<script"));
        assert!(svg.contains("trước ngày 01/7/2025"));
    }
}
