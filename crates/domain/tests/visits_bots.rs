//! Which clients count as bots (counted apart and left out of the public figures).

use daihoi_domain::visits::{BOT_SIGNATURES, is_bot};

const PEOPLE: &[&str] = &[
    // Desktop and mobile browsers common in Vietnam.
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/124.0.210 Chrome/118.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
    // The Zalo in-app browser is a person reading a shared link.
    "Mozilla/5.0 (Linux; Android 13; 22101316G) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/115.0.0.0 Mobile Safari/537.36 Zalo android/12100488 ZaloTheme/light ZaloLanguage/vi",
    // An Android phone whose maker's name contains "bot".
    "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
];

const BOTS: &[&str] = &[
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36",
    "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
    "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
    "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.1; +https://openai.com/gptbot)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mediapartners-Google",
    "ia_archiver (+http://www.alexa.com/site/help/webmasters; crawler@alexa.com)",
    "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
    "CCBot/2.0 (https://commoncrawl.org/faq/)",
    "curl/8.5.0",
    "Wget/1.21.4",
    "python-requests/2.31.0",
    "Python-urllib/3.11",
    "Go-http-client/1.1",
    "Java/17.0.2",
    "Apache-HttpClient/4.5.14 (Java/17.0.9)",
    "okhttp/4.12.0",
    "libwww-perl/6.72",
    "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
    "axios/1.6.8",
    "Scrapy/2.11.1 (+https://scrapy.org)",
    "HTTPie/3.2.2",
    "PostmanRuntime/7.37.3",
    "ApacheBench/2.3",
    "GuzzleHttp/7",
    "Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
    // Headless and scripted browsers and load generators (issue 10).
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.6367.60 Safari/537.36",
    "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1",
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
    "wrk/4.2.0",
    "k6/0.49.0 (https://k6.io/)",
    "Go-http-client/2.0",
];

#[test]
fn browsers_are_people() {
    for ua in PEOPLE {
        assert!(!is_bot(Some(ua)), "counted as a bot: {ua}");
    }
}

#[test]
fn crawlers_and_tools_are_bots() {
    for ua in BOTS {
        assert!(is_bot(Some(ua)), "counted as a person: {ua}");
    }
}

#[test]
fn missing_or_blank_user_agent_is_a_bot() {
    assert!(is_bot(None));
    assert!(is_bot(Some("")));
    assert!(is_bot(Some("   \t")));
}

#[test]
fn matching_ignores_case() {
    assert!(is_bot(Some("GOOGLEBOT/2.1")));
    assert!(is_bot(Some("CURL/7.0")));
    assert!(is_bot(Some("my-Crawler 1.0")));
    assert!(is_bot(Some("HEADLESSCHROME/124")));
}

#[test]
fn every_signature_is_lowercase_and_detected() {
    for signature in BOT_SIGNATURES {
        assert_eq!(*signature, signature.to_lowercase());
        let ua = format!("Mozilla/5.0 (X11) {}/1.0", signature.to_uppercase());
        assert!(is_bot(Some(&ua)), "{ua}");
    }
}

#[test]
fn a_real_bot_on_a_cubot_phone_is_still_a_bot() {
    assert!(is_bot(Some(
        "Mozilla/5.0 (Linux; Android 10; CUBOT X30) Googlebot/2.1"
    )));
}
