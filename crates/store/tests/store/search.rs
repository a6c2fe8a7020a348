//! Search: the portal's ranked full-text `search_published` (schema 11, the index on both
//! databases), the filling of the index on start, and the administration's `filter_articles`
//! over the folded text (schema 4).

use chrono::Duration;
use daihoi_domain::search::parse_query;
use daihoi_store::{
    Actor, ArticleFilter, ArticleState, ArticleStatus, NewArticle, Page, SearchHit, SearchItem,
    Store,
};

use crate::common::{article_input, category, each_backend, t0};

fn slugs(page: &Page<SearchHit>) -> Vec<&str> {
    page.items
        .iter()
        .map(|h| match &h.item {
            SearchItem::Article(a) => a.slug.as_str(),
            SearchItem::Question(_) => "(hỏi đáp)",
            SearchItem::Document(d) => d.number_symbol.as_str(),
            SearchItem::Page(p) => p.slug.as_str(),
        })
        .collect()
}

async fn search(store: &Store, query: &str) -> Vec<String> {
    let page = store
        .search_published(&parse_query(query).expect("a query"), t0(), 1, 100)
        .await
        .expect("search")
        .hits;
    assert_eq!(page.total as usize, page.items.len());
    slugs(&page).into_iter().map(str::to_owned).collect()
}

async fn create(store: &Store, input: &NewArticle) -> i64 {
    store
        .create_article(input, &Actor::System, t0())
        .await
        .expect("create article")
        .id
}

/// An article published an hour before [`t0`] with this body.
fn with_body(slug: &str, cat: i64, body: &str) -> NewArticle {
    let mut a = article_input(slug, cat, Some(t0() - Duration::hours(1)));
    a.body_md = body.into();
    a
}

#[tokio::test]
async fn a_word_only_in_the_body_is_found_with_or_without_diacritics() {
    each_backend(|store| async move {
        let cat = category(&store, "kinh-te").await;
        create(
            &store,
            &with_body(
                "che-shan",
                cat,
                "Đồng bào trồng **chè Shan tuyết** trên sườn núi.",
            ),
        )
        .await;
        create(&store, &with_body("lua-nuoc", cat, "Ruộng bậc thang.")).await;

        assert_eq!(search(&store, "tuyết").await, ["che-shan"]);
        assert_eq!(search(&store, "tuyet").await, ["che-shan"]);
        assert_eq!(search(&store, "SHAN TUYET").await, ["che-shan"]);
        assert_eq!(search(&store, "CHÈ shan").await, ["che-shan"]);
        assert_eq!(search(&store, "ruong bac thang").await, ["lua-nuoc"]);
        // Every word must occur.
        assert!(search(&store, "shan ruong").await.is_empty());
        // Title, lead and author are searched too (common input: "Bài <slug>", "Sapo",
        // "Kim Anh").
        assert_eq!(search(&store, "kim anh").await.len(), 2);
    })
    .await;
}

#[tokio::test]
async fn whole_words_are_matched_and_punctuation_only_separates_them() {
    each_backend(|store| async move {
        let cat = category(&store, "so-lieu").await;
        create(
            &store,
            &with_body("ty-le-nu", cat, "Tỷ lệ nữ đạt 17,14% trong cấp ủy."),
        )
        .await;
        create(
            &store,
            &with_body("ty-le-tre", cat, "Tỷ lệ trẻ đạt 14,17 phần trăm; mã a1b."),
        )
        .await;
        create(&store, &with_body("duong-dan", cat, "Tệp c:\\du_lieu\\x.")).await;

        // "17,14" is the phrase 17 14: the article with "17,14" comes first.
        assert_eq!(search(&store, "17,14").await, ["ty-le-nu", "ty-le-tre"]);
        assert_eq!(search(&store, "14%").await.len(), 2);
        assert_eq!(search(&store, "du_lieu").await, ["duong-dan"]);
        assert_eq!(search(&store, "c:\\du").await, ["duong-dan"]);
        // A word is matched whole, not as a piece of a longer one.
        assert!(search(&store, "du").await == ["duong-dan"]);
        assert!(search(&store, "lie").await.is_empty());
        assert!(search(&store, "a1").await.is_empty());
        assert_eq!(search(&store, "a1b").await, ["ty-le-tre"]);
    })
    .await;
}

#[tokio::test]
async fn hostile_queries_are_plain_words_and_never_an_error() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        create(
            &store,
            &with_body("near", cat, "Đại hội NEAR and AND or NOT Tân Uyên"),
        )
        .await;
        for query in [
            "\"dai hoi\"",
            "dai*",
            "NEAR(dai hoi)",
            "dai AND hoi",
            "-dai",
            "^dai",
            "(dai) (hoi)",
            "dai hoi \u{FFFD}",
            "dai\\ hoi",
            "near and or not",
            "\"dai\" \"\"hoi\"\"",
        ] {
            let found = search(&store, query).await;
            assert!(found == ["near"], "{query}: {found:?}");
        }
        // Every word must be present, operator or not.
        for query in [
            "dai OR xyz",
            "NOT xyz",
            "title:dai",
            "{title body}: dai",
            "dai' OR '1'='1",
            "dai\"; DROP TABLE article; --",
        ] {
            let found = search(&store, query).await;
            assert!(found.is_empty(), "{query}: {found:?}");
        }
        // An empty word list finds nothing (the page never asks for it).
        let none = store.search_published(&[], t0(), 1, 10).await.unwrap().hits;
        assert_eq!((none.total, none.items.len()), (0, 0));
        // A word as long as the limit allows.
        let long = "a".repeat(60);
        assert!(search(&store, &long).await.is_empty());
    })
    .await;
}

#[tokio::test]
async fn drafts_withdrawn_and_scheduled_articles_are_not_found() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        create(&store, &with_body("cong-khai", cat, "hoa ban trắng")).await;
        let mut draft = with_body("nhap", cat, "hoa ban trắng");
        draft.status = ArticleStatus::Draft;
        create(&store, &draft).await;
        let mut withdrawn = with_body("da-go", cat, "hoa ban trắng");
        withdrawn.status = ArticleStatus::Unpublished;
        create(&store, &withdrawn).await;
        let later = t0() + Duration::hours(2);
        let mut scheduled = article_input("hen-gio", cat, Some(later));
        scheduled.body_md = "hoa ban trắng".into();
        create(&store, &scheduled).await;

        assert_eq!(search(&store, "hoa ban").await, ["cong-khai"]);
        let at_later = store
            .search_published(&parse_query("hoa ban").unwrap(), later, 1, 10)
            .await
            .unwrap()
            .hits;
        assert_eq!(slugs(&at_later), ["hen-gio", "cong-khai"], "newest first");
        assert_eq!(at_later.total, 2);
    })
    .await;
}

#[tokio::test]
async fn the_search_text_follows_an_update() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        let mut input = with_body("bai", cat, "Nói về ruộng bậc thang.");
        let id = create(&store, &input).await;
        assert_eq!(search(&store, "bac thang").await, ["bai"]);

        input.body_md = "Nói về đồi chè.".into();
        input.title = "Mùa xuân Tân Uyên".into();
        store
            .update_article(id, &input, &Actor::System, t0())
            .await
            .unwrap();
        assert!(search(&store, "bac thang").await.is_empty());
        assert_eq!(search(&store, "doi che").await, ["bai"]);
        assert_eq!(search(&store, "mua xuan tan uyen").await, ["bai"]);
        // A status change keeps the text.
        store
            .set_article_status(id, ArticleStatus::Draft, &Actor::System, t0())
            .await
            .unwrap();
        assert!(search(&store, "doi che").await.is_empty());
        store
            .set_article_status(id, ArticleStatus::Published, &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(search(&store, "doi che").await, ["bai"]);
    })
    .await;
}

#[tokio::test]
async fn the_best_match_comes_first_and_both_databases_agree() {
    // The same articles and queries on both databases: each order is checked, so both give it.
    each_backend(|store| async move {
        let cat = category(&store, "tin").await;
        let rows: [(&str, &str, &str); 7] = [
            // Oldest first: the ranking, not the date, must put the best first.
            (
                "phrase-title",
                "Đại hội Đảng bộ huyện Tân Uyên lần thứ XXII",
                "Khai mạc trọng thể.",
            ),
            (
                "words-title",
                "Huyện Tân Uyên: bộ máy Đảng sau đại hội",
                "Tổng kết hoạt động.",
            ),
            (
                "phrase-body",
                "Tin địa phương",
                "Sáng nay, đại hội đảng bộ huyện đã bế mạc.",
            ),
            (
                "words-body-often",
                "Tin tổng hợp",
                "Đại hội, hội nghị; đảng viên; bộ đội; huyện; đại hội; hội; đảng; huyện.",
            ),
            (
                "words-body",
                "Tin vắn",
                "Huyện có đại hội; đảng viên và bộ đội dự hội nghị cùng nhiều khách mời \
                 từ các xã, thị trấn, cơ quan và đơn vị trên địa bàn tỉnh Lai Châu.",
            ),
            ("unrelated", "Mùa chè Shan tuyết", "Đồi chè xanh."),
            ("partial", "Đại hội chi bộ", "Chi bộ bản Mường."),
        ];
        for (i, (slug, title, body)) in rows.iter().enumerate() {
            let mut a = with_body(slug, cat, body);
            a.title = (*title).into();
            a.lead = String::new();
            a.author = String::new();
            a.published_at = Some(t0() - Duration::days(30 - i as i64));
            create(&store, &a).await;
        }
        assert_eq!(
            search(&store, "dai hoi dang bo huyen").await,
            [
                "phrase-title",
                "words-title",
                "phrase-body",
                "words-body-often",
                "words-body"
            ]
        );
        // Three titles hold "đại hội": the shortest first; in the bodies, the one that says it
        // twice.
        assert_eq!(
            search(&store, "Đại hội").await,
            [
                "partial",
                "words-title",
                "phrase-title",
                "words-body-often",
                "phrase-body",
                "words-body"
            ]
        );
        // Both titles hold "Tân Uyên": the shorter first.
        assert_eq!(
            search(&store, "tan uyen").await,
            ["words-title", "phrase-title"]
        );
        // One word: in the title first, then by how much of the text it is.
        assert_eq!(
            search(&store, "huyen").await,
            [
                "words-title",
                "phrase-title",
                "words-body-often",
                "phrase-body",
                "words-body"
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn search_results_are_paged_newest_first_with_the_total() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        for i in 0..7 {
            let mut a = article_input(&format!("bai-{i}"), cat, Some(t0() - Duration::hours(i)));
            a.body_md = "đại hội".into();
            create(&store, &a).await;
        }
        let terms = parse_query("dai hoi").unwrap();
        let first = store
            .search_published(&terms, t0(), 1, 3)
            .await
            .unwrap()
            .hits;
        assert_eq!(first.total, 7);
        assert_eq!(first.page_count(), 3);
        assert_eq!(slugs(&first), ["bai-0", "bai-1", "bai-2"]);
        let last = store
            .search_published(&terms, t0(), 3, 3)
            .await
            .unwrap()
            .hits;
        assert_eq!(slugs(&last), ["bai-6"]);
        let none = store
            .search_published(&parse_query("khong co dau").unwrap(), t0(), 1, 3)
            .await
            .unwrap()
            .hits;
        assert_eq!((none.total, none.items.len()), (0, 0));
    })
    .await;
}

#[tokio::test]
async fn rows_without_search_text_are_filled_on_migrate() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        create(&store, &with_body("cu", cat, "Bản làng Sì Thâu Chải.")).await;
        create(&store, &with_body("cu-2", cat, "Mường Khoa.")).await;
        // As if written before schema 4.
        sqlx::query("UPDATE article SET search_text = ''")
            .execute(store.pool())
            .await
            .unwrap();
        let filter = |text: &str| ArticleFilter {
            text: text.into(),
            ..ArticleFilter::default()
        };
        let found = |text: &'static str| {
            let store = store.clone();
            async move {
                let page = store
                    .filter_articles(&filter(text), t0(), 1, 10)
                    .await
                    .unwrap();
                page.items.into_iter().map(|a| a.slug).collect::<Vec<_>>()
            }
        };
        assert!(found("si thau").await.is_empty());
        store.migrate().await.expect("migrate again");
        assert_eq!(found("si thau chai").await, ["cu"]);
        assert_eq!(found("muong khoa").await, ["cu-2"]);
        assert_eq!(store.fill_search_text().await.unwrap(), 0, "nothing left");
        let text: String = sqlx::query_scalar("SELECT search_text FROM article WHERE slug = 'cu'")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(text, "bai cu sapo kim anh ban lang si thau chai.");
    })
    .await;
}

#[tokio::test]
async fn only_the_newest_visible_matches_are_listed_and_older_ones_only_said_to_exist() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        // Created (and indexed) in this order; "b3" is a draft.
        for (slug, title, status) in [
            ("b0", "Đại hội cũ nhất", ArticleStatus::Published),
            ("b1", "Tin khác", ArticleStatus::Published),
            ("b2", "Đại hội thứ hai", ArticleStatus::Published),
            ("b3", "Đại hội lần nháp", ArticleStatus::Draft),
            ("b4", "Tin mới", ArticleStatus::Published),
            ("b5", "Đại hội mới nhất", ArticleStatus::Published),
        ] {
            let mut a = with_body(slug, cat, "Bàn về đại hội.");
            a.title = title.into();
            a.status = status;
            create(&store, &a).await;
        }
        let words = parse_query("dai hoi").unwrap();
        let all = |window: u32, page: u32, per_page: u32| {
            let (store, words) = (store.clone(), words.clone());
            async move {
                let found = store
                    .search_published_within(&words, t0(), page, per_page, window)
                    .await
                    .unwrap();
                (
                    found.hits.total,
                    found.more,
                    slugs(&found.hits)
                        .into_iter()
                        .map(str::to_owned)
                        .collect::<Vec<_>>(),
                )
            }
        };
        // Everything ranked: the titles first; nothing more.
        assert_eq!(
            all(100, 1, 10).await,
            (5, false, svec(&["b5", "b2", "b0", "b4", "b1"]))
        );
        // A window as large as the matches: still nothing more.
        assert_eq!(
            all(5, 1, 10).await,
            (5, false, svec(&["b5", "b2", "b0", "b4", "b1"]))
        );
        // The three newest visible matches (b5, b4, b2: the draft does not take a place) are
        // ranked and listed; b1 and b0 are only said to exist.
        assert_eq!(all(3, 1, 10).await, (3, true, svec(&["b5", "b2", "b4"])));
        // Pages through the window, and past it.
        assert_eq!(all(3, 1, 2).await, (3, true, svec(&["b5", "b2"])));
        assert_eq!(all(3, 2, 2).await, (3, true, svec(&["b4"])));
        assert_eq!(all(3, 3, 2).await, (3, true, svec(&[])));
        // A window of one: the newest.
        assert_eq!(all(1, 1, 10).await, (1, true, svec(&["b5"])));
        // Past the last page of a search with no window cut, the total is still told.
        assert_eq!(all(100, 9, 2).await, (5, false, svec(&[])));
        // Later, when b3 is published, it takes its place in the window as the third newest.
        let b3: i64 = sqlx::query_scalar("SELECT id FROM article WHERE slug = 'b3'")
            .fetch_one(store.pool())
            .await
            .unwrap();
        store
            .set_article_status(b3, ArticleStatus::Published, &Actor::System, t0())
            .await
            .expect("publish b3");
        assert_eq!(all(3, 1, 10).await, (3, true, svec(&["b5", "b3", "b4"])));
    })
    .await;
}

#[tokio::test]
async fn every_page_size_pages_through_the_same_ranked_list() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        // Rows in every group: the phrase in the title, the words in the title out of order,
        // the phrase only in the body, the words only apart in the body; bodies of different
        // lengths so the scores differ.
        let titles = [
            "Đại hội Đảng bộ huyện",
            "Huyện tổ chức đại hội",
            "Tin vắn trong tuần",
            "Hội nghị ở huyện",
            "Đại hội điểm",
            "Bản tin tổng hợp",
        ];
        for i in 0..24 {
            let body = match i % 3 {
                0 => "Đại hội Đảng bộ huyện diễn ra hôm nay.".to_owned(),
                1 => "Hội trường của huyện chuẩn bị cho đại hội.".to_owned(),
                _ => "Tin về đại hội. ".repeat(i % 5 + 1) + "Huyện vùng cao.",
            };
            let mut a = with_body(&format!("p{i:02}"), cat, &body);
            a.title = titles[i % titles.len()].into();
            create(&store, &a).await;
        }
        let words = parse_query("dai hoi huyen").unwrap();
        for window in [1_000, 10] {
            let whole = store
                .search_published_within(&words, t0(), 1, 100, window)
                .await
                .unwrap();
            let expected: Vec<String> = slugs(&whole.hits).into_iter().map(str::to_owned).collect();
            assert_eq!(expected.len() as u64, whole.hits.total);
            assert_eq!(whole.more, window < 24, "window {window}");
            for per_page in [1, 2, 3, 7] {
                let mut paged = Vec::new();
                for page in 1..=(expected.len() as u32).div_ceil(per_page) {
                    let found = store
                        .search_published_within(&words, t0(), page, per_page, window)
                        .await
                        .unwrap();
                    assert_eq!(found.hits.total, whole.hits.total);
                    paged.extend(slugs(&found.hits).into_iter().map(str::to_owned));
                }
                assert_eq!(paged, expected, "window {window}, {per_page} a page");
            }
        }
    })
    .await;
}

fn svec(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[tokio::test]
async fn articles_without_an_index_row_are_indexed_on_migrate() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        create(&store, &with_body("cu", cat, "Bản làng Sì Thâu Chải.")).await;
        let mut draft = with_body("nhap", cat, "Sì Thâu Chải mùa lúa.");
        draft.status = ArticleStatus::Draft;
        create(&store, &draft).await;
        // As if written before schema 11.
        sqlx::query("DELETE FROM search_doc")
            .execute(store.pool())
            .await
            .unwrap();
        if store.backend() == daihoi_store::Backend::Sqlite {
            sqlx::query("DELETE FROM search_fts")
                .execute(store.pool())
                .await
                .unwrap();
        }
        assert!(search(&store, "si thau").await.is_empty());
        store.migrate().await.expect("migrate again");
        assert_eq!(search(&store, "si thau chai").await, ["cu"]);
        assert_eq!(store.index_missing().await.unwrap(), 0, "nothing left");
        assert_eq!(store.reindex_all().await.unwrap(), 2);
        assert_eq!(search(&store, "si thau chai").await, ["cu"]);
        let docs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM search_doc")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(docs, 2, "the draft has its row, not visible");
    })
    .await;
}

#[tokio::test]
async fn a_hit_carries_the_readable_text_for_its_snippet() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        let mut a = with_body(
            "bai",
            cat,
            "## Mở đầu\n\n**Tân Uyên** có [trang](https://x.example).",
        );
        a.lead = "Sapo ngắn.".into();
        create(&store, &a).await;
        let page = store
            .search_published(&parse_query("tan uyen").unwrap(), t0(), 1, 10)
            .await
            .unwrap()
            .hits;
        assert_eq!(page.items[0].text, "Sapo ngắn.\nMở đầu Tân Uyên có trang .");
    })
    .await;
}

#[tokio::test]
async fn the_administration_filters_by_text_category_and_state() {
    each_backend(|store| async move {
        let news = category(&store, "tin").await;
        let congress = category(&store, "dai-hoi").await;
        let past = Some(t0() - Duration::hours(1));
        let future = Some(t0() + Duration::hours(1));
        let rows: [(&str, i64, ArticleStatus, Option<_>, &str); 5] = [
            ("nhap", news, ArticleStatus::Draft, None, "Bầu cử"),
            ("hen-gio", news, ArticleStatus::Published, future, "Bầu cử"),
            (
                "da-dang",
                congress,
                ArticleStatus::Published,
                past,
                "Bầu cử",
            ),
            ("da-go", congress, ArticleStatus::Unpublished, past, "Khác"),
            ("da-dang-2", news, ArticleStatus::Published, past, "Khác"),
        ];
        for (i, (slug, cat, status, at, body)) in rows.into_iter().enumerate() {
            let mut a = article_input(slug, cat, at);
            a.status = status;
            a.body_md = body.into();
            // Changed one minute apart: the list is last changed first.
            store
                .create_article(&a, &Actor::System, t0() + Duration::minutes(i as i64))
                .await
                .unwrap();
        }
        let list = |filter: ArticleFilter| {
            let store = store.clone();
            async move {
                let page = store.filter_articles(&filter, t0(), 1, 100).await.unwrap();
                assert_eq!(page.total as usize, page.items.len());
                page.items.into_iter().map(|a| a.slug).collect::<Vec<_>>()
            }
        };
        assert_eq!(
            list(ArticleFilter::default()).await,
            ["da-dang-2", "da-go", "da-dang", "hen-gio", "nhap"]
        );
        let by_state = |state| ArticleFilter {
            state: Some(state),
            ..ArticleFilter::default()
        };
        assert_eq!(list(by_state(ArticleState::Draft)).await, ["nhap"]);
        assert_eq!(list(by_state(ArticleState::Scheduled)).await, ["hen-gio"]);
        assert_eq!(
            list(by_state(ArticleState::Published)).await,
            ["da-dang-2", "da-dang"]
        );
        assert_eq!(list(by_state(ArticleState::Unpublished)).await, ["da-go"]);
        assert_eq!(
            list(ArticleFilter {
                category_id: Some(congress),
                ..ArticleFilter::default()
            })
            .await,
            ["da-go", "da-dang"]
        );
        assert_eq!(
            list(ArticleFilter {
                text: "bau cu".into(),
                ..ArticleFilter::default()
            })
            .await,
            ["da-dang", "hen-gio", "nhap"]
        );
        assert_eq!(
            list(ArticleFilter {
                text: "BẦU".into(),
                category_id: Some(news),
                state: Some(ArticleState::Scheduled),
            })
            .await,
            ["hen-gio"]
        );
        // Once its time has passed, the scheduled article counts as published.
        let later = store
            .filter_articles(
                &by_state(ArticleState::Published),
                t0() + Duration::hours(2),
                1,
                2,
            )
            .await
            .unwrap();
        assert_eq!(later.total, 3);
        assert_eq!(later.page_count(), 2);
        let later: Vec<&str> = later.items.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(later, ["da-dang-2", "da-dang"]);
    })
    .await;
}
