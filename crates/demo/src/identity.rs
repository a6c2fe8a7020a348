//! Thông tin cổng mẫu — the demo body's identity (the footer's agency, person responsible,
//! licence line, address, e-mail and the line that says it is a demonstration) and its boundary
//! map: the bundled 2020 districts of Lai Châu, of which Tân Uyên stands for the demo's district
//! organization ([`crate::congress::DISTRICT_CODE`]). The other seven districts have no
//! organization in the demo and stay unlinked: nothing is invented for them.

use anyhow::Context as _;
use daihoi_domain::map::{OrganizationRef, read_features, rings_to_json};
use daihoi_store::{
    NewBoundaryMap, NewBoundaryUnit, SETTING_SITE_ADDRESS, SETTING_SITE_AGENCY, SETTING_SITE_EMAIL,
    SETTING_SITE_LICENCE, SETTING_SITE_NOTE, SETTING_SITE_RESPONSIBLE,
};

/// The GeoJSON the portal's map draws by default (the same file).
const DISTRICTS_GEOJSON: &str = include_str!("../../../assets/maps/lai-chau-districts.geojson");

/// Tên đơn vị trên bản đồ — the district of the demo's cycle.
pub const DEMO_DISTRICT_UNIT: &str = "Tân Uyên";

/// Tiêu đề bản đồ mẫu.
pub const MAP_TITLE: &str =
    "các huyện, thành phố tỉnh Lai Châu năm 2020 (bản đồ lịch sử, trước ngày 01/7/2025)";

/// Ghi nguồn — what the data's licence asks to show (the same words as the default map's).
pub const MAP_ATTRIBUTION: &str = "Địa giới hành chính cấp huyện năm 2020 (trước ngày 01/7/2025). \
Nguồn: Chính phủ Việt Nam qua OCHA, phân phối bởi geoBoundaries (VNM ADM2); giấy phép CC BY 3.0 \
IGO; đã cắt theo tỉnh và làm tròn tọa độ.";

/// The demo body's identity settings; `note` is the portal file's tagline, which says that the
/// portal is a demonstration. No phone number: any number we wrote could be someone's.
pub fn settings(note: &str) -> Vec<(String, String)> {
    [
        (SETTING_SITE_AGENCY, "Huyện ủy Tân Uyên, tỉnh Lai Châu (minh họa)"),
        (
            SETTING_SITE_RESPONSIBLE,
            "Văn phòng Huyện ủy Tân Uyên (minh họa)",
        ),
        (
            SETTING_SITE_LICENCE,
            "Không có giấy phép: đây là bản trình diễn, không phải trang thông tin điện tử chính thức",
        ),
        (
            SETTING_SITE_ADDRESS,
            "Thị trấn Tân Uyên, huyện Tân Uyên, tỉnh Lai Châu (địa chỉ minh họa)",
        ),
        (SETTING_SITE_EMAIL, "lienhe@daihoi.example"),
        (SETTING_SITE_NOTE, note),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// The demo's boundary map: every district of the bundled file, Tân Uyên linked to the district
/// organization by its code.
pub fn boundaries() -> anyhow::Result<NewBoundaryMap> {
    let features = read_features(DISTRICTS_GEOJSON).context("bản đồ mẫu hỏng")?;
    Ok(NewBoundaryMap {
        title: MAP_TITLE.to_owned(),
        attribution: MAP_ATTRIBUTION.to_owned(),
        units: features
            .into_iter()
            .map(|f| NewBoundaryUnit {
                organization: (f.name == DEMO_DISTRICT_UNIT)
                    .then(|| OrganizationRef::Code(crate::congress::DISTRICT_CODE.to_owned())),
                rings: rings_to_json(&f.rings),
                name: f.name,
                code: f.code,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use daihoi_domain::site::{IdentityInput, check_identity};

    #[test]
    fn the_demo_identity_passes_the_settings_checks() {
        let get = |key: &str| {
            settings("Bản trình diễn")
                .into_iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .unwrap_or_default()
        };
        let input = IdentityInput {
            name: "Cổng".into(),
            agency: get(SETTING_SITE_AGENCY),
            responsible: get(SETTING_SITE_RESPONSIBLE),
            licence: get(SETTING_SITE_LICENCE),
            address: get(SETTING_SITE_ADDRESS),
            phone: String::new(),
            email: get(SETTING_SITE_EMAIL),
            note: get(SETTING_SITE_NOTE),
        };
        assert_eq!(check_identity(&input), Ok(input.clone()));
    }

    #[test]
    fn only_tan_uyen_is_linked() {
        let map = boundaries().unwrap();
        assert_eq!(map.units.len(), 8);
        let linked: Vec<_> = map
            .units
            .iter()
            .filter(|u| u.organization.is_some())
            .map(|u| u.name.as_str())
            .collect();
        assert_eq!(linked, [DEMO_DISTRICT_UNIT]);
    }
}
