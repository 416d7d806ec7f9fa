//! A W3C WebDriver client for Debian's headless Chromium through chromedriver, spoken
//! directly over HTTP: start, navigate, find, type, click, wait, screenshot.

use base64::Engine;
use kontor_store::testing::sqlite::TempDir;
use reqwest::Method;
use serde_json::{Value, json};
use std::path::Path;
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
pub fn browser_available() -> bool {
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
pub struct WebDriver {
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
    pub async fn start() -> Self {
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
    pub async fn try_cmd(&self, method: Method, path: &str, body: Option<Value>) -> Result<Value, String> {
        command(&self.http, method, format!("{}/session/{}{path}", self.base, self.session), body).await
    }

    /// A command in this session that must succeed.
    pub async fn cmd(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        self.try_cmd(method, path, body).await.unwrap_or_else(|e| panic!("WebDriver: {e}"))
    }

    pub async fn goto(&self, url: &str) {
        self.cmd(Method::POST, "/url", Some(json!({ "url": url }))).await;
    }

    pub async fn current_url(&self) -> String {
        self.cmd(Method::GET, "/url", None).await.as_str().unwrap_or("").to_owned()
    }

    pub async fn page_source(&self) -> String {
        self.cmd(Method::GET, "/source", None).await.as_str().unwrap_or("").to_owned()
    }

    /// The page's visible text, for failure messages.
    pub async fn visible_text(&self) -> String {
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
    pub async fn find(&self, css: &str) -> String {
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

    pub async fn send_keys(&self, element: &str, text: &str) {
        self.cmd(Method::POST, &format!("/element/{element}/value"), Some(json!({ "text": text }))).await;
    }

    /// Logs in on `base` as `email` through the log-in form, in English, and waits for a
    /// member's page.
    pub async fn log_in(&self, base: &str, email: &str, password: &str) {
        self.goto(&format!("{base}/login")).await;
        self.add_cookie("kontor_lang", "en").await;
        self.goto(&format!("{base}/login")).await;
        self.fill("#email", email).await;
        self.fill("#password", password).await;
        self.click_on("main form button").await;
        self.wait_for_text("Log out").await;
    }

    /// Presses and releases a key on whatever has the focus, as a keyboard would
    /// (`\u{E004}` Tab, `\u{E007}` Enter, `\u{E015}` Arrow down, `\u{E00C}` Escape).
    pub async fn press(&self, key: &str) {
        let keys = json!([{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]);
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": keys}]});
        self.cmd(Method::POST, "/actions", Some(actions)).await;
    }

    /// Types `text` into whatever has the focus.
    pub async fn type_text(&self, text: &str) {
        let keys: Vec<Value> = text
            .chars()
            .flat_map(|c| {
                [json!({"type": "keyDown", "value": c.to_string()}), json!({"type": "keyUp", "value": c.to_string()})]
            })
            .collect();
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": keys}]});
        self.cmd(Method::POST, "/actions", Some(actions)).await;
    }

    pub async fn clear(&self, element: &str) {
        self.cmd(Method::POST, &format!("/element/{element}/clear"), Some(json!({}))).await;
    }

    /// Clears a field and types into it.
    pub async fn fill(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        self.clear(&element).await;
        self.send_keys(&element, text).await;
    }

    /// Clicks like a user; if something covers the element, clicks it from a script.
    pub async fn click(&self, element: &str) {
        if let Err(e) = self.try_cmd(Method::POST, &format!("/element/{element}/click"), Some(json!({}))).await {
            if e.contains("intercepted") || e.contains("not interactable") {
                self.execute("arguments[0].click();", vec![element_arg(element)]).await;
            } else {
                panic!("clicking: {e}");
            }
        }
    }

    pub async fn click_on(&self, css: &str) {
        let element = self.find(css).await;
        self.click(&element).await;
    }

    pub async fn property(&self, element: &str, name: &str) -> Value {
        self.cmd(Method::GET, &format!("/element/{element}/property/{name}"), None).await
    }

    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.cmd(Method::POST, "/execute/sync", Some(json!({ "script": script, "args": args }))).await
    }

    /// Chooses an option of a `<select>` by clicking it.
    pub async fn select(&self, select_css: &str, value: &str) {
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

    pub async fn add_cookie(&self, name: &str, value: &str) {
        self.cmd(Method::POST, "/cookie", Some(json!({ "cookie": { "name": name, "value": value, "path": "/" } })))
            .await;
    }

    /// A PNG of the viewport.
    pub async fn screenshot(&self) -> Result<Vec<u8>, String> {
        let shot = self.try_cmd(Method::GET, "/screenshot", None).await?;
        base64::engine::general_purpose::STANDARD.decode(shot.as_str().unwrap_or("")).map_err(|e| e.to_string())
    }

    /// Waits until the page source satisfies `ok`, and returns it.
    pub async fn wait_for_source(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
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

    pub async fn wait_for_text(&self, text: &str) -> String {
        self.wait_for_source(&format!("{text:?}"), |source| source.contains(text)).await
    }

    /// Waits until a script returns `true`.
    pub async fn wait_for_script(&self, what: &str, script: &str) {
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
    pub async fn quit(mut self) {
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
