//! Bản đồ địa giới hành chính — the administrative boundary map page (`/ban-do`) and its small
//! picture for the sidebar (`/ban-do.svg`).
//!
//! The map is drawn on the server from the GeoJSON in `assets/maps/` by
//! [`daihoi_domain::map::draw_geojson`]: inline SVG, no tile server and no third-party script, so
//! it works offline, under the strict Content-Security-Policy and without JavaScript. The district
//! level was abolished on 01/7/2025, so the page says the map is historical, and the attribution the
//! licence (CC BY 3.0 IGO) asks for is shown under it.

use std::sync::LazyLock;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use daihoi_domain::map::{BoundaryMap, draw_geojson};
use daihoi_domain::vn::{compare_vi, format_int};

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

/// The standalone SVG for the sidebar, computed once.
static SMALL_SVG: LazyLock<String> = LazyLock::new(|| small_svg(&MAP));

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
    /// Link to the news about this place (the portal's search).
    pub news_url: String,
}

/// Trang bản đồ.
#[derive(Template)]
#[template(path = "map.html")]
pub struct MapPage {
    /// Chrome.
    pub layout: Layout,
    /// Province name.
    pub province: &'static str,
    /// `viewBox` width and height.
    pub width: String,
    /// `viewBox` height.
    pub height: String,
    /// Districts in the order of the data file (drawing order).
    pub districts: Vec<DistrictView>,
    /// Districts by name in Vietnamese order, for the table.
    pub table: Vec<DistrictView>,
    /// Total area, Vietnamese format.
    pub total_area: String,
    /// The attribution.
    pub attribution: &'static str,
}

/// `GET /ban-do` — the map page.
async fn map_page(
    State(state): State<PortalState>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let layout = views::layout(&state, &headers, "/ban-do", "Bản đồ địa giới hành chính").await?;
    let map = &*MAP;
    let districts: Vec<DistrictView> = map.units.iter().map(district_view).collect();
    let mut table: Vec<DistrictView> = map.units.iter().map(district_view).collect();
    table.sort_by(|a, b| compare_vi(&a.name, &b.name));
    let total: f64 = map.units.iter().map(|u| u.area_km2).sum();
    let page = MapPage {
        layout,
        province: PROVINCE,
        width: format!("{:.0}", map.width),
        height: format!("{:.0}", map.height),
        districts,
        table,
        total_area: format_area(total),
        attribution: ATTRIBUTION,
    };
    Ok(Html(page.render()?).into_response())
}

/// `GET /ban-do.svg` — the small picture for the sidebar block.
async fn map_picture() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        SMALL_SVG.as_str(),
    )
        .into_response()
}

fn district_view(unit: &daihoi_domain::map::MapUnit) -> DistrictView {
    DistrictView {
        name: unit.name.clone(),
        code: unit.code.clone(),
        path: unit.path.clone(),
        label_x: format!("{:.1}", unit.label_at.0),
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

/// A self-contained SVG (no text, no script) of the district outlines for the sidebar.
fn small_svg(map: &BoundaryMap) -> String {
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0} {:.0}\" role=\"img\">\
<title>Bản đồ địa giới hành chính {PROVINCE} (trước ngày 01/7/2025)</title>",
        map.width, map.height
    );
    for unit in &map.units {
        let fill = if unit.name == "Tân Uyên" {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_written_the_vietnamese_way() {
        assert_eq!(format_area(9074.04), "9.074,0");
        assert_eq!(format_area(898.06), "898,1");
        assert_eq!(format_area(71.3), "71,3");
    }

    #[test]
    fn the_small_picture_has_every_district_and_no_script() {
        let svg = small_svg(&MAP);
        assert_eq!(svg.matches("<path ").count(), 8);
        assert!(!svg.contains("<script"));
        assert!(svg.contains("trước ngày 01/7/2025"));
    }
}
