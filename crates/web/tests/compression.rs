//! Nén — pages, styles and scripts go out compressed to a browser that accepts it, and come back
//! unchanged when decoded; a client that asks for nothing gets them plain. Which content types
//! are left alone (pictures, PDFs, spreadsheets, event streams) is checked in `kernel::layers`.
//! Each test runs on SQLite and, when `DAIHOI_TEST_DATABASE_URL` is set, on PostgreSQL.

mod common;

use std::io::Read;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::connect_info::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use common::{BROWSER, TestApp, each_backend};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// GET `uri` with `Accept-Encoding: encoding` (none when `None`): status, headers, raw body.
async fn fetch(
    app: &TestApp,
    uri: &str,
    encoding: Option<&str>,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut builder = Request::builder()
        .uri(uri)
        .header(header::HOST, "portal.test")
        .header(header::USER_AGENT, BROWSER);
    if let Some(e) = encoding {
        builder = builder.header(header::ACCEPT_ENCODING, e);
    }
    let mut request = builder.body(Body::empty()).unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([192, 0, 2, 10], 40000))));
    let response = daihoi_web::router(app.state.clone())
        .oneshot(request)
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (parts.status, parts.headers, bytes)
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

#[tokio::test]
async fn pages_styles_and_scripts_are_compressed_for_browsers_that_accept_it() {
    each_backend(|app| async move {
        for uri in ["/static/portal.css", "/static/portal.js", "/rss.xml"] {
            let (status, plain_headers, plain) = fetch(&app, uri, None).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert!(
                plain_headers.get(header::CONTENT_ENCODING).is_none(),
                "{uri}: nothing asked, nothing compressed"
            );

            let (_, headers, gz) = fetch(&app, uri, Some("gzip")).await;
            assert_eq!(headers[header::CONTENT_ENCODING], "gzip", "{uri}");
            assert!(
                headers[header::VARY]
                    .to_str()
                    .unwrap()
                    .to_ascii_lowercase()
                    .contains("accept-encoding"),
                "{uri}: caches must keep the encodings apart"
            );
            assert!(
                gz.len() * 2 < plain.len(),
                "{uri}: {} → {}",
                plain.len(),
                gz.len()
            );
            assert_eq!(gunzip(&gz), plain, "{uri}");

            // What Chromium sends: gzip, the one encoding offered.
            let (_, headers, gz) = fetch(&app, uri, Some("gzip, deflate, br, zstd")).await;
            assert_eq!(headers[header::CONTENT_ENCODING], "gzip", "{uri}");
            assert_eq!(gunzip(&gz), plain, "{uri}");
            // A client that accepts only brotli gets the bytes as they are.
            let (_, headers, same) = fetch(&app, uri, Some("br")).await;
            assert!(headers.get(header::CONTENT_ENCODING).is_none(), "{uri}");
            assert_eq!(same, plain, "{uri}");
        }

        // A page made per request: compared as text, since it carries a fresh form token.
        let (_, headers, gz) = fetch(&app, "/", Some("gzip, br")).await;
        assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
        let html = String::from_utf8(gunzip(&gz)).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
        assert!(html.trim_end().ends_with("</html>"));
    })
    .await;
}

#[tokio::test]
async fn pictures_are_sent_as_they_are() {
    each_backend(|app| async move {
        let (_, _, page) = fetch(&app, "/tin-tuc/tan-uyen-san-sang", None).await;
        let page = String::from_utf8(page).unwrap();
        let at = page.find("/uploads/").expect("the interview has a photo");
        let src = &page[at..];
        let src = &src[..src.find(['"', ' ']).unwrap()];
        // The test's seed stores rows, not files: put a picture's bytes where the row says.
        let file = app
            .state
            .config
            .uploads_dir()
            .join(src.trim_start_matches("/uploads/"));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, [0xFFu8, 0xD8, 0xFF, 0xE0].repeat(500)).unwrap();
        let (status, headers, _) = fetch(&app, src, Some("gzip, br")).await;
        assert_eq!(status, StatusCode::OK, "{src}");
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("image/"),
            "{src}"
        );
        assert!(headers.get(header::CONTENT_ENCODING).is_none(), "{src}");
    })
    .await;
}
