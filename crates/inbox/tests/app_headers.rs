//! The headers on the app the inbox serves (`docs/sync-api.md`, "Headers on the app"): a
//! strict Content-Security-Policy with the hashes of each page's inline scripts, nosniff,
//! no referrer, no powerful features, and caching by whether a name carries a content hash.

mod common;

use axum::http::{HeaderMap, StatusCode, header};
use common::*;

/// The inline scripts of the test pages and their SHA-256 (base64), computed with
/// `printf %s '<script>' | openssl dgst -sha256 -binary | base64`.
const LOADER: &str = "import init from '/asi-app-0123456789abcdef.js'; await init();";
const LOADER_HASH: &str = "'sha256-ASuLR+Abx8GLCETD1wHNEJZ/xelU9N/gTy/VzW2f3RQ='";
const BOOT: &str = "addEventListener('error', () => {});";
const BOOT_HASH: &str = "'sha256-aCdPDapBTxDUpeVKRev8UtjJjhsMxNIKCPKEc17N41c='";
const READER: &str = "document.body.dataset.reader = 'ja';";
const READER_HASH: &str = "'sha256-FGl6u2b7tsauyBj9sAYJTM3moSmJBRn6d7wF+qmA9QU='";
/// The example of CSP Level 3, §8.3.
const HELLO: &str = "alert('Hello, world.');";
const HELLO_HASH: &str = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='";

fn citizen_index(scripts: &[&str], head: &str) -> String {
    let inline: String = scripts
        .iter()
        .map(|s| format!("<script type=\"module\">{s}</script>\n"))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"da\"><head>{head}\
         <link rel=\"modulepreload\" href=\"/asi-app-0123456789abcdef.js\">\
         <script src=\"/not-inline.js\"></script></head>\
         <body><!-- <script>commented out</script> -->\n{inline}</body></html>"
    )
}

fn policy(scripts: &str, connect: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'; \
         img-src 'self'; connect-src {connect}; manifest-src 'self'; worker-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'self' http://localhost:8081"
    )
}

fn csp(headers: &HeaderMap) -> &str {
    headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap()
}

#[tokio::test]
async fn every_app_response_carries_the_strict_policy_and_the_security_headers() {
    let inbox = TestInbox::new("app-headers");
    let index = citizen_index(&[LOADER, BOOT], "");
    let reader = format!("<!DOCTYPE html><body><script>{READER}</script></body>");
    let app_dir = inbox.app_dir(&[
        ("index.html", index.as_bytes()),
        ("asi-app-0123456789abcdef.js", b"export default 1"),
        ("asi-app-0123456789abcdef_bg.wasm", &[0, 97, 115, 109]),
        ("main-fedcba9876543210.css", b"body{}"),
        ("sw.js", b"self.addEventListener('fetch', () => {})"),
        ("embed.js", b"(() => {})()"),
        ("manifest.webmanifest", b"{}"),
        ("icons/icon-192.png", b"png"),
        ("klinik/index.html", reader.as_bytes()),
        (
            "klinik/asi-reader-app-00112233aabbccdd.js",
            b"export default 2",
        ),
    ]);
    let mut config = inbox.config_with("embed_origins = [\"http://localhost:8081\"]\n");
    config.app_dir = Some(app_dir);
    let (router, _) = router_for(config);

    let citizen = policy(&format!(" {LOADER_HASH} {BOOT_HASH}"), "'self'");
    let reader = policy(&format!(" {READER_HASH}"), "'self'");
    let immutable = "public, max-age=31536000, immutable";
    for (path, expected_policy, cache) in [
        ("/", &citizen, "no-cache"),
        ("/index.html", &citizen, "no-cache"),
        (
            "/?klinik=demo&form=trivsel&timepoint=midway",
            &citizen,
            "no-cache",
        ),
        ("/selvtest", &citizen, "no-cache"),
        ("/sw.js", &citizen, "no-cache"),
        ("/embed.js", &citizen, "no-cache"),
        ("/manifest.webmanifest", &citizen, "no-cache"),
        ("/icons/icon-192.png", &citizen, "no-cache"),
        ("/asi-app-0123456789abcdef.js", &citizen, immutable),
        ("/asi-app-0123456789abcdef_bg.wasm", &citizen, immutable),
        ("/main-fedcba9876543210.css", &citizen, immutable),
        // A hashed name that is not in the build falls back to the page: never immutable.
        ("/asi-app-ffffffffffffffff_bg.wasm", &citizen, "no-cache"),
        ("/klinik/", &reader, "no-cache"),
        (
            "/klinik/asi-reader-app-00112233aabbccdd.js",
            &reader,
            immutable,
        ),
    ] {
        let (status, headers, _) = exchange(&router, get(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(csp(&headers), expected_policy.as_str(), "{path}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer", "{path}");
        let permissions = headers["permissions-policy"].to_str().unwrap();
        for feature in ["camera", "microphone", "geolocation", "payment", "usb"] {
            assert!(
                permissions.contains(&format!("{feature}=()")),
                "{path}: {permissions}"
            );
        }
        assert_eq!(headers[header::CACHE_CONTROL], cache, "{path}");
    }
    // The commented-out script and the one with `src` are not allowed inline.
    assert!(!citizen.contains("commented"));
    assert_eq!(citizen.matches("'sha256-").count(), 2);
}

#[tokio::test]
async fn the_api_carries_nosniff_but_not_the_apps_policy() {
    let inbox = TestInbox::new("api-nosniff");
    let mut config = inbox.config();
    config.app_dir = Some(inbox.app_dir(&[("index.html", b"<!DOCTYPE html>")]));
    let (app, _) = router_for(config);
    for (path, status) in [
        ("/healthz", StatusCode::OK),
        ("/api/v1/clinics/demo", StatusCode::OK),
        ("/api/v1/clinics/nobody", StatusCode::NOT_FOUND),
    ] {
        let (got, headers, _) = exchange(&app, get(path)).await;
        assert_eq!(got, status, "{path}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert!(
            headers.get(header::CONTENT_SECURITY_POLICY).is_none(),
            "{path}"
        );
    }
    // Also without an app to serve.
    let (app, _) = router(&inbox);
    let (_, headers, _) = exchange(&app, get("/healthz")).await;
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[tokio::test]
async fn a_new_build_gets_its_own_hashes_without_a_restart() {
    let inbox = TestInbox::new("app-rebuild");
    let app_dir = inbox.app_dir(&[("index.html", citizen_index(&[BOOT], "").as_bytes())]);
    let mut config = inbox.config_with("embed_origins = [\"http://localhost:8081\"]\n");
    config.app_dir = Some(app_dir);
    let (router, _) = router_for(config);
    let (_, headers, _) = exchange(&router, get("/")).await;
    assert_eq!(csp(&headers), policy(&format!(" {BOOT_HASH}"), "'self'"));

    // The build is replaced (another loader, the page naming another inbox).
    inbox.app_dir(&[(
        "index.html",
        citizen_index(
            &[HELLO, BOOT],
            r#"<meta name="asi-inbox" content="https://indbakke.example.dk">"#,
        )
        .as_bytes(),
    )]);
    let (_, headers, _) = exchange(&router, get("/selvtest")).await;
    assert_eq!(
        csp(&headers),
        policy(
            &format!(" {HELLO_HASH} {BOOT_HASH}"),
            "'self' https://indbakke.example.dk"
        )
    );
}
