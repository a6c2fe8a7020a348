//! The NukeViet 4.5 fixture (`../shared/fixtures/nukeviet-4.5/` beside the checkout, or the
//! folder `DAIHOI_NUKEVIET_FIXTURE` names) and broken copies of it. The fixture is NukeViet's own
//! sample data (GPL v2), kept outside our repository: without it these tests say so and pass
//! without checking (the reader's unit tests in `src/` do not need it).

use chrono::{DateTime, NaiveDate, Utc};
use daihoi_domain::publication::ArticleStatus;
use daihoi_nukeviet::{DumpError, Limits, Site, read_site};

/// The fixture dump, or `None` (with a line saying the test is skipped) when it is absent.
fn fixture() -> Option<String> {
    let dir = std::env::var_os("DAIHOI_NUKEVIET_FIXTURE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/fixtures/nukeviet-4.5")
        });
    let path = dir.join("news-and-counter.sql");
    match std::fs::read_to_string(&path) {
        Ok(dump) => Some(dump),
        Err(e) => {
            eprintln!(
                "skipped: the NukeViet fixture {} cannot be read ({e}); set \
                 DAIHOI_NUKEVIET_FIXTURE to its folder",
                path.display()
            );
            None
        }
    }
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn read(dump: &str) -> Result<Site, DumpError> {
    read_site(dump.as_bytes(), &Limits::default(), now())
}

#[test]
fn the_fixture_maps_whole() {
    let Some(fixture) = fixture() else {
        return;
    };
    let site = read(&fixture.clone()).unwrap();
    assert_eq!((site.prefix.as_str(), site.lang.as_str()), ("nv4", "vi"));
    assert_eq!(site.module, "news");
    assert_eq!(site.categories.len(), 7);
    let news = &site.categories[0];
    assert_eq!(
        (news.nv_id, news.title.as_str(), news.slug.as_str()),
        (1, "Tin tức", "tin-tuc")
    );
    let press = site.categories.iter().find(|c| c.nv_id == 5).unwrap();
    assert_eq!(press.parent, Some(1));
    assert_eq!(press.alias, "thong-cao-bao-chi");
    assert_eq!(site.articles.len(), 16);
    let a2 = &site.articles[1];
    assert_eq!(a2.title, "Hãy trở thành nhà cung cấp dịch vụ của NukeViet!");
    assert_eq!(a2.category, 7);
    assert_eq!(a2.other_categories, [1]);
    assert_eq!(a2.author, "Nguyễn Thế Hùng");
    let a11 = &site.articles[10];
    assert!(a11.title.contains("Bộ GD&ĐT"), "{}", a11.title);
    assert!(
        a11.lead
            .contains("\"khuyến cáo khi sử dụng các hệ thống CNTT\""),
        "{}",
        a11.lead
    );
    let a1 = &site.articles[0];
    assert_eq!(a1.source, "Báo Hà Nội Mới");
    assert_eq!(a1.other_categories, [5, 7]);
    let picture = a1.picture.as_ref().unwrap();
    assert_eq!(picture.path, "news/nangly.jpg");
    assert_eq!(picture.caption, "Thành lập VINADES.,JSC");
    let a16 = &site.articles[15];
    assert_eq!(a16.status, ArticleStatus::Published);
    assert_eq!(
        a16.body_pictures,
        [
            "news/2026_11/ky-hop-hdnd-1.jpg",
            "news/2026_11/ky-hop-hdnd-2.jpg"
        ]
    );
    assert!(a16.body_html.contains("<figcaption>"), "{}", a16.body_html);
    assert!(a16.picture.is_none());
    // Inline styles and NukeViet's classes are gone; the foreign picture of article 6 is a link.
    for a in &site.articles {
        assert!(!a.body_html.contains("style="), "{}", a.nv_id);
        assert!(!a.body_html.contains("class="), "{}", a.nv_id);
        assert!(!a.body_html.contains("src=\"http"), "{}", a.nv_id);
    }
    assert!(
        site.articles[5].body_html.contains(
            "<a href=\"http://dantri4.vcmedia.vn/xFKfMbJ7RTXgah5W1cc/File/2011/01_b7d3f.jpg\""
        ),
        "{}",
        site.articles[5].body_html
    );
    assert!(
        site.notes.iter().any(|n| n.nv_id == Some(6) && !n.skipped),
        "{:?}",
        site.notes
    );
    assert!(site.notes.iter().all(|n| !n.skipped), "{:?}", site.notes);
    let counter = site.counter.as_ref().unwrap();
    assert_eq!(counter.total, 26_054);
    let daily = counter.daily(chrono_tz::Asia::Ho_Chi_Minh);
    assert_eq!(
        daily,
        vec![(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(), 26_054)]
    );
}

#[test]
fn another_prefix_is_found() {
    let Some(fixture) = fixture() else {
        return;
    };
    let site = read(&fixture.clone().replace("`nv4_", "`tinh_")).unwrap();
    assert_eq!(site.prefix, "tinh");
    assert_eq!(site.articles.len(), 16);
    assert!(site.counter.is_some());
}

#[test]
fn a_cut_off_dump_is_refused() {
    let Some(fixture) = fixture() else {
        return;
    };
    let dump = fixture.clone();
    for cut in [dump.len() / 2, dump.len() / 3, dump.len() - 200] {
        let mut at = cut;
        while !dump.is_char_boundary(at) {
            at -= 1;
        }
        let err = read(&dump[..at]).unwrap_err();
        assert!(
            matches!(err, DumpError::CutOff { .. }),
            "cut at {at}: {err}"
        );
    }
    // Cut just after a whole statement, between two tables.
    let at = dump
        .find("DROP TABLE IF EXISTS `nv4_vi_news_detail`")
        .unwrap();
    let err = read(&dump[..at]).unwrap_err();
    assert!(err.to_string().contains("bị cắt giữa chừng"), "{err}");
}

#[test]
fn a_dump_without_news_tables_is_refused() {
    let Some(fixture) = fixture() else {
        return;
    };
    let dump: String = fixture
        .clone()
        .split_inclusive('\n')
        .filter(|line| !line.contains("_news_rows"))
        .collect();
    let err = read(&dump).unwrap_err().to_string();
    assert!(err.contains("không có bảng tin tức"), "{err}");
}

#[test]
fn missing_detail_rows_are_reported() {
    let Some(fixture) = fixture() else {
        return;
    };
    let dump: String = fixture
        .clone()
        .split_inclusive('\n')
        .filter(|line| !line.starts_with("INSERT INTO `nv4_vi_news_detail` VALUES (3,"))
        .collect();
    let site = read(&dump).unwrap();
    assert_eq!(site.articles.len(), 16);
    let a3 = site.articles.iter().find(|a| a.nv_id == 3).unwrap();
    assert!(a3.body_html.is_empty());
    assert!(!a3.lead.is_empty());
    assert!(
        site.notes
            .iter()
            .any(|n| n.nv_id == Some(3) && n.message.contains("_news_detail")),
        "{:?}",
        site.notes
    );
}

#[test]
fn drafts_scheduled_and_expired_articles_stay_off_the_site() {
    let Some(fixture) = fixture() else {
        return;
    };
    let dump = fixture
        .clone()
        .replace(
            "VALUES (3,4,'4',0,1,'Phạm Quốc Tiến',2,1453192400,1453192400,1,",
            "VALUES (3,4,'4',0,1,'Phạm Quốc Tiến',2,1453192400,1453192400,4,",
        )
        .replace(
            "(4,4,'4',0,1,'Phạm Quốc Tiến',0,1445391089,1445394192,1,5,1445391060,0,",
            "(4,4,'4',0,1,'Phạm Quốc Tiến',0,1445391089,1445394192,1,5,1445391060,1500000000,",
        );
    let site = read(&dump).unwrap();
    let status = |id: i64| site.articles.iter().find(|a| a.nv_id == id).unwrap().status;
    assert_eq!(status(3), ArticleStatus::Draft);
    assert_eq!(status(4), ArticleStatus::Unpublished);
    assert_eq!(status(5), ArticleStatus::Published);
}
