//! An end-to-end test in a real browser: Debian's headless Chromium, driven through
//! chromedriver with the W3C WebDriver protocol spoken directly over HTTP.
//!
//! A member signs up, confirms her address from the mail, logs in, uploads a photo and
//! fills in her profile with per-field visibilities, all by typing and clicking; then a
//! second member and an anonymous visitor see exactly what they should.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (`scripts/install-test-deps`).
//! Without them the test prints a note and passes, unless `KONTOR_REQUIRE_BROWSER=1`.

#![allow(dead_code)]

#[path = "http/app.rs"]
mod app;
#[path = "http/smtp.rs"]
mod smtp;
#[path = "browser/webdriver.rs"]
mod webdriver;

use crate::app::Answered;
use app::{Backend, TestApp};
use image::ImageEncoder;
use kontor_store::testing::sqlite::TempDir;
use reqwest::StatusCode;
use serde_json::json;
use std::path::{Path, PathBuf};
use webdriver::{WebDriver, browser_available};

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, 120, (y % 256) as u8]));
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("encoding a PNG");
    out
}

/// `from` asks `to` on the pages and `to` accepts; the id of `to`.
async fn connect(app: &TestApp, from: &app::Browser, to: &app::Browser) -> String {
    let id = app.id_of(to).await;
    from.post_form(&format!("/members/{id}/request"), &[("how", "colleagues")]).await.see_other();
    let (_, requests) = to.page("/contacts/requests").await;
    let request = requests.split("action=\"/contacts/requests/").nth(1).expect("a request").split('/').next();
    let r = to.post_form(&format!("/contacts/requests/{}/accept", request.unwrap()), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "accepting the request");
    id
}

/// The first `/members/<32 hex digits>` in a page.
fn member_id(page: &str) -> Option<String> {
    page.match_indices("/members/").find_map(|(at, prefix)| {
        let id = page.get(at + prefix.len()..at + prefix.len() + 32)?;
        id.bytes().all(|b| b.is_ascii_hexdigit()).then(|| id.to_owned())
    })
}

/// The `src` of every `<img` in a page.
fn img_sources(page: &str) -> Vec<String> {
    page.split("<img")
        .skip(1)
        .filter_map(|tag| {
            let tag = tag.split('>').next()?;
            let start = tag.find("src=\"")? + 5;
            Some(tag[start..].split('"').next()?.to_owned())
        })
        .collect()
}

const HEADLINE: &str = "Tax adviser for founders";
const ABOUT: &str = "I help start-ups with their first balance sheet.";
const PHONE: &str = "+49 341 555 0101";
const HAVES: &str = "Tax law, Balance sheets";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_signs_up_and_fills_in_her_profile_in_chromium() {
    if !browser_available() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await.expect("a node on SQLite");
    let base = app.base.clone();
    let wd = WebDriver::start().await;

    // 1. Sign up, in English whatever the machine's locale.
    wd.goto(&format!("{base}/signup")).await;
    wd.add_cookie("kontor_lang", "en").await;
    wd.goto(&format!("{base}/signup")).await;
    wd.fill("#name", "Anna Berg").await;
    wd.fill("#email", "anna@example.org").await;
    wd.fill("#password", app::PASSWORD).await;
    wd.click_on("main form.form button.btn-primary").await;
    wd.wait_for_text("Check your inbox").await;

    // 2. Confirm the address with the link from the mail.
    let mails = app.deliver_mail().await;
    let mail = mails
        .iter()
        .find(|m| m.to.iter().any(|t| t == "anna@example.org"))
        .expect("a verification mail to anna@example.org");
    let link = mail.link("/verify/");
    wd.goto(&format!("{base}{link}")).await;
    wd.click_on("main form button").await;
    wd.wait_for_text("Address confirmed").await;

    // 3. Log in.
    wd.goto(&format!("{base}/login")).await;
    wd.fill("#email", "anna@example.org").await;
    wd.fill("#password", app::PASSWORD).await;
    wd.click_on("main form button").await;
    wd.wait_for_text("Welcome, Anna Berg").await;
    let url = wd.current_url().await;
    assert!(url.ends_with("/home"), "logged in, at {url}");

    // 4. Upload a photo, then fill in the profile with per-field visibilities.
    wd.goto(&format!("{base}/profile/edit")).await;
    let files = TempDir::new();
    let photo: PathBuf = files.path().join("anna.png");
    std::fs::write(&photo, png(400, 300)).expect("writing the PNG");
    let input = wd.find("#photo-file").await;
    wd.send_keys(&input, photo.to_str().expect("a UTF-8 path")).await;
    wd.click_on(".photo-card form[action='/profile/photo'] button[type=submit]").await;
    wd.wait_for_source("the uploaded photo", |s| img_sources(s).iter().any(|src| src.starts_with("/media/photos/")))
        .await;

    wd.fill("#headline", HEADLINE).await;
    // The name is seen by members only until it is public; the public sees nothing before.
    wd.select("#vis-name", "public").await;
    wd.select("#vis-headline", "public").await;
    wd.fill("#about", ABOUT).await;
    wd.fill("#private_phone", PHONE).await;
    wd.fill("#haves", HAVES).await;
    wd.select("#vis-haves", "members").await;
    wd.click_on("form[action='/profile/edit'] button[type=submit]").await;
    // The saved form comes back from the server with the values in its attributes.
    let edit = wd.wait_for_text(&format!("value=\"{HEADLINE}\"")).await;
    assert!(edit.contains("Your profile has been saved."));
    assert!(!edit.contains("field-error"), "no errors on the saved form");
    for (select, expected) in [
        ("#vis-name", "public"),
        ("#vis-headline", "public"),
        ("#vis-photo", "members"),
        ("#vis-about", "contacts"),
        ("#vis-haves", "members"),
        ("#vis-private_contact", "only_me"),
    ] {
        let element = wd.find(select).await;
        assert_eq!(wd.property(&element, "value").await.as_str(), Some(expected), "{select} after saving");
    }

    // 5. Anna's id, from her home page.
    wd.goto(&format!("{base}/home")).await;
    let home = wd.wait_for_text("Welcome, Anna Berg").await;
    let id = member_id(&home).expect("a /members/<id> link on the home page");
    let path = format!("/members/{id}");

    // 6. A member sees what is for members; the public what is public.
    let bernd = app.member("Bernd Kraus", "bernd@example.org").await;
    let (status, seen) = bernd.page(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(seen.contains("Anna Berg"));
    assert!(seen.contains(HEADLINE), "a member sees the public headline");
    assert!(seen.contains("Tax law"), "a member sees what Anna has, shown to members");
    let photo_url = img_sources(&seen)
        .into_iter()
        .find(|src| src.starts_with("/media/photos/"))
        .expect("a member sees the photo (members by default)");
    assert!(!seen.contains("I help start-ups"), "the about text is for contacts only");
    assert!(!seen.contains(PHONE), "the private phone is for Anna only");
    assert_eq!(bernd.get(&photo_url).await.status(), StatusCode::OK, "and may load it");

    let anonymous = app.browser();
    let (status, public) = anonymous.page(&path).await;
    assert_eq!(status, StatusCode::OK, "the name is public, so the profile is");
    assert!(public.contains("Anna Berg") && public.contains(HEADLINE));
    assert!(!public.contains("Tax law"), "what Anna has is for members");
    assert!(!public.contains("/media/photos/"), "the photo is for members");
    assert!(!public.contains("I help start-ups") && !public.contains(PHONE));
    assert_eq!(anonymous.get(&photo_url).await.status(), StatusCode::NOT_FOUND);

    // 7. Anna sees all of it on her own profile, photo loaded.
    wd.goto(&format!("{base}{path}")).await;
    let own = wd.wait_for_text(HEADLINE).await;
    for shown in ["Anna Berg", "Tax law", "Balance sheets", "I help start-ups", PHONE] {
        assert!(own.contains(shown), "Anna sees her own {shown:?}");
    }
    assert!(img_sources(&own).iter().any(|src| src.starts_with(&format!("/media/photos/{id}/"))), "her photo");
    wd.wait_for_script(
        "the photo to load",
        "return Array.from(document.querySelectorAll('main img')).some(i => \
         (i.getAttribute('src') || '').startsWith('/media/photos/') && i.complete && i.naturalWidth > 0);",
    )
    .await;

    // A screenshot for a human to look at; best-effort.
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target");
    let shot = target.join("browser-profile.png");
    match wd.screenshot().await {
        Ok(bytes) => match std::fs::create_dir_all(&target).and_then(|()| std::fs::write(&shot, bytes)) {
            Ok(()) => println!("screenshot of the profile: {}", shot.display()),
            Err(e) => println!("could not write {}: {e}", shot.display()),
        },
        Err(e) => println!("no screenshot: {e}"),
    }

    wd.quit().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_members_connect_in_chromium() {
    if !browser_available() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await.expect("a node on SQLite");
    let base = app.base.clone();
    let _anna = app.member("Anna Berg", "anna@example.org").await;
    let bert = app.member("Bert Kraus", "bert@example.org").await;
    let wd = WebDriver::start().await;
    wd.log_in(&base, "anna@example.org", app::PASSWORD).await;
    wd.wait_for_text("Welcome, Anna Berg").await;

    // Find Bert with the search box in the top bar, and open his profile.
    let search = wd.find("#topbar-q").await;
    wd.send_keys(&search, "Bert\u{E007}").await;
    wd.wait_for_text("View profile").await;
    wd.click_on(".member-row a.name").await;
    wd.wait_for_text("Add as contact").await;

    // Ask him, saying how we know each other and with a note.
    wd.click_on("#connect > summary").await;
    wd.select("#req-how", "met_at_event").await;
    wd.fill("#req-message", "Good to meet you at the fair.").await;
    wd.click_on("#connect button[type=submit]").await;
    wd.wait_for_text("Your request is sent.").await;

    // Bert accepts on his requests page.
    let (_, requests) = bert.page("/contacts/requests").await;
    assert!(requests.contains("Good to meet you at the fair."));
    let request = requests.split("action=\"/contacts/requests/").nth(1).expect("a request").split('/').next().unwrap();
    let r = bert.post_form(&format!("/contacts/requests/{request}/accept"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Anna sees him at the 1st degree, tags him, and her home counts him.
    wd.execute("location.reload()", vec![]).await;
    let profile = wd.wait_for_text("Your contact").await;
    assert!(profile.contains("data-degree=\"1\""));
    wd.fill("#contact-tags", "fair, Leipzig").await;
    wd.click_on(".our-contact button[type=submit]").await;
    let saved = wd.wait_for_text("Saved.").await;
    assert!(saved.contains("value=\"Leipzig, fair\""), "tags come back sorted");
    if let Ok(bytes) = wd.screenshot().await {
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target");
        let _ =
            std::fs::create_dir_all(&target).and_then(|()| std::fs::write(target.join("browser-contact.png"), bytes));
    }
    wd.goto(&format!("{base}/home")).await;
    let home = wd.wait_for_text("Your network").await;
    assert!(home.contains("data-degree-count=\"1\""));
    let first = home.split("data-degree-count=\"1\"").nth(1).unwrap();
    assert!(first[..first.find("</div>").unwrap()].contains("<span class=\"bar-value\">1</span>"));
    wd.quit().await;
    app.stop().await;
}

/// How far the page reaches past the window's right edge, and the innermost elements
/// that do (so a failure says what to mend).
const SIDEWAYS: &str = "const d = document.documentElement; const over = d.scrollWidth - d.clientWidth; \
    if (over <= 0) return [0, '']; const edge = d.clientWidth + 0.5; \
    const past = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > edge); \
    const innermost = past.filter(e => !past.some(o => o !== e && e.contains(o))).slice(0, 3); \
    return [over, innermost.map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className.split(' ').join('.') : '') \
      + ' \"' + (e.textContent || '').trim().slice(0, 40) + '\"').join(', ')];";

/// What axe-core finds serious or critical on the page that is open, a line each.
async fn axe_violations(wd: &WebDriver, axe: &str) -> Vec<String> {
    let run = format!(
        "{axe}\n;const done = arguments[arguments.length - 1];\
         axe.run(document, {{resultTypes: ['violations']}}).then(r => done(r.violations\
         .filter(v => v.impact === 'serious' || v.impact === 'critical')\
         .map(v => v.id + ' (' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + ')')))"
    );
    let found = wd.cmd(reqwest::Method::POST, "/execute/async", Some(json!({"script": run, "args": []}))).await;
    found.as_array().into_iter().flatten().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
}

/// axe-core's script, which `scripts/install-test-deps` puts into target/test-tools.
fn axe_script() -> Option<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-tools/npm/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(script) => Some(script),
        Err(_) if std::env::var("KONTOR_REQUIRE_BROWSER").as_deref() == Ok("1") => {
            panic!("{} is missing: run ./scripts/install-test-deps", path.display())
        }
        Err(_) => {
            eprintln!("skipped the accessibility check: {} is missing (./scripts/install-test-deps)", path.display());
            None
        }
    }
}

/// Every page a visitor and a member see, at a phone's, a tablet's and a desktop's width,
/// in both languages: none scrolls sideways, axe-core finds nothing serious or critical,
/// and moments read as relative times.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_every_width_and_passes_axe_in_chromium() {
    if !browser_available() {
        return;
    }
    let axe = axe_script();
    let app = TestApp::spawn(Backend::Sqlite).await.expect("a node on SQLite");
    let base = app.base.clone();
    let anna = app.member("Anna Bergmann-Schwarzenberger", "anna@example.org").await;
    let bert = app.member("Bert Kraus", "bert@example.org").await;
    let bert_id = connect(&app, &anna, &bert).await;
    let long = "Ein ziemlich langer Beitrag mit einem Wort wie Donaudampfschifffahrtsgesellschaftskapitänsmütze \
                und einer Adresse https://example.org/ein/sehr/langer/pfad/der/nicht/umbricht/wenn/man/nicht/aufpasst";
    bert.post_form("/posts", &[("text", long), ("audience", "contacts")]).await.see_other();
    let anna_id = app.id_of(&anna).await;
    // A comment with a reply, so the post's page has a thread.
    let (_, home) = anna.page("/home").await;
    let post = home.split("data-post=\"").nth(1).expect("Bert's post").split('"').next().unwrap().to_owned();
    anna.post_form(&format!("/posts/{post}/comment"), &[("text", "Sehr gut!")]).await.see_other();
    let (_, thread) = anna.page(&format!("/posts/{post}")).await;
    let comment = thread.split("data-comment=\"").nth(1).expect("the comment").split('"').next().unwrap().to_owned();
    bert.post_form(&format!("/posts/{post}/comment"), &[("text", "Danke, Anna!"), ("reply_to", &comment)])
        .await
        .see_other();
    // A demo, as newcomers first see Kontor: its banner, its longer name, its legal pages.
    app.node.kontor.imports().open_demo().await.expect("opening the demo");
    // Anna runs the site: its admin pages and legal pages are checked too.
    let make_admin = kontor_core::admin::MemberAction::MakeAdmin;
    app.node.kontor.admin().act_from_console("anna@example.org", make_admin).await.expect("making Anna an admin");
    let imprint = "# Impressum\n\nNetzwerk Leipzig e. V., Markt 1, 04109 Leipzig\n\n| Vorstand | Telefon |\n|---|---|\n| Anna Bergmann-Schwarzenberger | +49 341 000000000000 |";
    let privacy = kontor_core::legal::privacy_template(kontor_core::i18n::Lang::De, "Kontor", &base);
    anna.post_form("/admin/legal/imprint/de", &[("markdown", imprint)]).await.see_other();
    anna.post_form("/admin/legal/privacy/de", &[("markdown", &privacy)]).await.see_other();

    let wd = WebDriver::start().await;
    let visitor_pages = ["/", "/login", "/signup", "/reset", "/no-such-page", "/legal/imprint", "/legal/privacy"];
    let member_pages = [
        "/home".to_owned(),
        "/home?filter=conversations".to_owned(),
        format!("/posts/{post}"),
        "/contacts".to_owned(),
        "/contacts/requests".to_owned(),
        "/people?q=Bert".to_owned(),
        "/search/posts?q=Bert".to_owned(),
        "/searches".to_owned(),
        "/notifications".to_owned(),
        format!("/members/{anna_id}"),
        format!("/members/{bert_id}"),
        "/profile/edit".to_owned(),
        "/settings".to_owned(),
        "/settings/contacts".to_owned(),
        "/settings/ticker".to_owned(),
        "/settings/notifications".to_owned(),
        format!("/posts/{comment}/delete"),
        format!("/members/{bert_id}/remove"),
        "/admin".to_owned(),
        "/admin/legal/privacy/de".to_owned(),
        "/admin/legal/terms/en".to_owned(),
    ];
    let (mut sideways, mut inaccessible) = (Vec::new(), Vec::new());
    let mut check = async |lang: &str, path: &str| {
        wd.goto(&format!("{base}{path}")).await;
        if let Some(axe) = &axe {
            for violation in axe_violations(&wd, axe).await {
                inaccessible.push(format!("{lang} {path}: {violation}"));
            }
        }
        for width in [390, 768, 1280] {
            let metrics = json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600});
            let cdp = json!({"cmd": "Emulation.setDeviceMetricsOverride", "params": metrics});
            wd.cmd(reqwest::Method::POST, "/goog/cdp/execute", Some(cdp)).await;
            let over = wd.execute(SIDEWAYS, vec![]).await;
            if over[0].as_i64().unwrap_or(0) > 0 {
                sideways.push(format!("{lang} {width}px {path}: {}px, past the edge: {}", over[0], over[1]));
            }
            // Nor is anything cut off inside a row that scrolls by itself (tabs).
            let hidden = wd
                .execute(
                    "return [...document.querySelectorAll('.tabs a')].filter(a => \
                     a.getBoundingClientRect().right > a.closest('.tabs').getBoundingClientRect().right + 1).length",
                    vec![],
                )
                .await;
            if hidden.as_i64().unwrap_or(0) > 0 {
                sideways.push(format!("{lang} {width}px {path}: {hidden} tabs out of sight"));
            }
        }
    };
    for lang in ["en", "de"] {
        wd.goto(&format!("{base}/login")).await;
        wd.add_cookie("kontor_lang", lang).await;
        for path in visitor_pages {
            check(lang, path).await;
        }
    }
    wd.goto(&format!("{base}/login")).await;
    wd.fill("#email", "anna@example.org").await;
    wd.fill("#password", app::PASSWORD).await;
    wd.click_on("main form button").await;
    wd.wait_for_text("Welcome").await;
    for lang in ["en", "de"] {
        let set = format!(
            "return fetch('/language', {{method: 'POST', body: new URLSearchParams({{lang: '{lang}', \
             csrf: document.querySelector('input[name=csrf]').value}})}}).then(r => r.status)"
        );
        wd.execute(&set, vec![]).await;
        for path in &member_pages {
            check(lang, path).await;
        }
    }
    // The dark scheme, as a phone set to it shows the pages: contrast and all.
    if let Some(axe) = &axe {
        let dark = json!({"cmd": "Emulation.setEmulatedMedia", "params": {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}});
        wd.cmd(reqwest::Method::POST, "/goog/cdp/execute", Some(dark)).await;
        let scheme = wd.execute("return matchMedia('(prefers-color-scheme: dark)').matches", vec![]).await;
        assert_eq!(scheme, true, "the dark scheme is emulated");
        for path in &member_pages {
            wd.goto(&format!("{base}{path}")).await;
            let background = wd.execute("return getComputedStyle(document.body).backgroundColor", vec![]).await;
            assert_eq!(background, "rgb(17, 20, 24)", "{path} in the dark scheme");
            for violation in axe_violations(&wd, axe).await {
                inaccessible.push(format!("dark {path}: {violation}"));
            }
        }
        let light = json!({"cmd": "Emulation.setEmulatedMedia", "params": {"features": [{"name": "prefers-color-scheme", "value": "light"}]}});
        wd.cmd(reqwest::Method::POST, "/goog/cdp/execute", Some(light)).await;
    }
    assert!(sideways.is_empty(), "these pages scroll sideways:\n{}", sideways.join("\n"));
    assert!(inaccessible.is_empty(), "axe finds serious or critical violations:\n{}", inaccessible.join("\n"));

    // A reply stands indented under the comment it answers, on a phone too.
    for width in [390, 1280] {
        let metrics = json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600});
        let cdp = json!({"cmd": "Emulation.setDeviceMetricsOverride", "params": metrics});
        wd.cmd(reqwest::Method::POST, "/goog/cdp/execute", Some(cdp)).await;
        wd.goto(&format!("{base}/posts/{post}")).await;
        let indent = wd
            .execute(
                "const c = document.querySelector('.comments > .comment'); const r = c.querySelector('.replies .comment');\
                 return r.getBoundingClientRect().left - c.getBoundingClientRect().left",
                vec![],
            )
            .await;
        // Under the comment's text (past its author's photo), not just a list's default 40 px.
        assert!(indent.as_f64().unwrap_or(0.0) >= 60.0, "the reply is indented at {width} px: {indent}");
    }

    // The post's moment, written as a day, reads as a relative time with the script.
    wd.goto(&format!("{base}/home")).await;
    let when = wd.execute("return document.querySelector('article.post time[data-relative]').textContent", vec![]);
    let when = when.await.as_str().unwrap_or_default().to_owned();
    assert!(["jetzt", "Minute", "Sekunde", "Stunde"].iter().any(|w| when.contains(w)), "relative, in German: {when}");
    wd.quit().await;
}

/// What the focus is on after a key press: a name for messages, and whether it shows a
/// focus ring (an outline of 2 px or more, or a shadow) that a sighted keyboard user
/// sees. Marks the element as reached.
const FOCUSED: &str = "const e = document.activeElement; if (!e || e === document.body) return null; \
    e.setAttribute('data-kbd-reached', ''); const s = getComputedStyle(e); \
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow || 'none') !== 'none'; \
    return [e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('href') ? '[' + e.getAttribute('href') + ']' : '') \
      + (e.name ? '[name=' + e.name + ']' : ''), ring];";

/// Every control a person could use on the page, shown and enabled, that the keyboard
/// has not reached (a radio group counts as reached through any of its buttons). What a
/// closed `<details>` holds is not shown until its summary opens it.
const UNREACHED: &str = "const closed = e => { const d = e.parentElement && e.parentElement.closest('details:not([open])'); \
      return d && !(e.tagName === 'SUMMARY' && e.parentElement === d); }; \
    const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && !closed(e); \
    const controls = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')] \
      .filter(e => shown(e) && !e.disabled && e.tabIndex >= 0); \
    const groups = new Set(controls.filter(e => e.type === 'radio' && e.hasAttribute('data-kbd-reached')).map(e => e.name)); \
    return controls.filter(e => !e.hasAttribute('data-kbd-reached') && !(e.type === 'radio' && groups.has(e.name))) \
      .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('href') ? '[' + e.getAttribute('href') + ']' : '') \
        + (e.name ? '[name=' + e.name + ']' : '') + ' \"' + (e.textContent || e.value || '').trim().slice(0, 30) + '\"');";

/// Keyboard alone: a member writes a post that mentions a contact picked from the
/// composer's suggestions and sends it, without a mouse; and on every page each control
/// is reached with Tab and shows where the focus is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_keyboard_alone_mentions_posts_and_reaches_every_control_in_chromium() {
    if !browser_available() {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await.expect("a node on SQLite");
    let base = app.base.clone();
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let bert = app.member("Bert Kraus", "bert@example.org").await;
    let bert_id = connect(&app, &anna, &bert).await;
    let berta = app.member("Berta Böhm", "berta@example.org").await;
    connect(&app, &anna, &berta).await;

    let wd = WebDriver::start().await;
    wd.goto(&format!("{base}/login")).await;
    wd.add_cookie("kontor_lang", "en").await;
    wd.goto(&format!("{base}/login")).await;
    wd.fill("#email", "anna@example.org").await;
    wd.fill("#password", app::PASSWORD).await;
    wd.press("\u{E007}").await;
    wd.wait_for_text("Welcome, Anna Berg").await;

    // Tab from the top of the page to the composer.
    let mut steps = 0;
    loop {
        wd.press("\u{E004}").await;
        steps += 1;
        let at = wd.execute("return document.activeElement.id", vec![]).await;
        if at == "post-text" {
            break;
        }
        assert!(steps < 40, "the composer is not reached by Tab");
    }
    wd.type_text("Hallo @Ber").await;
    wd.wait_for_script(
        "two suggestions",
        "return document.querySelectorAll('.mention-list [role=option]').length === 2;",
    )
    .await;
    let state = wd
        .execute(
            "const a = document.getElementById('post-text'); return [a.getAttribute('aria-expanded'), \
             a.getAttribute('aria-activedescendant'), [...document.querySelectorAll('.mention-list [role=option] .name')].map(o => o.textContent)]",
            vec![],
        )
        .await;
    assert_eq!(state[0], "true");
    assert_eq!(state[2], json!(["Bert Kraus", "Berta Böhm"]), "Anna's contacts starting with Ber");
    let selected = "return document.querySelector('.mention-list [aria-selected=true] .name').textContent";
    assert_eq!(wd.execute(selected, vec![]).await, "Bert Kraus");
    wd.press("\u{E015}").await;
    assert_eq!(wd.execute(selected, vec![]).await, "Berta Böhm", "arrow down moves");
    wd.press("\u{E013}").await;
    assert_eq!(wd.execute(selected, vec![]).await, "Bert Kraus", "arrow up moves back");
    wd.press("\u{E007}").await;
    let value = wd.execute("return document.getElementById('post-text').value", vec![]).await;
    assert_eq!(value, "Hallo @Bert Kraus ", "Enter takes the name into the text");
    let expanded = wd.execute("return document.getElementById('post-text').getAttribute('aria-expanded')", vec![]);
    assert_eq!(expanded.await, "false", "and closes the list");
    wd.type_text("und willkommen!").await;
    // On to the audience and the button, and send.
    wd.press("\u{E004}").await;
    wd.press("\u{E004}").await;
    let button = wd.execute(FOCUSED, vec![]).await;
    assert!(button[0].as_str().unwrap_or_default().starts_with("button"), "the send button: {button}");
    assert_eq!(button[1], true, "with a visible focus ring");
    wd.press("\u{E007}").await;
    let home = wd.wait_for_text("und willkommen!").await;
    let text = home.split("und willkommen!").next().expect("the post's text");
    let before = &text[text.len().saturating_sub(300)..];
    assert!(before.contains(&format!("href=\"/members/{bert_id}\"")), "the mention links to Bert: {before}");

    // Every control on every page is reached by Tab and shows its focus.
    let post_id = home.split("data-post=\"").nth(1).expect("a post id").split('"').next().unwrap().to_owned();
    let pages = [
        "/home".to_owned(),
        format!("/posts/{post_id}"),
        format!("/members/{bert_id}"),
        "/contacts".to_owned(),
        "/notifications".to_owned(),
        "/profile/edit".to_owned(),
        "/settings".to_owned(),
    ];
    let (mut unreached, mut no_ring) = (Vec::new(), Vec::new());
    for path in &pages {
        tab_through(&wd, &base, path, &mut unreached, &mut no_ring).await;
    }
    // And a visitor's pages, logged out.
    wd.cmd(reqwest::Method::DELETE, "/cookie", None).await;
    wd.add_cookie("kontor_lang", "en").await;
    for path in ["/", "/login", "/signup", "/reset"] {
        tab_through(&wd, &base, path, &mut unreached, &mut no_ring).await;
    }
    no_ring.dedup();
    assert!(unreached.is_empty(), "not reached by Tab:\n{}", unreached.join("\n"));
    assert!(no_ring.is_empty(), "focused without a visible ring:\n{}", no_ring.join("\n"));
    wd.quit().await;
    app.stop().await;
}

/// Opens `path` and presses Tab once for every control on it and a few more, noting
/// each focus without a ring and each control never reached.
async fn tab_through(wd: &WebDriver, base: &str, path: &str, unreached: &mut Vec<String>, no_ring: &mut Vec<String>) {
    wd.goto(&format!("{base}{path}")).await;
    let count = "return document.querySelectorAll('a[href], button, input, select, textarea, summary').length";
    let controls = wd.execute(count, vec![]).await;
    for _ in 0..controls.as_u64().unwrap_or(0) + 5 {
        wd.press("\u{E004}").await;
        let focused = wd.execute(FOCUSED, vec![]).await;
        if focused[1] == false {
            no_ring.push(format!("{path}: {}", focused[0]));
        }
    }
    for control in wd.execute(UNREACHED, vec![]).await.as_array().into_iter().flatten() {
        unreached.push(format!("{path}: {}", control.as_str().unwrap_or_default()));
    }
}
