//! A minimal synchronous Chrome DevTools Protocol (CDP) driver for headless
//! Chromium, for integration tests that need a real browser: open a generated
//! page, type and click like a user, read the DOM, catch downloads.
//!
//! Tests use it as `crate::common::browser`.
//!
//! Design: one Chromium per [`Browser`] (own `--user-data-dir` temp dir, own
//! DevTools port via `--remote-debugging-port=0`), one websocket to the
//! browser endpoint on 127.0.0.1, one page created with `Target.createTarget`
//! and attached with `flatten: true`; page commands carry its `sessionId`.
//! Responses are matched by `id`; events that arrive in between are kept in a
//! bounded queue. Every wait has a deadline, so a hung browser fails the test
//! instead of hanging it. Dropping the `Browser` closes Chromium, kills its
//! process group and removes the profile directory.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, ErrorKind};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

/// How long Chromium may take to print its DevTools URL.
const LAUNCH_TIMEOUT: Duration = Duration::from_secs(20);
/// How long any single CDP command may take to answer.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(20);
/// How long `goto` waits for the load event.
const LOAD_TIMEOUT: Duration = Duration::from_secs(20);
/// Socket read timeout; the granularity at which deadlines are checked.
const READ_SLICE: Duration = Duration::from_millis(100);
/// Pause between polls in `wait_for` and friends.
const POLL_INTERVAL: Duration = Duration::from_millis(25);
/// Queued events beyond this are dropped, oldest first.
const MAX_EVENTS: usize = 10_000;
/// Lines of Chromium's stderr kept for error messages.
const STDERR_TAIL: usize = 40;

const INSTALL_HINT: &str = "install chromium (apt-get install chromium) or set $CHROMIUM";

/// A headless Chromium with one page, driven over CDP.
pub struct Browser {
    ws: WebSocket<TcpStream>,
    child: Child,
    /// CDP session of our page target (empty until attached).
    session: String,
    next_id: u64,
    events: VecDeque<Value>,
    download_dir: Option<PathBuf>,
    stderr_tail: Arc<Mutex<VecDeque<String>>>,
    /// Dropped (removed) after `Drop::drop` has stopped Chromium.
    profile: tempfile::TempDir,
}

impl Browser {
    /// Starts headless Chromium (`$CHROMIUM`, else `chromium` on `PATH`, else
    /// `/usr/bin/chromium`) with a fresh profile and opens a blank page.
    pub fn launch() -> Result<Browser, String> {
        let exe = find_chromium()?;
        let profile = tempfile::Builder::new()
            .prefix("gazette-chromium-")
            .tempdir()
            .map_err(|e| format!("cannot create a Chromium profile dir: {e}"))?;

        let mut cmd = Command::new(&exe);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--mute-audio",
            "--hide-scrollbars",
            "--window-size=1280,900",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
        #[cfg(unix)]
        {
            // Own process group, so Drop can kill renderers and helpers too.
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}; {INSTALL_HINT}", exe.display()))?;

        let stderr_tail = Arc::new(Mutex::new(VecDeque::new()));
        let ws = match connect(&mut child, &stderr_tail) {
            Ok(ws) => ws,
            Err(e) => {
                kill_tree(&mut child);
                return Err(e);
            }
        };

        // From here on, Drop cleans up if setup fails.
        let mut browser = Browser {
            ws,
            child,
            session: String::new(),
            next_id: 1,
            events: VecDeque::new(),
            download_dir: None,
            stderr_tail,
            profile,
        };
        browser.open_page()?;
        Ok(browser)
    }

    fn open_page(&mut self) -> Result<(), String> {
        let created = self.call("Target.createTarget", json!({"url": "about:blank"}), false)?;
        let target_id = str_field(&created, "targetId", "Target.createTarget")?;
        let attached = self.call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
            false,
        )?;
        self.session = str_field(&attached, "sessionId", "Target.attachToTarget")?;
        self.call("Page.enable", json!({}), true)?;
        self.call(
            "Page.setLifecycleEventsEnabled",
            json!({"enabled": true}),
            true,
        )?;
        self.call("Inspector.enable", json!({}), true)?;
        // Behave as a focused window even though headless tabs have no OS focus.
        self.call(
            "Emulation.setFocusEmulationEnabled",
            json!({"enabled": true}),
            true,
        )?;
        Ok(())
    }

    /// Navigates to a `file://`, `about:`, `data:` or `http(s)://127.0.0.1` /
    /// `localhost` URL and waits (up to 20 s) for its load event.
    pub fn goto(&mut self, url: &str) -> Result<(), String> {
        check_url(url)?;
        // Lifecycle events of earlier documents are of no further use.
        self.events
            .retain(|e| method_of(e) != Some("Page.lifecycleEvent"));
        let nav = self.call("Page.navigate", json!({"url": url}), true)?;
        if let Some(err) = nav.get("errorText").and_then(Value::as_str) {
            if !err.is_empty() {
                return Err(format!("cannot open {url}: {err}"));
            }
        }
        // A same-document navigation (only the #fragment changed) has no
        // loader and fires no load event.
        let Some(loader) = nav.get("loaderId").and_then(Value::as_str) else {
            return Ok(());
        };
        let loader = loader.to_string();
        let deadline = Instant::now() + LOAD_TIMEOUT;
        self.wait_event(deadline, &format!("the load event of {url}"), |e| {
            method_of(e) == Some("Page.lifecycleEvent")
                && e["params"]["name"] == "load"
                && e["params"]["loaderId"] == loader.as_str()
        })?;
        Ok(())
    }

    /// Evaluates `js` (an expression) in the page, awaiting a returned
    /// promise, and returns its value as JSON (`undefined` becomes `null`).
    /// A thrown exception or rejected promise becomes `Err` with its text.
    /// Top-level `const`/`let` persist between calls; wrap statements in an
    /// IIFE: `(() => { ...; return x; })()`.
    pub fn eval(&mut self, js: &str) -> Result<Value, String> {
        self.evaluate(js)?
            .map_err(|e| format!("JavaScript error: {e}\n  in: {}", abbreviate(js)))
    }

    /// Outer `Err`: the browser failed. Inner `Err`: the script threw.
    fn evaluate(&mut self, js: &str) -> Result<Result<Value, String>, String> {
        let res = self.call(
            "Runtime.evaluate",
            json!({
                "expression": js,
                "returnByValue": true,
                "awaitPromise": true,
                "userGesture": true,
            }),
            true,
        )?;
        if let Some(details) = res.get("exceptionDetails") {
            return Ok(Err(exception_text(details)));
        }
        Ok(Ok(res
            .get("result")
            .and_then(|r| r.get("value"))
            .cloned()
            .unwrap_or(Value::Null)))
    }

    /// Focuses the element matching `selector` (caret at the end) and types
    /// `text` one character at a time with `Input.insertText`, so each
    /// character produces `beforeinput`/`input` events as real typing does
    /// (any script, CJK included; no keydown/keyup, no Enter). Fails if the
    /// element cannot take focus or no `input` event reached it.
    pub fn type_into(&mut self, selector: &str, text: &str) -> Result<(), String> {
        if text.is_empty() {
            return Ok(());
        }
        let sel = js_str(selector);
        let before = self.eval(&format!(
            r#"(() => {{
  {FIND}
  const el = find({sel});
  {COUNT_INPUTS}
  el.scrollIntoView({{block: 'center', inline: 'center'}});
  el.focus();
  if (document.activeElement !== el)
    throw new Error('element ' + {sel} + ' cannot take focus (disabled or not focusable?)');
  if (typeof el.value === 'string' && typeof el.setSelectionRange === 'function') {{
    try {{ const n = el.value.length; el.setSelectionRange(n, n); }} catch (e) {{}}
  }} else if (el.isContentEditable) {{
    const r = document.createRange();
    r.selectNodeContents(el);
    r.collapse(false);
    const s = window.getSelection();
    s.removeAllRanges();
    s.addRange(r);
  }}
  return el.__gazetteInputs;
}})()"#
        ))?;
        let before = before.as_u64().unwrap_or(0);
        for ch in text.chars() {
            self.call("Input.insertText", json!({"text": ch.to_string()}), true)?;
        }
        let fired =
            format!("(() => {{ {FIND} return find({sel}).__gazetteInputs > {before}; }})()");
        self.wait_for(&fired, 5_000).map_err(|e| {
            format!("typing into {selector} fired no input event (read-only element?): {e}")
        })
    }

    /// Empties the input, textarea or contenteditable matching `selector`
    /// like a user: focus, select all, Backspace (fires `input`). Falls back
    /// to setting the value to '' and dispatching an `input` event.
    pub fn clear(&mut self, selector: &str) -> Result<(), String> {
        let sel = js_str(selector);
        let current = |extra: &str| {
            format!(
                r#"(() => {{
  {FIND}
  const el = find({sel});
  {extra}
  return typeof el.value === 'string' ? el.value : (el.textContent || '');
}})()"#
            )
        };
        let left = self.eval(&current(&format!(
            r#"el.scrollIntoView({{block: 'center', inline: 'center'}});
  el.focus();
  if (document.activeElement !== el)
    throw new Error('element ' + {sel} + ' cannot take focus (disabled or not focusable?)');
  if (typeof el.select === 'function') {{
    el.select();
  }} else {{
    const r = document.createRange();
    r.selectNodeContents(el);
    const s = window.getSelection();
    s.removeAllRanges();
    s.addRange(r);
  }}"#
        )))?;
        if left.as_str().is_none_or(str::is_empty) {
            return Ok(());
        }
        for kind in ["rawKeyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({
                    "type": kind,
                    "key": "Backspace",
                    "code": "Backspace",
                    "windowsVirtualKeyCode": 8,
                    "nativeVirtualKeyCode": 8,
                }),
                true,
            )?;
        }
        let empty = format!("{} === ''", current(""));
        if self.wait_for(&empty, 2_000).is_ok() {
            return Ok(());
        }
        // Backspace did not do it (e.g. a type=number input): set it directly.
        let left = self.eval(&current(
            r#"if (typeof el.value === 'string') el.value = ''; else el.textContent = '';
  el.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'deleteContentBackward'}));"#,
        ))?;
        match left.as_str() {
            Some("") => Ok(()),
            _ => Err(format!("could not clear {selector}: it still holds {left}")),
        }
    }

    /// Clicks the centre of the element matching `selector` with real mouse
    /// events (scrolling it into view first). Fails if the element has no
    /// size or another element covers that point.
    pub fn click(&mut self, selector: &str) -> Result<(), String> {
        let sel = js_str(selector);
        let point = self.eval(&format!(
            r#"(() => {{
  {FIND}
  const el = find({sel});
  el.scrollIntoView({{block: 'center', inline: 'center'}});
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0)
    throw new Error('element ' + {sel} + ' is not visible (it has no size)');
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  if (!hit) throw new Error('element ' + {sel} + ' is outside the viewport');
  if (hit !== el && !el.contains(hit))
    throw new Error('element ' + {sel} + ' is covered by ' + hit.outerHTML.slice(0, 120));
  return [x, y];
}})()"#
        ))?;
        let (Some(x), Some(y)) = (point[0].as_f64(), point[1].as_f64()) else {
            return Err(format!("click {selector}: bad coordinates {point}"));
        };
        let events = [
            ("mouseMoved", "none", 0, 0),
            ("mousePressed", "left", 1, 1),
            ("mouseReleased", "left", 0, 1),
        ];
        for (kind, button, buttons, clicks) in events {
            self.call(
                "Input.dispatchMouseEvent",
                json!({
                    "type": kind, "x": x, "y": y, "button": button,
                    "buttons": buttons, "clickCount": clicks,
                }),
                true,
            )?;
        }
        Ok(())
    }

    /// Polls the JS expression `js_condition` (awaited if it is a promise)
    /// until it is truthy. Exceptions count as "not yet"; the last one is
    /// reported if the time runs out.
    pub fn wait_for(&mut self, js_condition: &str, timeout_ms: u64) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_millis(timeout_ms);
        let probe = format!("(async () => Boolean(await (\n{js_condition}\n)))()");
        let mut last_error = None;
        loop {
            match self.evaluate(&probe)? {
                Ok(Value::Bool(true)) => return Ok(()),
                Ok(_) => {}
                Err(e) => last_error = Some(e),
            }
            if Instant::now() >= deadline {
                let why = last_error
                    .map(|e| format!(" (last JavaScript error: {e})"))
                    .unwrap_or_default();
                return Err(format!(
                    "timed out after {timeout_ms} ms waiting for `{}`{why}",
                    abbreviate(js_condition)
                ));
            }
            thread::sleep(POLL_INTERVAL);
        }
    }

    /// `innerText` (trimmed) of each element matching `selector` that is
    /// rendered: has layout boxes (not `display: none`, itself or an
    /// ancestor) and is not `visibility: hidden`. Document order.
    pub fn visible_texts(&mut self, selector: &str) -> Result<Vec<String>, String> {
        let sel = js_str(selector);
        let v = self.eval(&format!(
            r#"Array.from(document.querySelectorAll({sel}))
  .filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
  .map(el => String(el.innerText ?? el.textContent ?? '').trim())"#
        ))?;
        let items = v
            .as_array()
            .ok_or_else(|| format!("visible_texts({selector}): expected an array, got {v}"))?;
        Ok(items
            .iter()
            .map(|t| t.as_str().unwrap_or_default().to_string())
            .collect())
    }

    /// Lets downloads proceed, saving them into `dir` (created if missing),
    /// and turns on the download events `wait_for_download` needs.
    pub fn set_download_dir(&mut self, dir: &Path) -> Result<(), String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create download dir {}: {e}", dir.display()))?;
        let dir = dir
            .canonicalize()
            .map_err(|e| format!("cannot resolve download dir {}: {e}", dir.display()))?;
        let path = dir
            .to_str()
            .ok_or_else(|| format!("download dir {} is not UTF-8", dir.display()))?;
        self.call(
            "Browser.setDownloadBehavior",
            json!({"behavior": "allow", "downloadPath": path, "eventsEnabled": true}),
            false,
        )?;
        self.download_dir = Some(dir);
        Ok(())
    }

    /// Waits for the next download to complete and returns the saved file,
    /// named by the page's suggested filename (`<a download="...">`); with
    /// CDP's "allow" behaviour Chromium overwrites an existing file of that
    /// name. A cancelled download is an error.
    pub fn wait_for_download(&mut self, timeout_ms: u64) -> Result<PathBuf, String> {
        let Some(dir) = self.download_dir.clone() else {
            return Err("wait_for_download: call set_download_dir first".to_string());
        };
        let deadline = Instant::now() + Duration::from_millis(timeout_ms);
        let done = self.wait_event(deadline, "a download to finish", |e| {
            method_of(e) == Some("Browser.downloadProgress")
                && matches!(
                    e["params"]["state"].as_str(),
                    Some("completed" | "canceled")
                )
        })?;
        let params = &done["params"];
        let guid = params["guid"].as_str().unwrap_or_default().to_string();
        let begun = self.take_event(|e| {
            method_of(e) == Some("Browser.downloadWillBegin")
                && e["params"]["guid"] == guid.as_str()
        });
        self.events.retain(|e| {
            !(method_of(e) == Some("Browser.downloadProgress")
                && e["params"]["guid"] == guid.as_str())
        });
        let suggested = begun
            .as_ref()
            .and_then(|b| b["params"]["suggestedFilename"].as_str())
            .unwrap_or_default()
            .to_string();
        let url = begun
            .as_ref()
            .and_then(|b| b["params"]["url"].as_str())
            .unwrap_or("?")
            .to_string();
        if params["state"] == "canceled" {
            return Err(format!("download of {url} ({suggested}) was cancelled"));
        }
        let mut candidates = Vec::new();
        if let Some(p) = params["filePath"].as_str().filter(|p| !p.is_empty()) {
            candidates.push(PathBuf::from(p));
        }
        if !suggested.is_empty() && !suggested.contains('/') {
            candidates.push(dir.join(&suggested));
        }
        if !guid.is_empty() {
            candidates.push(dir.join(&guid));
        }
        if let Some(found) = candidates.iter().find(|p| p.is_file()) {
            return Ok(found.clone());
        }
        let listing: Vec<String> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        Err(format!(
            "download of {url} completed but none of {candidates:?} exists; {} holds {listing:?}",
            dir.display()
        ))
    }

    /// Lays pages out as a phone of `width` x `height` CSS pixels would
    /// (honouring the page's viewport meta), until changed again.
    pub fn set_viewport(&mut self, width: u32, height: u32) -> Result<(), String> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": true}),
            true,
        )
        .map(|_| ())
    }

    /// Saves a PNG of the whole page (beyond the viewport) to `path`.
    pub fn screenshot(&mut self, path: &Path) -> Result<(), String> {
        self.capture(
            path,
            json!({"format": "png", "captureBeyondViewport": true}),
        )
    }

    /// Saves a PNG of the first element matching `selector` to `path`.
    pub fn screenshot_of(&mut self, selector: &str, path: &Path) -> Result<(), String> {
        let js = format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return null; \
             const r = e.getBoundingClientRect(); \
             return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }})()",
            js_str(selector)
        );
        let r = self.eval(&js)?;
        let n = |i: usize| {
            r[i].as_f64()
                .ok_or(format!("no element matches selector {selector}"))
        };
        let clip = json!({"x": n(0)?, "y": n(1)?, "width": n(2)?, "height": n(3)?, "scale": 1});
        self.capture(
            path,
            json!({"format": "png", "captureBeyondViewport": true, "clip": clip}),
        )
    }

    fn capture(&mut self, path: &Path, params: Value) -> Result<(), String> {
        let shot = self.call("Page.captureScreenshot", params, true)?;
        let data = str_field(&shot, "data", "Page.captureScreenshot")?;
        let bytes = base64_decode(&data)?;
        std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    // ---- CDP plumbing -------------------------------------------------

    /// Sends one command (to our page session if `on_page`) and returns its
    /// `result`, queueing events that arrive meanwhile.
    fn call(&mut self, method: &str, params: Value, on_page: bool) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if on_page {
            msg["sessionId"] = json!(self.session);
        }
        self.send(&msg).map_err(|e| format!("{method}: {e}"))?;
        let deadline = Instant::now() + COMMAND_TIMEOUT;
        let what = format!(
            "the reply to {method} ({} s limit)",
            COMMAND_TIMEOUT.as_secs()
        );
        loop {
            let m = self.read_message(deadline, &what)?;
            if m.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(err) = m.get("error") {
                    let text = err["message"].as_str().unwrap_or("unknown error");
                    let data = err["data"]
                        .as_str()
                        .map(|d| format!(" ({d})"))
                        .unwrap_or_default();
                    return Err(format!("{method} failed: {text}{data}"));
                }
                return Ok(m.get("result").cloned().unwrap_or(Value::Null));
            }
            if m.get("method").is_some() {
                self.on_event(m)?;
            }
            // Anything else answers an earlier command we gave up on.
        }
    }

    fn send(&mut self, msg: &Value) -> Result<(), String> {
        self.ws
            .send(Message::text(msg.to_string()))
            .map_err(|e| format!("cannot write to the DevTools connection: {e}"))
    }

    /// Reads the next CDP message, or fails at `deadline`, if Chromium exits
    /// or the connection breaks.
    fn read_message(&mut self, deadline: Instant, waiting_for: &str) -> Result<Value, String> {
        loop {
            if Instant::now() >= deadline {
                return Err(format!("timed out waiting for {waiting_for}"));
            }
            match self.ws.read() {
                Ok(Message::Text(t)) => {
                    return serde_json::from_str(t.as_str())
                        .map_err(|e| format!("bad CDP message ({e}): {}", abbreviate(&t)))
                }
                Ok(Message::Binary(b)) => {
                    return serde_json::from_slice(&b)
                        .map_err(|e| format!("bad binary CDP message: {e}"))
                }
                Ok(Message::Close(_)) => {
                    return Err(format!(
                        "Chromium closed the DevTools connection while waiting for {waiting_for}"
                    ))
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                {
                    if let Ok(Some(status)) = self.child.try_wait() {
                        return Err(format!(
                            "Chromium exited ({status}) while waiting for {waiting_for}{}",
                            self.stderr_summary()
                        ));
                    }
                }
                Err(e) => {
                    return Err(format!(
                        "DevTools connection failed while waiting for {waiting_for}: {e}"
                    ))
                }
            }
        }
    }

    fn on_event(&mut self, event: Value) -> Result<(), String> {
        let ours = event.get("sessionId").and_then(Value::as_str) == Some(self.session.as_str());
        match method_of(&event) {
            Some("Inspector.targetCrashed") if ours => {
                return Err("the page crashed (Inspector.targetCrashed)".to_string())
            }
            Some("Target.detachedFromTarget")
                if event["params"]["sessionId"] == self.session.as_str() =>
            {
                return Err("the page was closed or crashed (detached from target)".to_string())
            }
            Some("Page.javascriptDialogOpening") if ours => {
                // alert()/confirm()/prompt() would block every later command.
                let id = self.next_id;
                self.next_id += 1;
                let msg = json!({
                    "id": id,
                    "method": "Page.handleJavaScriptDialog",
                    "params": {"accept": true},
                    "sessionId": self.session,
                });
                self.send(&msg)?;
            }
            _ => {}
        }
        if self.events.len() >= MAX_EVENTS {
            self.events.pop_front();
        }
        self.events.push_back(event);
        Ok(())
    }

    fn take_event(&mut self, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        let pos = self.events.iter().position(pred)?;
        self.events.remove(pos)
    }

    /// Removes and returns the first queued or incoming event matching `pred`.
    fn wait_event(
        &mut self,
        deadline: Instant,
        what: &str,
        pred: impl Fn(&Value) -> bool,
    ) -> Result<Value, String> {
        if let Some(e) = self.take_event(&pred) {
            return Ok(e);
        }
        loop {
            let m = self.read_message(deadline, what)?;
            if m.get("method").is_none() {
                continue; // a late answer to an abandoned command
            }
            if pred(&m) {
                // Still react to it (crash, dialog), but hand it back.
                self.on_event(m.clone())?;
                self.events.pop_back();
                return Ok(m);
            }
            self.on_event(m)?;
        }
    }

    fn stderr_summary(&self) -> String {
        stderr_summary(&self.stderr_tail)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            // A clean shutdown lets Chromium release the profile dir.
            let msg = json!({"id": self.next_id, "method": "Browser.close"});
            if self.send(&msg).is_ok() {
                let deadline = Instant::now() + Duration::from_secs(5);
                while Instant::now() < deadline {
                    match self.child.try_wait() {
                        Ok(None) => thread::sleep(Duration::from_millis(20)),
                        _ => break,
                    }
                }
            }
        }
        kill_tree(&mut self.child);
        // `profile` (the temp dir) is removed when the fields drop.
    }
}

/// `file://` URL for a local path (made absolute, unsafe bytes escaped).
/// Standard base64 (CDP's screenshots), padding allowed.
fn base64_decode(s: &str) -> Result<Vec<u8>, String> {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|c| *c != b'=') {
        let v = ABC
            .iter()
            .position(|a| *a == c)
            .ok_or_else(|| format!("not base64: {:?}", c as char))? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Ok(out)
}

pub fn file_url(path: &Path) -> Result<String, String> {
    let abs = path
        .canonicalize()
        .map_err(|e| format!("cannot resolve {}: {e}", path.display()))?;
    let s = abs
        .to_str()
        .ok_or_else(|| format!("{} is not UTF-8", abs.display()))?;
    let mut url = String::from("file://");
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    Ok(url)
}

// ---- helpers ------------------------------------------------------------

/// JS snippet defining `find(sel)`, which throws a clear error on no match.
const FIND: &str = "const find = (s) => { const e = document.querySelector(s); \
if (!e) throw new Error('no element matches selector ' + s); return e; };";

/// JS snippet (needs `el`) counting `input` events that reach `el`.
const COUNT_INPUTS: &str = "if (el.__gazetteInputs === undefined) { el.__gazetteInputs = 0; \
el.addEventListener('input', () => { el.__gazetteInputs++; }, true); }";

fn find_chromium() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(format!(
                "$CHROMIUM points to {}, which does not exist; {INSTALL_HINT}",
                p.display()
            ))
        };
    }
    let on_path = std::env::var_os("PATH")
        .map(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join("chromium"))
                .find(|p| p.is_file())
        })
        .unwrap_or_default();
    let fallback = PathBuf::from("/usr/bin/chromium");
    on_path
        .or_else(|| fallback.is_file().then_some(fallback))
        .ok_or_else(|| {
            format!("no chromium found (not on PATH, no /usr/bin/chromium); {INSTALL_HINT}")
        })
}

/// Reads the DevTools URL from Chromium's stderr and opens the websocket.
fn connect(
    child: &mut Child,
    tail: &Arc<Mutex<VecDeque<String>>>,
) -> Result<WebSocket<TcpStream>, String> {
    let stderr = child
        .stderr
        .take()
        .ok_or("Chromium's stderr was not captured")?;
    let (tx, rx) = mpsc::channel::<String>();
    let tail_writer = Arc::clone(tail);
    // Drains stderr for Chromium's whole life so it never blocks on a full pipe.
    thread::spawn(move || {
        let mut reader = BufReader::new(stderr);
        let mut buf = Vec::new();
        let mut announced = false;
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            let line = String::from_utf8_lossy(&buf).trim_end().to_string();
            if !announced && line.contains("DevTools listening on ") {
                announced = true;
                let _ = tx.send(line.clone());
            }
            if let Ok(mut t) = tail_writer.lock() {
                if t.len() >= STDERR_TAIL {
                    t.pop_front();
                }
                t.push_back(line);
            }
        }
    });

    let line = match rx.recv_timeout(LAUNCH_TIMEOUT) {
        Ok(line) => line,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            return Err(format!(
                "Chromium printed no DevTools URL within {} s{}",
                LAUNCH_TIMEOUT.as_secs(),
                stderr_summary(tail)
            ))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // stderr closed: Chromium is gone. Give the tail thread a moment.
            let status = wait_briefly(child);
            return Err(format!(
                "Chromium exited before it was ready ({status}); {INSTALL_HINT}{}",
                stderr_summary(tail)
            ));
        }
    };
    let url = line
        .split("DevTools listening on ")
        .nth(1)
        .unwrap_or_default()
        .trim()
        .to_string();
    let port: u16 = url
        .strip_prefix("ws://127.0.0.1:")
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| format!("unexpected DevTools URL (want ws://127.0.0.1:PORT/...): {url}"))?;

    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(10))
        .map_err(|e| format!("cannot connect to DevTools at {addr}: {e}"))?;
    let setup = |s: &TcpStream, read: Duration| -> std::io::Result<()> {
        s.set_read_timeout(Some(read))?;
        s.set_write_timeout(Some(Duration::from_secs(10)))?;
        s.set_nodelay(true)
    };
    setup(&stream, Duration::from_secs(10))
        .map_err(|e| format!("cannot configure the DevTools socket: {e}"))?;
    let (ws, _) = tungstenite::client(url.as_str(), stream)
        .map_err(|e| format!("DevTools websocket handshake with {url} failed: {e}"))?;
    setup(ws.get_ref(), READ_SLICE)
        .map_err(|e| format!("cannot configure the DevTools socket: {e}"))?;
    Ok(ws)
}

fn wait_briefly(child: &mut Child) -> String {
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline {
        match child.try_wait() {
            Ok(Some(status)) => return status.to_string(),
            Ok(None) => thread::sleep(Duration::from_millis(20)),
            Err(e) => return format!("status unknown: {e}"),
        }
    }
    "still running".to_string()
}

/// Kills Chromium and every helper process in its process group, then reaps it.
fn kill_tree(child: &mut Child) {
    #[cfg(target_os = "linux")]
    if let Ok(pgid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: plain syscall; the group is the one `process_group(0)` made
        // for this child, whose pid is not reused until we reap it below.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn stderr_summary(tail: &Arc<Mutex<VecDeque<String>>>) -> String {
    let lines: Vec<String> = tail
        .lock()
        .map(|t| {
            t.iter()
                .filter(|l| !l.contains("dbus") && !l.trim().is_empty())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    if lines.is_empty() {
        String::new()
    } else {
        format!("\nChromium stderr (last lines):\n  {}", lines.join("\n  "))
    }
}

fn check_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if ["file://", "about:", "data:"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Ok(());
    }
    let rest = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
        .unwrap_or_default();
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host_port.split(':').next().unwrap_or_default();
    if !rest.is_empty() && (host == "127.0.0.1" || host == "localhost") {
        return Ok(());
    }
    Err(format!(
        "goto: refusing {url}; only file://, about:, data: and http://127.0.0.1 URLs are allowed"
    ))
}

fn method_of(event: &Value) -> Option<&str> {
    event.get("method").and_then(Value::as_str)
}

fn str_field(v: &Value, key: &str, method: &str) -> Result<String, String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| format!("{method}: no {key} in reply {v}"))
}

/// A JS string literal for `s`.
fn js_str(s: &str) -> String {
    Value::from(s).to_string()
}

fn exception_text(details: &Value) -> String {
    let exception = &details["exception"];
    if let Some(d) = exception["description"].as_str() {
        // "Error: message\n    at ..." -- the first line says it all.
        return d.lines().next().unwrap_or(d).to_string();
    }
    if !exception["value"].is_null() {
        return format!("uncaught {}", exception["value"]);
    }
    details["text"]
        .as_str()
        .unwrap_or("unknown exception")
        .to_string()
}

fn abbreviate(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
