//! A small W3C WebDriver client: the commands the browser test sends to chromedriver.
//!
//! WebDriver is JSON over HTTP (<https://www.w3.org/TR/webdriver2/>), and the test needs about twenty
//! of its endpoints. A full client crate (fantoccini) brought 24 crates of its own into every clean
//! `cargo test` build — the `webdriver` crate, the ICU segmenter and its data, a second `http`,
//! `cookie` and `thiserror` — for work this file does over the hyper client the tests already use.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Map, Value};

/// The key under which WebDriver names a web element in JSON (fixed by the standard).
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A failed command: the driver's error code and message, or a transport failure.
#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn fail(what: impl fmt::Display) -> Error {
    Error(what.to_string())
}

/// How to find elements on the page.
pub(crate) enum Locator<'a> {
    Css(&'a str),
    Id(&'a str),
    XPath(&'a str),
}

impl Locator<'_> {
    fn to_json(&self) -> Value {
        match self {
            Locator::Css(css) => json!({"using": "css selector", "value": css}),
            // WebDriver has no id strategy; an attribute selector takes any id, even one that is
            // not a valid CSS identifier.
            Locator::Id(id) => {
                let quoted = id.replace('\\', "\\\\").replace('"', "\\\"");
                json!({"using": "css selector", "value": format!("[id=\"{quoted}\"]")})
            }
            Locator::XPath(xpath) => json!({"using": "xpath", "value": xpath}),
        }
    }
}

/// The URL the browser shows.
pub(crate) struct CurrentUrl(String);

impl CurrentUrl {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The path, without scheme, host, query or fragment.
    pub(crate) fn path(&self) -> &str {
        let rest = self.0.split_once("://").map_or(self.0.as_str(), |(_, r)| r);
        let path = rest.find('/').map_or("/", |i| &rest[i..]);
        path.split(['?', '#']).next().unwrap_or(path)
    }
}

impl fmt::Display for CurrentUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One browser session. Cloning shares the session.
#[derive(Clone)]
pub(crate) struct Client {
    inner: Arc<Session>,
}

struct Session {
    http: HttpClient<HttpConnector, Full<Bytes>>,
    /// `http://host:port/session/<id>`: every command's URL starts with it.
    url: String,
}

async fn send(
    http: &HttpClient<HttpConnector, Full<Bytes>>,
    method: Method,
    url: &str,
    body: Option<Value>,
) -> Result<Value, Error> {
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let request = Request::builder()
        .method(method)
        .uri(url)
        .header("content-type", "application/json; charset=utf-8")
        .body(Full::new(Bytes::from(payload)))
        .map_err(fail)?;
    let response = http.request(request).await.map_err(fail)?;
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .map_err(fail)?
        .to_bytes();
    let reply: Value = serde_json::from_slice(&bytes).map_err(|e| {
        fail(format!(
            "{url}: not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        ))
    })?;
    let value = reply.get("value").cloned().unwrap_or(Value::Null);
    if !status.is_success() {
        let message = value["message"].as_str().unwrap_or_default();
        let message = message.lines().next().unwrap_or_default();
        return Err(fail(format!("{} ({status}): {message}", value["error"])));
    }
    Ok(value)
}

impl Client {
    /// Starts a session on the driver at `driver` (e.g. `http://127.0.0.1:9515`).
    pub(crate) async fn connect(
        driver: &str,
        capabilities: Map<String, Value>,
    ) -> Result<Client, Error> {
        let http = HttpClient::builder(TokioExecutor::new()).build(HttpConnector::new());
        let body = json!({"capabilities": {"alwaysMatch": capabilities}});
        let driver = driver.trim_end_matches('/');
        let value = send(
            &http,
            Method::POST,
            &format!("{driver}/session"),
            Some(body),
        )
        .await?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| fail(format!("no session id in {value}")))?;
        let url = format!("{driver}/session/{id}");
        Ok(Client {
            inner: Arc::new(Session { http, url }),
        })
    }

    async fn get(&self, path: &str) -> Result<Value, Error> {
        let url = format!("{}{path}", self.inner.url);
        send(&self.inner.http, Method::GET, &url, None).await
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value, Error> {
        let url = format!("{}{path}", self.inner.url);
        send(&self.inner.http, Method::POST, &url, Some(body)).await
    }

    fn element(&self, value: &Value) -> Result<Element, Error> {
        let id = value[ELEMENT_KEY]
            .as_str()
            .ok_or_else(|| fail(format!("not an element: {value}")))?;
        Ok(Element {
            client: self.clone(),
            id: id.to_string(),
        })
    }

    pub(crate) async fn goto(&self, url: &str) -> Result<(), Error> {
        self.post("/url", json!({ "url": url })).await.map(drop)
    }

    pub(crate) async fn current_url(&self) -> Result<CurrentUrl, Error> {
        let value = self.get("/url").await?;
        Ok(CurrentUrl(value.as_str().unwrap_or_default().to_string()))
    }

    pub(crate) async fn find(&self, locator: Locator<'_>) -> Result<Element, Error> {
        let value = self.post("/element", locator.to_json()).await?;
        self.element(&value)
    }

    pub(crate) async fn find_all(&self, locator: Locator<'_>) -> Result<Vec<Element>, Error> {
        let value = self.post("/elements", locator.to_json()).await?;
        let found = value.as_array().map(Vec::as_slice).unwrap_or_default();
        found.iter().map(|v| self.element(v)).collect()
    }

    /// Polls for an element until it exists or `timeout` passes.
    pub(crate) async fn wait_for_element(
        &self,
        locator: Locator<'_>,
        timeout: Duration,
    ) -> Result<Element, Error> {
        let started = Instant::now();
        loop {
            match self.post("/element", locator.to_json()).await {
                Ok(value) => return self.element(&value),
                Err(e) if started.elapsed() > timeout => return Err(e),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    pub(crate) async fn active_element(&self) -> Result<Element, Error> {
        let value = self.get("/element/active").await?;
        self.element(&value)
    }

    /// Runs `script` as a function body with `arguments` = `args`; returns what it returns.
    pub(crate) async fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value, Error> {
        self.post("/execute/sync", json!({"script": script, "args": args}))
            .await
    }

    /// Like [`Client::execute`], but the result is what the script passes to its last argument.
    pub(crate) async fn execute_async(
        &self,
        script: &str,
        args: Vec<Value>,
    ) -> Result<Value, Error> {
        self.post("/execute/async", json!({"script": script, "args": args}))
            .await
    }

    pub(crate) async fn set_window_size(&self, width: u32, height: u32) -> Result<(), Error> {
        let rect = json!({"width": width, "height": height});
        self.post("/window/rect", rect).await.map(drop)
    }

    /// A PNG of the viewport.
    pub(crate) async fn screenshot(&self) -> Result<Vec<u8>, Error> {
        let value = self.get("/screenshot").await?;
        let encoded = value.as_str().unwrap_or_default();
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(fail)
    }

    /// The text of the open alert; an error when none is open.
    pub(crate) async fn get_alert_text(&self) -> Result<String, Error> {
        let value = self.get("/alert/text").await?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// Moves the mouse pointer to the centre of `element` (hover).
    pub(crate) async fn move_mouse_to(&self, element: &Element) -> Result<(), Error> {
        let pointer = json!({
            "type": "pointer",
            "id": "mouse",
            "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "duration": 0, "origin": element.to_json(), "x": 0, "y": 0}],
        });
        self.post("/actions", json!({ "actions": [pointer] }))
            .await
            .map(drop)
    }

    /// Ends the session, which closes the browser.
    pub(crate) async fn close(&self) -> Result<(), Error> {
        let url = self.inner.url.clone();
        send(&self.inner.http, Method::DELETE, &url, None)
            .await
            .map(drop)
    }
}

/// An element on the page, valid until the page changes.
#[derive(Clone)]
pub(crate) struct Element {
    client: Client,
    id: String,
}

impl Element {
    /// The element as a script argument or action origin.
    pub(crate) fn to_json(&self) -> Value {
        json!({ ELEMENT_KEY: self.id })
    }

    async fn get(&self, what: &str) -> Result<Value, Error> {
        self.client
            .get(&format!("/element/{}/{what}", self.id))
            .await
    }

    async fn post(&self, what: &str, body: Value) -> Result<Value, Error> {
        let path = format!("/element/{}/{what}", self.id);
        self.client.post(&path, body).await
    }

    pub(crate) async fn attr(&self, name: &str) -> Result<Option<String>, Error> {
        let value = self.get(&format!("attribute/{name}")).await?;
        Ok(value.as_str().map(str::to_string))
    }

    /// The rendered text, as a user sees it.
    pub(crate) async fn text(&self) -> Result<String, Error> {
        let value = self.get("text").await?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    pub(crate) async fn is_displayed(&self) -> Result<bool, Error> {
        Ok(self.get("displayed").await?.as_bool().unwrap_or(false))
    }

    /// `(x, y, width, height)` in CSS pixels.
    pub(crate) async fn rectangle(&self) -> Result<(f64, f64, f64, f64), Error> {
        let r = self.get("rect").await?;
        let n = |k: &str| r[k].as_f64().unwrap_or(0.0);
        Ok((n("x"), n("y"), n("width"), n("height")))
    }

    pub(crate) async fn click(&self) -> Result<(), Error> {
        self.post("click", json!({})).await.map(drop)
    }

    /// Chooses the `<option>` of this `<select>` whose value is `value`, as a click on it would.
    pub(crate) async fn select_by_value(&self, value: &str) -> Result<(), Error> {
        let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
        let css = format!("option[value=\"{quoted}\"]");
        let found = self
            .post("element", json!({"using": "css selector", "value": css}))
            .await?;
        self.client.element(&found)?.click().await
    }

    /// Types `keys`; WebDriver's private-use code points are keys (U+E007 Enter, U+E004 Tab).
    pub(crate) async fn send_keys(&self, keys: &str) -> Result<(), Error> {
        self.post("value", json!({ "text": keys })).await.map(drop)
    }
}
