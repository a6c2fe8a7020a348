//! The boundary map's GeoJSON: `draw_geojson` on any text, and `read_features` as `daihoi import
//! boundaries` uses it. Must hold: no panic; a drawn map has a finite, positive size, finite
//! label points and areas, and path data made only of finite numbers, at most 64 bytes of path
//! per input byte; every feature read has a name and an organization reference of 1–200
//! characters, its rings survive the stored JSON form, and read features always draw.
#![no_main]

use daihoi_domain::map::{
    MAX_NAME_CHARS, OrganizationRef, draw, draw_geojson, read_features, rings_from_json,
    rings_to_json,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(features) = read_features(text) {
        for f in &features {
            assert!(!f.name.is_empty() && f.name.chars().count() <= MAX_NAME_CHARS, "{f:?}");
            if let Some(OrganizationRef::Code(r) | OrganizationRef::Name(r)) = &f.organization {
                assert!(!r.is_empty() && r.chars().count() <= MAX_NAME_CHARS, "{f:?}");
            }
            // The stored form keeps every point (to the last bit or so: JSON floats).
            let stored = rings_to_json(&f.rings);
            let back = rings_from_json(&stored).expect("stored rings read back");
            assert_eq!(back.len(), f.rings.len());
            for (a, b) in back.iter().zip(&f.rings) {
                assert_eq!(a.len(), b.len());
                for (p, q) in a.iter().zip(b) {
                    assert!((p.0 - q.0).abs() <= 1e-9 && (p.1 - q.1).abs() <= 1e-9, "{p:?} {q:?}");
                }
            }
        }
        assert!(draw(&features, 640.0).is_ok());
    }
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
