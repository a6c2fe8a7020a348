//! Nội dung mẫu — the demo texts compiled into the binary and their small front-matter format.
//!
//! The files live in `crates/demo/content/` (described in its `README.md`): the portal's
//! name and "about" text, the categories, and one Markdown file per article. Reading them is pure
//! (no I/O at run time: they are `include_str!`-ed), so every rule here is unit-tested and a broken
//! file fails the tests, never a user's first start.

use chrono::NaiveTime;
use daihoi_store::{ArticleKind, ArticleStatus};

/// The portal file: `name`, `tagline` and the about text.
const PORTAL_FILE: (&str, &str) = (
    "cong-thong-tin.md",
    include_str!("../content/cong-thong-tin.md"),
);

/// The categories file, one `slug | name | description` per line.
const CATEGORIES_FILE: (&str, &str) = ("chuyen-muc.txt", include_str!("../content/chuyen-muc.txt"));

/// Every article file, in the order they are loaded.
const ARTICLE_FILES: &[(&str, &str)] = &[
    (
        "bai-viet/01-phong-van-chuan-bi-dai-hoi-diem.md",
        include_str!("../content/bai-viet/01-phong-van-chuan-bi-dai-hoi-diem.md"),
    ),
    (
        "bai-viet/02-khai-mac-dai-hoi-diem.md",
        include_str!("../content/bai-viet/02-khai-mac-dai-hoi-diem.md"),
    ),
    (
        "bai-viet/03-bau-ban-chap-hanh-khoa-moi.md",
        include_str!("../content/bai-viet/03-bau-ban-chap-hanh-khoa-moi.md"),
    ),
    (
        "bai-viet/04-dai-hoi-co-so-hoan-thanh.md",
        include_str!("../content/bai-viet/04-dai-hoi-co-so-hoan-thanh.md"),
    ),
    (
        "bai-viet/05-gop-y-du-thao-van-kien.md",
        include_str!("../content/bai-viet/05-gop-y-du-thao-van-kien.md"),
    ),
    (
        "bai-viet/06-cay-che-giup-dan-vuon-len.md",
        include_str!("../content/bai-viet/06-cay-che-giup-dan-vuon-len.md"),
    ),
    (
        "bai-viet/07-dung-chan-o-tan-uyen.md",
        include_str!("../content/bai-viet/07-dung-chan-o-tan-uyen.md"),
    ),
    (
        "bai-viet/08-cong-thong-tin-ban-trinh-dien.md",
        include_str!("../content/bai-viet/08-cong-thong-tin-ban-trinh-dien.md"),
    ),
];

/// Lỗi nội dung mẫu — a demo file that does not follow the format; names the file and the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Tệp nội dung mẫu «{file}», dòng {line}: {message}")]
pub struct ContentError {
    /// The file, relative to `crates/demo/content/`.
    pub file: String,
    /// Line number counted from 1 (0 when the problem is the whole file).
    pub line: usize,
    /// What is wrong, in Vietnamese.
    pub message: String,
}

fn error(file: &str, line: usize, message: impl Into<String>) -> ContentError {
    ContentError {
        file: file.to_owned(),
        line,
        message: message.into(),
    }
}

/// Cổng thông tin mẫu — the demo portal's name, tagline and "about" text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPortal {
    /// Tên cổng — shown in the header and the page titles.
    pub name: String,
    /// Dòng giới thiệu ngắn — says that this is a demo.
    pub tagline: String,
    /// Giới thiệu — the about/footer text (Markdown paragraphs).
    pub about: String,
}

/// Chuyên mục mẫu — one demo category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCategory {
    /// URL slug (`tin-dai-hoi`).
    pub slug: String,
    /// Display name (`Tin đại hội`).
    pub name: String,
    /// One-sentence description.
    pub description: String,
    /// Display order, from 1.
    pub position: i64,
}

/// Ảnh trong bài — a photo referenced by `![caption](photo:KEY)` in an article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoRef {
    /// The key after `photo:` (`co-hoa`, `nui-2`); unique within the article.
    pub key: String,
    /// Chú thích — the caption (the image's alt text).
    pub caption: String,
}

impl PhotoRef {
    /// Mẫu hình — the picture generator's name: the key without a trailing `-N` number.
    pub fn pattern(&self) -> &str {
        match self.key.rsplit_once('-') {
            Some((head, tail)) if !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) => {
                head
            }
            _ => &self.key,
        }
    }
}

/// Thời điểm đăng tương đối — `-Nd HH:MM`: N days before the reference day at local time HH:MM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishedOffset {
    /// Days before the reference day (0 = the reference day itself).
    pub days_before: u32,
    /// Local wall-clock time of publication.
    pub time: NaiveTime,
}

/// Bài viết mẫu — one demo article as written in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoArticle {
    /// The file it came from (for error messages).
    pub file: &'static str,
    /// Tiêu đề.
    pub title: String,
    /// Đường dẫn — the given slug, or the title without diacritics.
    pub slug: String,
    /// Slug of its category.
    pub category: String,
    /// Tin or phỏng vấn.
    pub kind: ArticleKind,
    /// Tác giả.
    pub author: String,
    /// Nguồn.
    pub source: String,
    /// When it is published, relative to the demo reference day.
    pub published: PublishedOffset,
    /// Published (default) or draft.
    pub status: ArticleStatus,
    /// Key of the cover photo.
    pub cover: String,
    /// Sapo — the lead paragraph.
    pub lead: String,
    /// Markdown body with `photo:KEY` references still in place.
    pub body: String,
    /// The photos the body references, in order of appearance.
    pub photos: Vec<PhotoRef>,
}

/// The demo portal's name and about text.
pub fn portal() -> Result<DemoPortal, ContentError> {
    let (file, text) = PORTAL_FILE;
    let doc = split_front_matter(file, text)?;
    let mut name = None;
    let mut tagline = None;
    for (line, key, value) in &doc.fields {
        match *key {
            "name" => name = Some(value.to_string()),
            "tagline" => tagline = Some(value.to_string()),
            other => {
                return Err(error(
                    file,
                    *line,
                    format!("khóa «{other}» không được hỗ trợ"),
                ));
            }
        }
    }
    Ok(DemoPortal {
        name: name.ok_or_else(|| error(file, 1, "thiếu khóa «name»"))?,
        tagline: tagline.ok_or_else(|| error(file, 1, "thiếu khóa «tagline»"))?,
        about: doc.body.trim().to_owned(),
    })
}

/// The demo categories, in display order.
pub fn categories() -> Result<Vec<DemoCategory>, ContentError> {
    let (file, text) = CATEGORIES_FILE;
    let mut out: Vec<DemoCategory> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let [slug, name, description] = parts[..] else {
            return Err(error(
                file,
                index + 1,
                "cần đúng ba phần «đường dẫn | tên | mô tả»",
            ));
        };
        if slug.is_empty() || name.is_empty() {
            return Err(error(
                file,
                index + 1,
                "đường dẫn và tên không được để trống",
            ));
        }
        if out.iter().any(|c| c.slug == slug) {
            return Err(error(
                file,
                index + 1,
                format!("chuyên mục «{slug}» bị trùng"),
            ));
        }
        out.push(DemoCategory {
            slug: slug.to_owned(),
            name: name.to_owned(),
            description: description.to_owned(),
            position: i64::try_from(out.len()).unwrap_or(i64::MAX) + 1,
        });
    }
    Ok(out)
}

/// Every demo article, checked: known keys, a known category, the cover among the body's
/// photos, unique photo keys and unique slugs.
pub fn articles() -> Result<Vec<DemoArticle>, ContentError> {
    let categories = categories()?;
    let mut out: Vec<DemoArticle> = Vec::with_capacity(ARTICLE_FILES.len());
    for &(file, text) in ARTICLE_FILES {
        let article = parse_article(file, text)?;
        if !categories.iter().any(|c| c.slug == article.category) {
            return Err(error(
                file,
                0,
                format!(
                    "chuyên mục «{}» không có trong chuyen-muc.txt",
                    article.category
                ),
            ));
        }
        if let Some(photo) = article
            .photos
            .iter()
            .find(|p| !super::pictures::PATTERNS.contains(&p.pattern()))
        {
            return Err(error(
                file,
                0,
                format!(
                    "ảnh «{}»: không có mẫu hình «{}»",
                    photo.key,
                    photo.pattern()
                ),
            ));
        }
        if out.iter().any(|a| a.slug == article.slug) {
            return Err(error(
                file,
                0,
                format!("đường dẫn «{}» bị trùng", article.slug),
            ));
        }
        out.push(article);
    }
    Ok(out)
}

/// Thay mã ảnh — replace every `(photo:KEY)` of the body by `(photo:ID)` using `ids`
/// (key → stored photo id). Keys missing from `ids` are left as they are.
pub fn substitute_photo_ids(body: &str, ids: &[(String, i64)]) -> String {
    let mut out = body.to_owned();
    for (key, id) in ids {
        out = out.replace(&format!("](photo:{key})"), &format!("](photo:{id})"));
    }
    out
}

/// A file split into its `key: value` front matter and its body.
struct FrontMatter<'a> {
    /// `(line number, key, value)` in file order.
    fields: Vec<(usize, &'a str, &'a str)>,
    body: &'a str,
}

fn split_front_matter<'a>(file: &str, text: &'a str) -> Result<FrontMatter<'a>, ContentError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(error(file, 1, "tệp phải bắt đầu bằng dòng «---»"));
    }
    let mut consumed = first.len();
    let mut fields = Vec::new();
    for (index, raw) in lines.enumerate() {
        let line_no = index + 2;
        consumed += raw.len();
        let line = raw.trim_end();
        if line == "---" {
            return Ok(FrontMatter {
                fields,
                body: &text[consumed..],
            });
        }
        if line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(error(file, line_no, "cần dạng «khóa: giá trị»"));
        };
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            return Err(error(
                file,
                line_no,
                format!("khóa «{key}» chưa có giá trị"),
            ));
        }
        if fields.iter().any(|(_, k, _)| *k == key) {
            return Err(error(file, line_no, format!("khóa «{key}» bị lặp")));
        }
        fields.push((line_no, key, value));
    }
    Err(error(file, 0, "thiếu dòng «---» kết thúc phần đầu tệp"))
}

fn parse_article(file: &'static str, text: &str) -> Result<DemoArticle, ContentError> {
    let doc = split_front_matter(file, text)?;
    let get = |key: &str| -> Result<String, ContentError> {
        doc.fields
            .iter()
            .find(|(_, k, _)| *k == key)
            .map(|(_, _, v)| (*v).to_owned())
            .ok_or_else(|| error(file, 0, format!("thiếu khóa «{key}»")))
    };
    let line_of = |key: &str| {
        doc.fields
            .iter()
            .find(|(_, k, _)| *k == key)
            .map_or(0, |(l, _, _)| *l)
    };
    const KNOWN: &[&str] = &[
        "title",
        "slug",
        "category",
        "kind",
        "author",
        "source",
        "published",
        "status",
        "cover",
        "lead",
    ];
    if let Some((line, key, _)) = doc.fields.iter().find(|(_, k, _)| !KNOWN.contains(k)) {
        return Err(error(
            file,
            *line,
            format!("khóa «{key}» không được hỗ trợ"),
        ));
    }

    let title = get("title")?;
    let slug = match doc.fields.iter().find(|(_, k, _)| *k == "slug") {
        Some((_, _, s)) => (*s).to_owned(),
        None => daihoi_domain::vn::slugify(&title),
    };
    let kind_text = get("kind")?;
    let kind = ArticleKind::parse(&kind_text).ok_or_else(|| {
        error(
            file,
            line_of("kind"),
            format!("loại bài «{kind_text}» không hợp lệ (news hoặc interview)"),
        )
    })?;
    let status = match doc.fields.iter().find(|(_, k, _)| *k == "status") {
        None => ArticleStatus::Published,
        Some((_, _, "published")) => ArticleStatus::Published,
        Some((_, _, "draft")) => ArticleStatus::Draft,
        Some((line, _, other)) => {
            return Err(error(
                file,
                *line,
                format!("trạng thái «{other}» không hợp lệ (published hoặc draft)"),
            ));
        }
    };
    let published_text = get("published")?;
    let published = parse_offset(&published_text).ok_or_else(|| {
        error(
            file,
            line_of("published"),
            format!("thời điểm đăng «{published_text}» phải có dạng «-Nd HH:MM»"),
        )
    })?;
    let body = doc.body.trim().to_owned();
    let photos = photo_refs(file, text, &body)?;
    let cover = get("cover")?;
    if !photos.iter().any(|p| p.key == cover) {
        return Err(error(
            file,
            line_of("cover"),
            format!("ảnh đại diện «{cover}» không có trong nội dung bài"),
        ));
    }
    Ok(DemoArticle {
        file,
        title,
        slug,
        category: get("category")?,
        kind,
        author: get("author")?,
        source: get("source")?,
        published,
        status,
        cover,
        lead: get("lead")?,
        body,
        photos,
    })
}

/// `-12d 09:30` → 12 days before, at 09:30.
fn parse_offset(text: &str) -> Option<PublishedOffset> {
    let (days, time) = text.trim().split_once(' ')?;
    let days = days.strip_prefix('-')?.strip_suffix('d')?;
    if days.is_empty() || !days.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(PublishedOffset {
        days_before: days.parse().ok()?,
        time: NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?,
    })
}

/// The photo lines of a body: each `![caption](photo:KEY)` must stand on a line of its own,
/// have a caption, and use a key not used before in the same article.
fn photo_refs(file: &str, text: &str, body: &str) -> Result<Vec<PhotoRef>, ContentError> {
    // Line numbers are reported relative to the whole file.
    let body_offset = text
        .find(body.lines().next().unwrap_or(""))
        .map_or(0, |at| text[..at].lines().count());
    let mut photos: Vec<PhotoRef> = Vec::new();
    for (index, raw) in body.lines().enumerate() {
        let line_no = body_offset + index + 1;
        let line = raw.trim();
        if !line.contains("](photo:") {
            continue;
        }
        let parsed = line
            .strip_prefix("![")
            .and_then(|rest| rest.strip_suffix(')'))
            .and_then(|inner| inner.rsplit_once("](photo:"));
        let Some((caption, key)) = parsed else {
            return Err(error(
                file,
                line_no,
                "ảnh phải đứng riêng một dòng dạng «![chú thích](photo:KHÓA)»",
            ));
        };
        let (caption, key) = (caption.trim(), key.trim());
        if caption.is_empty() {
            return Err(error(file, line_no, "ảnh chưa có chú thích"));
        }
        let key_ok = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !key_ok {
            return Err(error(
                file,
                line_no,
                format!("khóa ảnh «{key}» chỉ được gồm chữ thường không dấu, số và «-»"),
            ));
        }
        if photos.iter().any(|p| p.key == key) {
            return Err(error(file, line_no, format!("khóa ảnh «{key}» bị lặp")));
        }
        photos.push(PhotoRef {
            key: key.to_owned(),
            caption: caption.to_owned(),
        });
    }
    if photos.is_empty() {
        return Err(error(file, 0, "bài viết cần ít nhất một ảnh có chú thích"));
    }
    Ok(photos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_file_parses() {
        let portal = portal().unwrap();
        assert!(portal.name.contains("bản trình diễn"));
        assert!(!portal.about.is_empty());
        let categories = categories().unwrap();
        assert!(categories.len() >= 3);
        assert!(categories.iter().any(|c| c.slug == "tin-dai-hoi"));
        let articles = articles().unwrap();
        assert_eq!(articles.len(), ARTICLE_FILES.len());
        assert!(articles.iter().all(|a| !a.photos.is_empty()));
    }

    #[test]
    fn offsets_parse_and_reject_garbage() {
        assert_eq!(
            parse_offset("-12d 09:30"),
            Some(PublishedOffset {
                days_before: 12,
                time: NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
            })
        );
        assert_eq!(parse_offset("-0d 00:00").unwrap().days_before, 0);
        for bad in [
            "12d 09:30",
            "-d 09:30",
            "-1x 09:30",
            "-1d 25:00",
            "-1d",
            "-1d 9h",
        ] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
    }

    #[test]
    fn pattern_drops_a_trailing_number_only() {
        let r = |key: &str| PhotoRef {
            key: key.into(),
            caption: "x".into(),
        };
        assert_eq!(r("co-hoa").pattern(), "co-hoa");
        assert_eq!(r("co-hoa-2").pattern(), "co-hoa");
        assert_eq!(r("nui").pattern(), "nui");
        assert_eq!(r("nui-").pattern(), "nui-");
    }

    #[test]
    fn bad_articles_name_the_file_and_line() {
        let missing_end = "---\ntitle: A\n";
        let e = parse_article("x.md", missing_end).unwrap_err();
        assert!(e.message.contains("kết thúc"), "{e}");

        let unknown_key = "---\ntitle: A\ncolour: red\n---\nbody\n";
        let e = parse_article("x.md", unknown_key).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.to_string().contains("x.md"));

        let base = "---\ntitle: Tin A\ncategory: thoi-su\nkind: news\nauthor: B\nsource: C\n\
                    published: -1d 08:00\ncover: nui\nlead: L\n---\n";
        let no_caption = format!("{base}Đoạn một.\n\n![](photo:nui)\n");
        let e = parse_article("x.md", &no_caption).unwrap_err();
        assert!(e.message.contains("chú thích"), "{e}");
        assert_eq!(e.line, 13);

        let inline = format!("{base}Xem ảnh ![Núi](photo:nui) ở đây.\n");
        assert!(parse_article("x.md", &inline).is_err());

        let twice = format!("{base}![Núi](photo:nui)\n\n![Núi nữa](photo:nui)\n");
        assert!(
            parse_article("x.md", &twice)
                .unwrap_err()
                .message
                .contains("lặp")
        );

        let wrong_cover = format!("{base}![Núi](photo:nui-2)\n");
        assert!(
            parse_article("x.md", &wrong_cover)
                .unwrap_err()
                .message
                .contains("đại diện")
        );

        let ok = format!("{base}![Núi mờ sương](photo:nui)\n\nĐoạn văn.\n");
        let a = parse_article("x.md", &ok).unwrap();
        assert_eq!(a.slug, "tin-a");
        assert_eq!(a.status, ArticleStatus::Published);
        assert_eq!(a.photos[0].caption, "Núi mờ sương");
    }

    #[test]
    fn photo_keys_are_replaced_by_ids() {
        let body = "![A](photo:nui)\n\ntext\n\n![B](photo:nui-2)\n";
        let out = substitute_photo_ids(body, &[("nui".into(), 7), ("nui-2".into(), 8)]);
        assert_eq!(out, "![A](photo:7)\n\ntext\n\n![B](photo:8)\n");
    }
}
