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

/// Largest GeoJSON text read, in bytes (16 MiB: a province's communes, simplified, take well
/// under a megabyte).
pub const MAX_GEOJSON_BYTES: usize = 16 * 1024 * 1024;
/// Most features (units) in one map.
pub const MAX_FEATURES: usize = 2_000;
/// Most points over all the units of one map.
pub const MAX_POINTS: usize = 1_000_000;
/// Longest unit name or organization reference, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Why a GeoJSON text could not be read or drawn. Each refusal of a feature names its number
/// (from 1, in file order) and its name when it has one.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum MapError {
    /// The text is larger than [`MAX_GEOJSON_BYTES`].
    #[error("Tệp GeoJSON quá lớn ({} byte): tối đa 16 MB", crate::vn::format::format_int(*bytes as i64))]
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// More than [`MAX_FEATURES`] features, or more than [`MAX_POINTS`] points in all.
    #[error(
        "Tệp GeoJSON có quá nhiều đối tượng hoặc điểm: tối đa 2.000 đối tượng và 1.000.000 điểm"
    )]
    TooMany,
    /// The text is not GeoJSON of the expected shape.
    #[error("Tệp GeoJSON không đọc được: {0}")]
    Parse(String),
    /// A feature has a geometry other than Polygon or MultiPolygon.
    #[error(
        "Đối tượng thứ {feature}{} có hình học kiểu {kind}, chỉ hỗ trợ Polygon và MultiPolygon",
        named(name)
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
    #[error("Đối tượng thứ {feature}{} thiếu {what}", named(name))]
    Incomplete {
        /// 1-based feature number.
        feature: usize,
        /// The feature's name, empty when it has none.
        name: String,
        /// What is missing, in Vietnamese.
        what: &'static str,
    },
    /// A property is present but unusable (too long, not text).
    #[error(
        "Đối tượng thứ {feature}{} có thuộc tính {property} không hợp lệ: {why}",
        named(name)
    )]
    BadProperty {
        /// 1-based feature number.
        feature: usize,
        /// The feature's name, empty when it has none.
        name: String,
        /// The property (`properties.name`, …).
        property: &'static str,
        /// Why, in Vietnamese.
        why: &'static str,
    },
    /// A point outside longitude −180…180 or latitude −90…90 (WGS 84, RFC 7946).
    #[error(
        "Đối tượng thứ {feature}{} có tọa độ ngoài phạm vi kinh độ −180…180, vĩ độ −90…90 (WGS 84)",
        named(name)
    )]
    OutOfRange {
        /// 1-based feature number.
        feature: usize,
        /// The feature's name.
        name: String,
    },
    /// The collection has no features.
    #[error("Tệp GeoJSON không có đối tượng nào")]
    Empty,
}

/// " «Tân Uyên»" after a feature's number, or nothing for a feature without a name.
fn named(name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        format!(" «{name}»")
    }
}

#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    #[serde(default)]
    properties: Option<serde_json::Map<String, serde_json::Value>>,
    geometry: Option<Geometry>,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    coordinates: serde_json::Value,
}

/// A closed ring of (longitude, latitude) points.
pub type Ring = Vec<(f64, f64)>;

/// Liên kết tổ chức — how a unit names the organization it stands for: by the organization's
/// code (`properties.organization_code`, compared without case) or, without a code, by its exact
/// name (`properties.organization_name`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrganizationRef {
    /// Mã tổ chức.
    Code(String),
    /// Tên tổ chức.
    Name(String),
}

/// Một đơn vị đọc từ tệp — one feature as read and checked: its name, its official code, the
/// organization it names (if any) and its rings.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryFeature {
    /// Tên đơn vị (`properties.name`), NFC.
    pub name: String,
    /// Mã đơn vị hành chính (`properties.code`), possibly empty.
    pub code: String,
    /// The organization it stands for.
    pub organization: Option<OrganizationRef>,
    /// Its rings, outer and inner, of every polygon (drawn with the even-odd rule).
    pub rings: Vec<Ring>,
}

/// Draws the polygons of a GeoJSON `FeatureCollection` into a drawing `width` units wide
/// ([`read_features`], then [`draw`]).
pub fn draw_geojson(geojson: &str, width: f64) -> Result<BoundaryMap, MapError> {
    draw(&read_features(geojson)?, width)
}

/// Đọc tệp ranh giới — reads and checks a GeoJSON `FeatureCollection` of polygons, within
/// [`MAX_GEOJSON_BYTES`], [`MAX_FEATURES`] and [`MAX_POINTS`]. Each feature needs
/// `properties.name` and a Polygon or MultiPolygon geometry of points on the Earth;
/// `properties.code` is optional, and so is the organization it stands for
/// (`properties.organization_code`, else `properties.organization_name`). The first refused
/// feature is reported with its number and name.
pub fn read_features(geojson: &str) -> Result<Vec<BoundaryFeature>, MapError> {
    if geojson.len() > MAX_GEOJSON_BYTES {
        return Err(MapError::TooLarge {
            bytes: geojson.len(),
        });
    }
    let collection: FeatureCollection =
        serde_json::from_str(geojson).map_err(|e| MapError::Parse(e.to_string()))?;
    if collection.features.is_empty() {
        return Err(MapError::Empty);
    }
    if collection.features.len() > MAX_FEATURES {
        return Err(MapError::TooMany);
    }
    let mut points = 0usize;
    let mut read = Vec::with_capacity(collection.features.len());
    for (i, feature) in collection.features.into_iter().enumerate() {
        let number = i + 1;
        let properties = feature.properties.unwrap_or_default();
        let text =
            |property: &'static str, key: &str, name: &str| -> Result<Option<String>, MapError> {
                let bad = |why| MapError::BadProperty {
                    feature: number,
                    name: name.to_owned(),
                    property,
                    why,
                };
                match properties.get(key) {
                    None | Some(serde_json::Value::Null) => Ok(None),
                    Some(serde_json::Value::String(s)) => {
                        let value = crate::vn::fold::nfc(s.trim());
                        if value.chars().count() > MAX_NAME_CHARS {
                            Err(bad("dài quá 200 ký tự"))
                        } else if value.chars().any(char::is_control) {
                            Err(bad("có ký tự điều khiển"))
                        } else {
                            Ok(Some(value).filter(|v| !v.is_empty()))
                        }
                    }
                    Some(serde_json::Value::Number(n)) if key == "code" => Ok(Some(n.to_string())),
                    Some(_) => Err(bad("phải là một chuỗi ký tự")),
                }
            };
        let name = text("properties.name", "name", "")?.ok_or(MapError::Incomplete {
            feature: number,
            name: String::new(),
            what: "tên (properties.name)",
        })?;
        let code = text("properties.code", "code", &name)?.unwrap_or_default();
        let organization = match (
            text("properties.organization_code", "organization_code", &name)?,
            text("properties.organization_name", "organization_name", &name)?,
        ) {
            (Some(code), _) => Some(OrganizationRef::Code(code)),
            (None, Some(org)) => Some(OrganizationRef::Name(org)),
            (None, None) => None,
        };
        let Some(geometry) = feature.geometry else {
            return Err(MapError::Incomplete {
                feature: number,
                name,
                what: "hình học (geometry)",
            });
        };
        let polygons = match geometry.kind.as_str() {
            "Polygon" => vec![parse_polygon(&geometry.coordinates)],
            "MultiPolygon" => geometry
                .coordinates
                .as_array()
                .map(|ps| ps.iter().map(parse_polygon).collect())
                .unwrap_or_default(),
            other => {
                return Err(MapError::UnsupportedGeometry {
                    feature: number,
                    name,
                    kind: other.chars().take(40).collect(),
                });
            }
        };
        let rings: Vec<Ring> = polygons.into_iter().flatten().flatten().collect();
        if rings.is_empty() || rings.iter().any(|r| r.len() < 4) {
            return Err(MapError::Incomplete {
                feature: number,
                name,
                what: "vòng tọa độ hợp lệ (ít nhất 4 điểm)",
            });
        }
        points += rings.iter().map(Vec::len).sum::<usize>();
        if points > MAX_POINTS {
            return Err(MapError::TooMany);
        }
        let on_earth = |&(lon, lat): &(f64, f64)| {
            (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)
        };
        if !rings.iter().flatten().all(on_earth) {
            return Err(MapError::OutOfRange {
                feature: number,
                name,
            });
        }
        read.push(BoundaryFeature {
            name,
            code,
            organization,
            rings,
        });
    }
    Ok(read)
}

/// Vẽ bản đồ — projects checked features into a drawing `width` units wide (units in the
/// order given).
pub fn draw(features: &[BoundaryFeature], width: f64) -> Result<BoundaryMap, MapError> {
    if features.is_empty() {
        return Err(MapError::Empty);
    }
    let (mut min_lon, mut max_lon, mut min_lat, mut max_lat) = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for feature in features {
        for &(lon, lat) in feature.rings.iter().flatten() {
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

    let units = features
        .iter()
        .map(|feature| {
            let rings = &feature.rings;
            let mut path = String::new();
            let (mut area2_sum, mut cx_sum, mut cy_sum) = (0.0, 0.0, 0.0);
            for ring in rings {
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
                rings
                    .first()
                    .and_then(|r| r.first())
                    .copied()
                    .map(project)
                    .unwrap_or((0.0, 0.0))
            };
            let area_km2 = (area2_sum / 2.0).abs() * km_per_unit * km_per_unit;
            MapUnit {
                name: feature.name.clone(),
                code: feature.code.clone(),
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

/// Các vòng dạng JSON — rings as stored: `[[[lon, lat], …], …]`.
pub fn rings_to_json(rings: &[Ring]) -> String {
    let arrays: Vec<Vec<[f64; 2]>> = rings
        .iter()
        .map(|r| r.iter().map(|&(lon, lat)| [lon, lat]).collect())
        .collect();
    serde_json::to_string(&arrays).unwrap_or_else(|_| "[]".to_owned())
}

/// Reads rings written by [`rings_to_json`]; `None` when the text is not that.
pub fn rings_from_json(text: &str) -> Option<Vec<Ring>> {
    let arrays: Vec<Vec<[f64; 2]>> = serde_json::from_str(text).ok()?;
    Some(
        arrays
            .into_iter()
            .map(|r| r.into_iter().map(|[lon, lat]| (lon, lat)).collect())
            .collect(),
    )
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
            assert_eq!(
                err,
                MapError::OutOfRange {
                    feature: 1,
                    name: "A".into()
                },
                "{lon} {lat}"
            );
            assert!(err.to_string().contains("Đối tượng thứ 1 «A»"), "{err}");
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
        assert!(err.to_string().contains("Đối tượng thứ 1 «A»"), "{err}");
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

    fn feature(properties: &str, geometry: &str) -> String {
        format!(r#"{{"type":"Feature","properties":{properties},"geometry":{geometry}}}"#)
    }

    const SQUARE_GEOMETRY: &str =
        r#"{"type":"Polygon","coordinates":[[[103,22],[104,22],[104,23],[103,23],[103,22]]]}"#;

    fn collection(features: &[String]) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        )
    }

    #[test]
    fn features_name_their_organization_by_code_or_name() {
        let text = collection(&[
            feature(
                r#"{"name":"Tân Uyên","code":111,"organization_code":" TU "}"#,
                SQUARE_GEOMETRY,
            ),
            feature(
                r#"{"name":"Than Uyên","organization_name":"Đảng bộ huyện Than Uyên"}"#,
                SQUARE_GEOMETRY,
            ),
            feature(r#"{"name":"Mường Tè"}"#, SQUARE_GEOMETRY),
        ]);
        let features = read_features(&text).unwrap();
        assert_eq!(features[0].code, "111");
        assert_eq!(
            features[0].organization,
            Some(OrganizationRef::Code("TU".into()))
        );
        assert_eq!(
            features[1].organization,
            Some(OrganizationRef::Name("Đảng bộ huyện Than Uyên".into()))
        );
        assert_eq!(features[2].organization, None);
        let rings = rings_from_json(&rings_to_json(&features[0].rings)).unwrap();
        assert_eq!(rings, features[0].rings);
        assert_eq!(rings_from_json("{"), None);
    }

    #[test]
    fn refusals_name_the_feature_number_and_name() {
        let text = collection(&[
            feature(r#"{"name":"A"}"#, SQUARE_GEOMETRY),
            feature(
                r#"{"name":"Sìn Hồ"}"#,
                r#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#,
            ),
        ]);
        let err = read_features(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Đối tượng thứ 2 «Sìn Hồ» có hình học kiểu LineString, chỉ hỗ trợ Polygon và MultiPolygon"
        );
        let text = collection(&[feature(r#"{"name":"B"}"#, "null")]);
        assert_eq!(
            read_features(&text).unwrap_err().to_string(),
            "Đối tượng thứ 1 «B» thiếu hình học (geometry)"
        );
        let long = "x".repeat(201);
        let text = collection(&[feature(
            &format!(r#"{{"name":"C","organization_code":"{long}"}}"#),
            SQUARE_GEOMETRY,
        )]);
        assert_eq!(
            read_features(&text).unwrap_err().to_string(),
            "Đối tượng thứ 1 «C» có thuộc tính properties.organization_code không hợp lệ: dài quá 200 ký tự"
        );
        let text = collection(&[feature(r#"{"name":["D"]}"#, SQUARE_GEOMETRY)]);
        assert!(matches!(
            read_features(&text),
            Err(MapError::BadProperty { feature: 1, .. })
        ));
    }

    #[test]
    fn size_and_count_limits_are_refused_before_anything_is_drawn() {
        let big = " ".repeat(MAX_GEOJSON_BYTES + 1);
        assert_eq!(
            read_features(&big),
            Err(MapError::TooLarge {
                bytes: MAX_GEOJSON_BYTES + 1
            })
        );
        let one = feature(r#"{"name":"E"}"#, SQUARE_GEOMETRY);
        let many = collection(&vec![one; MAX_FEATURES + 1]);
        assert_eq!(read_features(&many), Err(MapError::TooMany));
        assert!(MapError::TooMany.to_string().contains("2.000 đối tượng"));
        assert_eq!(MAX_FEATURES, 2_000, "the message says 2.000");
        assert_eq!(MAX_POINTS, 1_000_000, "the message says 1.000.000");
    }
}
