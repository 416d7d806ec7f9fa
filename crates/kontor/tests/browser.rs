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

use app::{Backend, TestApp};
use base64::Engine;
use image::ImageEncoder;
use kontor_store_sqlite::testing::TempDir;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The W3C WebDriver key under which an element reference is returned.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// How long to wait for an element, a text or a condition to appear.
const WAIT: Duration = Duration::from_secs(15);

/// Whether Chromium and chromedriver are installed; if not, a note (or a panic when the
/// browser is required).
fn browser_available() -> bool {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER].into_iter().filter(|p| !Path::new(p).exists()).collect();
    if missing.is_empty() {
        return true;
    }
    let note = format!("{} not found; install with scripts/install-test-deps", missing.join(" and "));
    if std::env::var("KONTOR_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
        panic!("KONTOR_REQUIRE_BROWSER=1 but {note}");
    }
    eprintln!("note: skipping the browser test: {note}");
    false
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binding a free port");
    listener.local_addr().expect("address").port()
}

/// Kills the child process when dropped.
struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One WebDriver command; the `value` of the answer, or the error WebDriver reported.
async fn command(http: &reqwest::Client, method: Method, url: String, body: Option<Value>) -> Result<Value, String> {
    let mut request = http.request(method.clone(), url.as_str());
    if let Some(body) = &body {
        request = request.json(body);
    }
    let response = request.send().await.map_err(|e| format!("{method} {url}: {e}"))?;
    let status = response.status();
    let answer: Value = response.json().await.map_err(|e| format!("{method} {url}: {status}, not JSON: {e}"))?;
    let value = answer.get("value").cloned().unwrap_or(Value::Null);
    if !status.is_success() || value.get("error").is_some() {
        return Err(format!(
            "{method} {url}: {status}: {}: {}",
            value["error"].as_str().unwrap_or("unknown error"),
            value["message"].as_str().unwrap_or("")
        ));
    }
    Ok(value)
}

/// An element reference as a script argument.
fn element_arg(element: &str) -> Value {
    json!({ ELEMENT_KEY: element })
}

/// A Chromium session driven by its own chromedriver.
struct WebDriver {
    http: reqwest::Client,
    /// chromedriver's address, `http://127.0.0.1:PORT`.
    base: String,
    port: u16,
    session: String,
    closed: bool,
    // Dropped in this order, after `Drop::drop`: chromedriver, then Chromium's profile.
    child: ChildGuard,
    profile: TempDir,
}

impl WebDriver {
    async fn start() -> Self {
        let profile = TempDir::new();
        let port = free_port();
        let mut child = ChildGuard(
            Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("starting {CHROMEDRIVER}: {e}")),
        );
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(90))
            .build()
            .expect("an HTTP client for chromedriver");

        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(status) = command(&http, Method::GET, format!("{base}/status"), None).await
                && status["ready"].as_bool() == Some(true)
            {
                break;
            }
            if let Ok(Some(exit)) = child.0.try_wait() {
                panic!("{CHROMEDRIVER} exited before it was ready: {exit}");
            }
            assert!(Instant::now() < deadline, "{CHROMEDRIVER} was not ready on port {port} within 10 s");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }

        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "timeouts": { "implicit": 0, "pageLoad": 60000, "script": 30000 },
                    "goog:chromeOptions": {
                        "binary": CHROMIUM,
                        "args": [
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--disable-quic",
                            "--window-size=1280,900",
                            format!("--user-data-dir={}", profile.path().display()),
                            "--lang=en-US",
                            "--password-store=basic",
                            "--disable-features=Translate,PasswordLeakDetection,HttpsUpgrades",
                        ],
                        "prefs": {
                            "intl.accept_languages": "en-US,en",
                            "credentials_enable_service": false,
                            "profile.password_manager_enabled": false,
                        },
                    },
                },
            },
        });
        let created = command(&http, Method::POST, format!("{base}/session"), Some(capabilities))
            .await
            .unwrap_or_else(|e| panic!("starting Chromium through chromedriver: {e}"));
        let session = created["sessionId"].as_str().unwrap_or_else(|| panic!("no session id in {created}")).to_owned();
        Self { http, base, port, session, closed: false, child, profile }
    }

    /// A command in this session, or WebDriver's error.
    async fn try_cmd(&self, method: Method, path: &str, body: Option<Value>) -> Result<Value, String> {
        command(&self.http, method, format!("{}/session/{}{path}", self.base, self.session), body).await
    }

    /// A command in this session that must succeed.
    async fn cmd(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        self.try_cmd(method, path, body).await.unwrap_or_else(|e| panic!("WebDriver: {e}"))
    }

    async fn goto(&self, url: &str) {
        self.cmd(Method::POST, "/url", Some(json!({ "url": url }))).await;
    }

    async fn current_url(&self) -> String {
        self.cmd(Method::GET, "/url", None).await.as_str().unwrap_or("").to_owned()
    }

    async fn page_source(&self) -> String {
        self.cmd(Method::GET, "/source", None).await.as_str().unwrap_or("").to_owned()
    }

    /// The page's visible text, for failure messages.
    async fn visible_text(&self) -> String {
        match self
            .try_cmd(
                Method::POST,
                "/execute/sync",
                Some(json!({
                    "script": "return document.body ? document.body.innerText : '';",
                    "args": [],
                })),
            )
            .await
        {
            Ok(v) => v.as_str().unwrap_or("").to_owned(),
            Err(e) => format!("(no page text: {e})"),
        }
    }

    /// The first element matching a CSS selector, waiting for it to appear.
    async fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let found =
                self.try_cmd(Method::POST, "/element", Some(json!({ "using": "css selector", "value": css }))).await;
            match found {
                Ok(v) => match v[ELEMENT_KEY].as_str() {
                    Some(id) => return id.to_owned(),
                    None => panic!("finding {css}: unexpected answer {v}"),
                },
                Err(e) => {
                    if Instant::now() > deadline {
                        let url = self.current_url().await;
                        let text = self.visible_text().await;
                        panic!("no element {css} at {url}: {e}\npage text:\n{text}");
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn send_keys(&self, element: &str, text: &str) {
        self.cmd(Method::POST, &format!("/element/{element}/value"), Some(json!({ "text": text }))).await;
    }

    async fn clear(&self, element: &str) {
        self.cmd(Method::POST, &format!("/element/{element}/clear"), Some(json!({}))).await;
    }

    /// Clears a field and types into it.
    async fn fill(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        self.clear(&element).await;
        self.send_keys(&element, text).await;
    }

    /// Clicks like a user; if something covers the element, clicks it from a script.
    async fn click(&self, element: &str) {
        if let Err(e) = self.try_cmd(Method::POST, &format!("/element/{element}/click"), Some(json!({}))).await {
            if e.contains("intercepted") || e.contains("not interactable") {
                self.execute("arguments[0].click();", vec![element_arg(element)]).await;
            } else {
                panic!("clicking: {e}");
            }
        }
    }

    async fn click_on(&self, css: &str) {
        let element = self.find(css).await;
        self.click(&element).await;
    }

    async fn property(&self, element: &str, name: &str) -> Value {
        self.cmd(Method::GET, &format!("/element/{element}/property/{name}"), None).await
    }

    async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.cmd(Method::POST, "/execute/sync", Some(json!({ "script": script, "args": args }))).await
    }

    /// Chooses an option of a `<select>` by clicking it.
    async fn select(&self, select_css: &str, value: &str) {
        self.click_on(&format!("{select_css} option[value='{value}']")).await;
        let select = self.find(select_css).await;
        if self.property(&select, "value").await.as_str() != Some(value) {
            self.execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                vec![element_arg(&select), json!(value)],
            )
            .await;
        }
        assert_eq!(self.property(&select, "value").await.as_str(), Some(value), "{select_css} is set to {value}");
    }

    async fn add_cookie(&self, name: &str, value: &str) {
        self.cmd(Method::POST, "/cookie", Some(json!({ "cookie": { "name": name, "value": value, "path": "/" } })))
            .await;
    }

    /// A PNG of the viewport.
    async fn screenshot(&self) -> Result<Vec<u8>, String> {
        let shot = self.try_cmd(Method::GET, "/screenshot", None).await?;
        base64::engine::general_purpose::STANDARD.decode(shot.as_str().unwrap_or("")).map_err(|e| e.to_string())
    }

    /// Waits until the page source satisfies `ok`, and returns it.
    async fn wait_for_source(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let source = self.try_cmd(Method::GET, "/source", None).await.ok();
            if let Some(source) = source.as_ref().and_then(Value::as_str)
                && ok(source)
            {
                return source.to_owned();
            }
            if Instant::now() > deadline {
                let url = self.current_url().await;
                let text = self.visible_text().await;
                panic!("waited {WAIT:?} for {what} at {url}; page text:\n{text}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn wait_for_text(&self, text: &str) -> String {
        self.wait_for_source(&format!("{text:?}"), |source| source.contains(text)).await
    }

    /// Waits until a script returns `true`.
    async fn wait_for_script(&self, what: &str, script: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let answer =
                self.try_cmd(Method::POST, "/execute/sync", Some(json!({ "script": script, "args": [] }))).await;
            if matches!(answer, Ok(Value::Bool(true))) {
                return;
            }
            if Instant::now() > deadline {
                let url = self.current_url().await;
                panic!("waited {WAIT:?} for {what} at {url} (last answer: {answer:?})");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Ends the session (and Chromium); chromedriver is stopped on drop.
    async fn quit(mut self) {
        let _ = self.try_cmd(Method::DELETE, "", None).await;
        self.closed = true;
    }
}

impl Drop for WebDriver {
    /// After a failure: ends the session so that Chromium exits with chromedriver.
    fn drop(&mut self) {
        if self.closed {
            return;
        }
        use std::io::{Read, Write};
        let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", self.port)) else {
            return;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
        let request = format!(
            "DELETE /session/{} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.session, self.port
        );
        if stream.write_all(request.as_bytes()).is_ok() {
            let mut answer = Vec::new();
            let _ = stream.read_to_end(&mut answer);
        }
    }
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, 120, (y % 256) as u8]));
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("encoding a PNG");
    out
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
    wd.goto(&format!("{base}/login")).await;
    wd.add_cookie("kontor_lang", "en").await;
    wd.goto(&format!("{base}/login")).await;
    wd.fill("#email", "anna@example.org").await;
    wd.fill("#password", app::PASSWORD).await;
    wd.click_on("main form button").await;
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
