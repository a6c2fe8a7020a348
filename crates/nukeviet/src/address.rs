//! Địa chỉ cũ — NukeViet's public addresses of articles and categories, read so the portal can
//! answer them with `301` to the new address.
//!
//! With rewriting on (the default): `/news/{cat}/{alias}-{id}.html`,
//! `/{lang}/news/{cat}/{alias}-{id}.html` and the category `/news/{cat}/` (also with `/page-N`);
//! without it: `index.php?language=vi&nv=news&op={cat}/{alias}-{id}` and
//! `index.php?nv=news&op={cat}`. The module's name in them is the site's (`news` by default).

/// What an old address names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OldAddress {
    /// An article, by NukeViet id.
    Article(i64),
    /// A category, by NukeViet alias.
    Category(String),
}

/// Reads an old address: `path` as requested (percent-encoded, no query) and its `query`.
/// `module` is the news module's name (`news`).
pub fn parse_old_address(path: &str, query: Option<&str>, module: &str) -> Option<OldAddress> {
    let path = path.trim_start_matches('/');
    let op = if path == "index.php" || path.is_empty() {
        let query = query?;
        let mut nv = None;
        let mut op = None;
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "nv" => nv = Some(value),
                "op" => op = Some(percent_decode(value, true)),
                _ => {}
            }
        }
        if nv? != module {
            return None;
        }
        op?
    } else {
        let mut parts = path.splitn(3, '/');
        let first = parts.next()?;
        let rest = if first == module {
            path[first.len()..].trim_start_matches('/').to_owned()
        } else if first.len() == 2 && first.bytes().all(|b| b.is_ascii_lowercase()) {
            let second = parts.next()?;
            if second != module {
                return None;
            }
            parts.next().unwrap_or("").to_owned()
        } else {
            return None;
        };
        percent_decode(&rest, false)
    };
    let op = op.trim_matches('/');
    let mut segments: Vec<&str> = op.split('/').filter(|s| !s.is_empty()).collect();
    // `/news/{cat}/page-2` is page 2 of the category.
    if segments.len() > 1 && segments.last().is_some_and(|s| s.starts_with("page-")) {
        segments.pop();
    }
    match segments[..] {
        [] => None,
        [cat] => valid_alias(cat).then(|| OldAddress::Category(cat.to_owned())),
        [_cat, article] | [_cat, _, article] => {
            let stem = article.strip_suffix(".html").unwrap_or(article);
            let (_, id) = stem.rsplit_once('-')?;
            let id: i64 = id.parse().ok().filter(|&id| id > 0)?;
            Some(OldAddress::Article(id))
        }
        _ => None,
    }
}

fn valid_alias(alias: &str) -> bool {
    !alias.is_empty()
        && alias.len() <= 250
        && !alias.ends_with(".html")
        && !alias.contains(['<', '>', '"', '\''])
}

/// Decodes `%XX` escapes (an invalid one stays as written); in a query, `+` is a space.
pub(crate) fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_are_read() {
        let article = Some(OldAddress::Article(16));
        for (path, query) in [
            ("/news/tin-tuc/ky-hop-16.html", None),
            ("/vi/news/tin-tuc/ky-hop-16.html", None),
            (
                "/index.php",
                Some("language=vi&nv=news&op=tin-tuc/ky-hop-16"),
            ),
            (
                "/index.php",
                Some("language=vi&nv=news&op=tin-tuc%2Fky-hop-16"),
            ),
            ("/news/Tin-tuc/thong-cao/ky-hop-16.html", None),
        ] {
            assert_eq!(
                parse_old_address(path, query, "news"),
                article,
                "{path} {query:?}"
            );
        }
        assert_eq!(
            parse_old_address("/news/Tin-tuc/", None, "news"),
            Some(OldAddress::Category("Tin-tuc".into()))
        );
        assert_eq!(
            parse_old_address("/vi/news/Tin-tuc/page-2", None, "news"),
            Some(OldAddress::Category("Tin-tuc".into()))
        );
        assert_eq!(
            parse_old_address("/index.php", Some("nv=news&op=Tin-tuc"), "news"),
            Some(OldAddress::Category("Tin-tuc".into()))
        );
        for (path, query) in [
            ("/tin-tuc/abc", None),
            ("/news/", None),
            ("/index.php", Some("nv=users&op=login")),
            ("/news/x/no-id.html", None),
            ("/news/x/a-0.html", None),
            ("/vie/news/x/a-1.html", None),
        ] {
            assert_eq!(parse_old_address(path, query, "news"), None, "{path}");
        }
    }
}
