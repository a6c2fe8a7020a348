//! The boundary map's GeoJSON: `draw_geojson` on any text. Must hold: no panic; a drawn map has
//! a finite, positive size, finite label points and areas, and path data made only of finite
//! numbers, at most 64 bytes of path per input byte.
#![no_main]

use daihoi_domain::map::draw_geojson;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(map) = draw_geojson(text, 640.0) else {
        return;
    };
    assert!(map.width.is_finite() && map.height.is_finite(), "{map:?}");
    assert!(map.height >= 0.0, "{map:?}");
    let mut path_bytes = 0;
    for unit in &map.units {
        assert!(
            unit.label_at.0.is_finite() && unit.label_at.1.is_finite(),
            "{unit:?}"
        );
        assert!(
            unit.area_km2.is_finite() && unit.area_km2 >= 0.0,
            "{unit:?}"
        );
        assert!(
            !unit.path.contains("NaN") && !unit.path.contains("inf"),
            "{unit:?}"
        );
        path_bytes += unit.path.len();
    }
    assert!(path_bytes <= 64 * text.len(), "{path_bytes} bytes of path");
});
