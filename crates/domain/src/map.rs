//! Bản đồ địa giới hành chính — the administrative boundary map, drawn as SVG paths from GeoJSON.
//!
//! The portal draws the map on the server as inline SVG: no tile server, no third-party script,
//! nothing to download. This module turns a GeoJSON `FeatureCollection` of polygons (longitude,
//! latitude in WGS 84, RFC 7946) into projected outlines, a label point and an area per unit. It is
//! pure: the caller passes the GeoJSON text and the drawing size.
//!
//! The projection is equirectangular around the collection's mid-latitude (x scaled by the cosine
//! of that latitude), which is accurate to well under a percent over a province-sized area and keeps
//! shared borders shared.

use serde::Deserialize;
use std::fmt::Write as _;

/// Mean Earth radius in kilometres (IUGG), for areas on the local projection.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Một đơn vị hành chính — one administrative unit as drawn on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapUnit {
    /// Tên đơn vị — the name with diacritics, e.g. "Tân Uyên".
    pub name: String,
    /// Mã đơn vị hành chính — the official code, as text (leading zeros matter).
    pub code: String,
    /// The SVG path data (`d` attribute) of the unit's outline, in drawing coordinates.
    pub path: String,
    /// Where to put the unit's label: the area-weighted centroid, in drawing coordinates.
    pub label_at: (f64, f64),
    /// Diện tích — area in square kilometres on the local projection.
    pub area_km2: f64,
}

/// Bản đồ — the units of one map, projected into a `width` × `height` drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryMap {
    /// Drawing width (the SVG `viewBox` width).
    pub width: f64,
    /// Drawing height, derived from the width and the area's aspect ratio.
    pub height: f64,
    /// The units in the order of the input file.
    pub units: Vec<MapUnit>,
}

/// Why a GeoJSON text could not be drawn.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum MapError {
    /// The text is not GeoJSON of the expected shape.
    #[error("Tệp GeoJSON không đọc được: {0}")]
    Parse(String),
    /// A feature has a geometry other than Polygon or MultiPolygon.
    #[error(
        "Đối tượng thứ {feature} ({name}) có hình học kiểu {kind}, chỉ hỗ trợ Polygon và MultiPolygon"
    )]
    UnsupportedGeometry {
        /// 1-based feature number.
        feature: usize,
        /// The feature's name, if any.
        name: String,
        /// The geometry type found.
        kind: String,
    },
    /// A feature lacks a usable name or has no ring with at least 4 points.
    #[error("Đối tượng thứ {feature} thiếu {what}")]
    Incomplete {
        /// 1-based feature number.
        feature: usize,
        /// What is missing, in Vietnamese.
        what: &'static str,
    },
    /// A point outside longitude −180…180 or latitude −90…90 (WGS 84, RFC 7946).
    #[error(
        "Đối tượng thứ {feature} có tọa độ ngoài phạm vi kinh độ −180…180, vĩ độ −90…90 (WGS 84)"
    )]
    OutOfRange {
        /// 1-based feature number.
        feature: usize,
    },
    /// The collection has no features.
    #[error("Tệp GeoJSON không có đối tượng nào")]
    Empty,
}

#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    #[serde(default)]
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize, Default)]
struct Properties {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    code: Option<String>,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    coordinates: serde_json::Value,
}

type Ring = Vec<(f64, f64)>;

/// Draws the polygons of a GeoJSON `FeatureCollection` into a drawing `width` units wide.
///
/// Each feature needs `properties.name` and a Polygon or MultiPolygon geometry; `properties.code`
/// is optional. Holes (inner rings) are drawn with the even-odd rule by the caller's SVG.
pub fn draw_geojson(geojson: &str, width: f64) -> Result<BoundaryMap, MapError> {
    let collection: FeatureCollection =
        serde_json::from_str(geojson).map_err(|e| MapError::Parse(e.to_string()))?;
    if collection.features.is_empty() {
        return Err(MapError::Empty);
    }

    // Read every unit's rings (lon, lat) first: the projection depends on the whole extent.
    let mut read = Vec::with_capacity(collection.features.len());
    for (i, feature) in collection.features.into_iter().enumerate() {
        let number = i + 1;
        let name = feature
            .properties
            .name
            .filter(|n| !n.trim().is_empty())
            .ok_or(MapError::Incomplete {
                feature: number,
                what: "tên (properties.name)",
            })?;
        let polygons = match feature.geometry.kind.as_str() {
            "Polygon" => vec![parse_polygon(&feature.geometry.coordinates)],
            "MultiPolygon" => feature
                .geometry
                .coordinates
                .as_array()
                .map(|ps| ps.iter().map(parse_polygon).collect())
                .unwrap_or_default(),
            other => {
                return Err(MapError::UnsupportedGeometry {
                    feature: number,
                    name,
                    kind: other.to_string(),
                });
            }
        };
        let rings: Vec<Ring> = polygons.into_iter().flatten().flatten().collect();
        if rings.is_empty() || rings.iter().any(|r| r.len() < 4) {
            return Err(MapError::Incomplete {
                feature: number,
                what: "vòng tọa độ hợp lệ (ít nhất 4 điểm)",
            });
        }
        let on_earth = |&(lon, lat): &(f64, f64)| {
            (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)
        };
        if !rings.iter().flatten().all(on_earth) {
            return Err(MapError::OutOfRange { feature: number });
        }
        read.push((name, feature.properties.code.unwrap_or_default(), rings));
    }

    let (mut min_lon, mut max_lon, mut min_lat, mut max_lat) = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for (_, _, rings) in &read {
        for &(lon, lat) in rings.iter().flatten() {
            min_lon = min_lon.min(lon);
            max_lon = max_lon.max(lon);
            min_lat = min_lat.min(lat);
            max_lat = max_lat.max(lat);
        }
    }
    let cos_mid = ((min_lat + max_lat) / 2.0).to_radians().cos();
    let span_x = ((max_lon - min_lon) * cos_mid).max(f64::EPSILON);
    let span_y = (max_lat - min_lat).max(f64::EPSILON);
    let scale = width / span_x;
    let height = (span_y * scale).ceil();
    let project =
        |(lon, lat): (f64, f64)| ((lon - min_lon) * cos_mid * scale, (max_lat - lat) * scale);
    // Kilometres per drawing unit: one degree of latitude is R·π/180 km.
    let km_per_unit = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0 / scale;

    let units = read
        .into_iter()
        .map(|(name, code, rings)| {
            let mut path = String::new();
            let (mut area2_sum, mut cx_sum, mut cy_sum) = (0.0, 0.0, 0.0);
            for ring in &rings {
                let points: Vec<(f64, f64)> = ring.iter().copied().map(project).collect();
                for (k, (x, y)) in points.iter().enumerate() {
                    let _ = write!(path, "{}{:.1} {:.1}", if k == 0 { "M" } else { "L" }, x, y);
                }
                path.push('Z');
                let (a2, cx, cy) = ring_moments(&points);
                area2_sum += a2;
                cx_sum += cx;
                cy_sum += cy;
            }
            // Shoelace: in drawing coordinates (y down) orientation flips, so take magnitudes
            // consistently through the signed sums.
            let label_at = if area2_sum.abs() > f64::EPSILON {
                (cx_sum / (3.0 * area2_sum), cy_sum / (3.0 * area2_sum))
            } else {
                rings[0].first().copied().map(project).unwrap_or((0.0, 0.0))
            };
            let area_km2 = (area2_sum / 2.0).abs() * km_per_unit * km_per_unit;
            MapUnit {
                name,
                code,
                path,
                label_at,
                area_km2,
            }
        })
        .collect();

    Ok(BoundaryMap {
        width,
        height,
        units,
    })
}

/// Twice the signed area of a closed ring and its first moments (Σ (xᵢ+xᵢ₊₁)·crossᵢ, …).
fn ring_moments(points: &[(f64, f64)]) -> (f64, f64, f64) {
    let (mut a2, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for pair in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        let cross = x0 * y1 - x1 * y0;
        a2 += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    (a2, cx, cy)
}

/// Reads one Polygon's rings; `None` when the coordinates are not arrays of [lon, lat] numbers.
fn parse_polygon(value: &serde_json::Value) -> Option<Vec<Ring>> {
    value
        .as_array()?
        .iter()
        .map(|ring| {
            ring.as_array()?
                .iter()
                .map(|p| {
                    let p = p.as_array()?;
                    Some((p.first()?.as_f64()?, p.get(1)?.as_f64()?))
                })
                .collect::<Option<Ring>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"Ô vuông","code":"001"},
       "geometry":{"type":"Polygon","coordinates":[[[103,22],[104,22],[104,23],[103,23],[103,22]]]}}]}"#;

    #[test]
    fn a_one_degree_square_at_22_5_degrees_has_the_expected_area_and_centre() {
        let map = draw_geojson(SQUARE, 1000.0).unwrap();
        assert_eq!(map.units.len(), 1);
        let unit = &map.units[0];
        assert_eq!(unit.name, "Ô vuông");
        assert_eq!(unit.code, "001");
        // 111.19 km × 111.19 km × cos(22.5°) ≈ 11 422 km².
        assert!(
            (unit.area_km2 - 11_422.0).abs() < 15.0,
            "area {}",
            unit.area_km2
        );
        assert!((unit.label_at.0 - 500.0).abs() < 1e-6);
        assert!((unit.label_at.1 - map.height / 2.0).abs() < 1.0);
        // Width 1000 and a cos(22.5°) squeeze: the drawing is taller than wide.
        assert_eq!(map.height, (1000.0 / 22.5f64.to_radians().cos()).ceil());
        assert!(
            unit.path.starts_with("M0.0 1082.4L1000.0 1082.4"),
            "{}",
            unit.path
        );
        assert!(unit.path.ends_with('Z'));
    }

    #[test]
    fn the_lai_chau_districts_add_up_to_the_province() {
        let text = include_str!("../../../assets/maps/lai-chau-districts.geojson");
        let map = draw_geojson(text, 600.0).unwrap();
        assert_eq!(map.units.len(), 8);
        let total: f64 = map.units.iter().map(|u| u.area_km2).sum();
        // SOURCES.md: 9 074,0 km² by an equal-area projection; ours is within half a percent.
        assert!((total - 9074.0).abs() / 9074.0 < 0.005, "total {total}");
        let tan_uyen = map.units.iter().find(|u| u.name == "Tân Uyên").unwrap();
        assert_eq!(tan_uyen.code, "111");
        assert!(
            (tan_uyen.area_km2 - 898.1).abs() / 898.1 < 0.01,
            "{}",
            tan_uyen.area_km2
        );
        // Mường Tè is the westernmost: its label is left of every other label.
        let muong_te = map.units.iter().find(|u| u.name == "Mường Tè").unwrap();
        assert!(
            map.units
                .iter()
                .all(|u| u.label_at.0 >= muong_te.label_at.0)
        );
        for unit in &map.units {
            assert!(unit.label_at.0 > 0.0 && unit.label_at.0 < map.width);
            assert!(unit.label_at.1 > 0.0 && unit.label_at.1 < map.height);
        }
    }

    /// Coordinates outside the Earth drew nonsense: a latitude of 1e300 gave an infinite height
    /// and `inf` in the path data, longitudes of ±1e308 an infinite extent, a zero scale and `NaN`
    /// (`fuzz/fuzz_targets/geojson.rs` asserts finite output). They are refused, naming the
    /// feature.
    #[test]
    fn coordinates_outside_longitude_and_latitude_are_refused() {
        for (lon, lat) in [
            ("1e300", "0"),
            ("-1e308", "0"),
            ("0", "1e300"),
            ("181", "0"),
            ("0", "-90.5"),
        ] {
            let text = format!(
                r#"{{"features":[{{"properties":{{"name":"A"}},"geometry":{{"type":"Polygon","coordinates":[[[0,0],[1,0],[{lon},{lat}],[0,0]]]}}}}]}}"#
            );
            let err = draw_geojson(&text, 640.0).unwrap_err();
            assert_eq!(err, MapError::OutOfRange { feature: 1 }, "{lon} {lat}");
            assert!(err.to_string().contains("Đối tượng thứ 1"), "{err}");
        }
        let edge = r#"{"features":[{"properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[[[-180,-90],[180,-90],[180,90],[-180,-90]]]}}]}"#;
        let map = draw_geojson(edge, 640.0).unwrap();
        assert!(map.height.is_finite() && map.height > 0.0);
    }

    #[test]
    fn bad_input_names_the_feature() {
        assert!(matches!(draw_geojson("{", 100.0), Err(MapError::Parse(_))));
        assert_eq!(
            draw_geojson(r#"{"features":[]}"#, 100.0),
            Err(MapError::Empty)
        );
        let point = r#"{"features":[{"properties":{"name":"A"},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#;
        let err = draw_geojson(point, 100.0).unwrap_err();
        assert!(err.to_string().contains("Đối tượng thứ 1 (A)"), "{err}");
        let unnamed = r#"{"features":[{"properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#;
        assert!(
            draw_geojson(unnamed, 100.0)
                .unwrap_err()
                .to_string()
                .contains("tên")
        );
        let short = r#"{"features":[{"properties":{"name":"B"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}]}"#;
        assert!(matches!(
            draw_geojson(short, 100.0),
            Err(MapError::Incomplete { feature: 1, .. })
        ));
    }
}
