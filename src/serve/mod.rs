//! `gazette serve`: a preview server. The site is built in memory, served
//! from that map only (nothing on disk is reachable through it), rebuilt
//! when content/, templates/ or gazette.yaml change, and the open pages
//! reload by themselves. A failed build keeps the last good files and shows
//! the diagnostics over every page until the next good build.

mod conn;
mod http;
mod notify;
mod page;
mod watch;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::diag::Diagnostics;
use crate::render::OutputFile;
use crate::Outputs;

/// How long a PDF build waits after the web pages of the same edit.
const PDF_GRACE: Duration = Duration::from_millis(200);

/// One served file and the hash of its bytes (which the reload script compares).
pub struct Entry {
    pub bytes: Arc<[u8]>,
    pub hash: u64,
}

/// One build's files, or the last good ones with the error of a failed build.
#[derive(Default)]
pub struct Snapshot {
    /// Keyed by the output path with `/` separators, e.g. `2024/notice.html`.
    pub files: HashMap<String, Arc<Entry>>,
    /// The diagnostics of the last build when it failed, as `gazette check` prints them.
    pub error: Option<String>,
}

impl Snapshot {
    /// What a page showing `path` depends on: its bytes and the error shown
    /// over it. A page reloads when this changes, and only then.
    pub fn tag(&self, path: &str) -> String {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.files.get(path).map(|e| e.hash).hash(&mut h);
        self.error.hash(&mut h);
        format!("{:016x}", h.finish())
    }
}

/// The current snapshot, swapped whole by the builder; requests wait on
/// `changed` for the long-poll.
#[derive(Default)]
pub struct State {
    current: Mutex<Arc<Snapshot>>,
    changed: Condvar,
}

impl State {
    pub fn snapshot(&self) -> Arc<Snapshot> {
        // A panicked holder cannot leave a half-written Arc: keep serving.
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn publish(&self, snap: Snapshot) {
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = Arc::new(snap);
        self.changed.notify_all();
    }

    /// Block until the tag of `path` differs from `tag`, or `timeout` passes;
    /// returns the tag then current.
    pub fn wait_change(&self, path: &str, tag: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let mut guard = self.current.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let now = guard.tag(path);
            let left = deadline.saturating_duration_since(Instant::now());
            if now != tag || left.is_zero() {
                return now;
            }
            guard = match self.changed.wait_timeout(guard, left) {
                Ok((g, _)) => g,
                Err(e) => e.into_inner().0,
            };
        }
    }
}

/// What the builder reports, for the command to print.
pub enum Event {
    /// A build succeeded: which outputs, how many files, how long.
    Built {
        what: String,
        files: usize,
        took: Duration,
    },
    /// Warnings of a good build, when they differ from the last ones reported.
    Warnings(Diagnostics),
    /// A build failed; the last good files are still served.
    Failed(Diagnostics),
}

pub type Log = Arc<dyn Fn(Event) + Send + Sync>;

fn to_map(files: Vec<OutputFile>) -> HashMap<String, Arc<Entry>> {
    files
        .into_iter()
        .map(|f| {
            let key = f
                .path
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let mut h = std::collections::hash_map::DefaultHasher::new();
            f.bytes.hash(&mut h);
            let entry = Entry {
                hash: h.finish(),
                bytes: f.bytes.into(),
            };
            (key, Arc::new(entry))
        })
        .collect()
}

/// Builds the site into the shared state: web pages first (a tenth of a
/// second) so an edit shows at once, then, on a worker thread, everything
/// with the PDFs (seconds), so the watcher sees the next edit meanwhile.
/// Each edit bumps `latest`; a PDF build that an edit overtook is dropped,
/// so older files never replace newer ones.
struct Builder {
    root: PathBuf,
    state: Arc<State>,
    log: Log,
    latest: Mutex<u64>,
    last_warnings: Mutex<Option<String>>,
}

impl Builder {
    fn new(root: &Path, state: Arc<State>, log: Log) -> Builder {
        Builder {
            root: root.to_path_buf(),
            state,
            log,
            latest: Mutex::new(0),
            last_warnings: Mutex::new(None),
        }
    }

    fn latest(&self) -> std::sync::MutexGuard<'_, u64> {
        self.latest.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keep the last good files and show the errors over them.
    fn publish_error(&self, diags: &Diagnostics) {
        let old = self.state.snapshot();
        self.state.publish(Snapshot {
            files: old.files.clone(),
            error: Some(diags.to_string()),
        });
    }

    /// Build the web pages; `Some(seq)` when the PDFs should follow.
    fn pages(&self) -> Option<u64> {
        let seq = {
            let mut l = self.latest();
            *l += 1;
            *l
        };
        let started = Instant::now();
        let pages = Outputs {
            html: true,
            pdf: false,
        };
        let result = crate::render_selected(&self.root, pages);
        // Held while publishing, so a PDF build cannot slip in between.
        let _l = self.latest();
        match result {
            Err(d) => {
                self.publish_error(&d);
                (self.log)(Event::Failed(d));
                None
            }
            Ok(r) => {
                // The old PDFs, Word and OFD files stay until the new ones are ready.
                let mut files = to_map(r.files);
                let n = files.len();
                for (k, v) in &self.state.snapshot().files {
                    let print = k.ends_with(".pdf") || k.ends_with(".docx") || k.ends_with(".ofd");
                    if print && !files.contains_key(k) {
                        files.insert(k.clone(), v.clone());
                    }
                }
                self.state.publish(Snapshot { files, error: None });
                (self.log)(Event::Built {
                    what: crate::t!("serve-what-pages"),
                    files: n,
                    took: started.elapsed(),
                });
                Some(seq)
            }
        }
    }

    /// Build everything for edit `seq`; dropped if a later edit came meanwhile.
    fn full(&self, seq: u64) {
        if *self.latest() != seq {
            return;
        }
        let started = Instant::now();
        let result = crate::render_selected(&self.root, Outputs::ALL);
        let latest = self.latest();
        if *latest != seq {
            return;
        }
        match result {
            Err(d) => {
                self.publish_error(&d);
                drop(latest);
                (self.log)(Event::Failed(d));
            }
            Ok(r) => {
                let files = to_map(r.files);
                let n = files.len();
                self.state.publish(Snapshot { files, error: None });
                drop(latest);
                (self.log)(Event::Built {
                    what: crate::t!("serve-what-pages-and-pdfs"),
                    files: n,
                    took: started.elapsed(),
                });
                let text = r.warnings.to_string();
                let mut last = self.last_warnings.lock().unwrap_or_else(|e| e.into_inner());
                if last.as_deref() != Some(text.as_str()) {
                    *last = Some(text);
                    if !r.warnings.is_empty() {
                        (self.log)(Event::Warnings(r.warnings));
                    }
                }
            }
        }
    }

    /// Run the PDF builds asked for on `rx`, only the newest of a queue.
    /// Each waits [`PDF_GRACE`] first: the PDF build takes both cores, and
    /// the open pages' reload (and the next keystrokes' saves) go first.
    fn pdf_worker(&self, rx: std::sync::mpsc::Receiver<u64>) {
        while let Ok(mut seq) = rx.recv() {
            std::thread::sleep(PDF_GRACE);
            while let Ok(newer) = rx.try_recv() {
                seq = newer;
            }
            self.full(seq);
        }
    }
}

/// A bound preview server with its first build done.
pub struct Server {
    listener: std::net::TcpListener,
    state: Arc<State>,
    addr: SocketAddr,
}

impl Server {
    /// Bind `addr` (port 0: any free port), build the site once, and start
    /// watching it. Fails only when there is no site or the port is taken;
    /// content errors are shown in the pages instead.
    pub fn start(root: &Path, addr: SocketAddr, log: Log) -> Result<Server, Diagnostics> {
        if !root.join("gazette.yaml").is_file() {
            return Err(crate::diag!(
                Error,
                "no-site",
                file = crate::load::CONFIG_FILE,
                folder = root
            )
            .io()
            .into());
        }
        let listener = std::net::TcpListener::bind(addr).map_err(|e| {
            crate::diag!(Error, "serve-cannot-listen", address = addr.to_string())
                .cause(e)
                .io()
        })?;
        let addr = listener.local_addr().unwrap_or(addr);
        let state = Arc::new(State::default());
        let builder = Arc::new(Builder::new(root, state.clone(), log));
        // Taken before the first build, so an edit made during it is seen.
        let seen = watch::fingerprint(root);
        // The first build whole, so the first pages already link the PDFs.
        if let Some(seq) = builder.pages() {
            builder.full(seq);
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let spawn = |name: &str, f: Box<dyn FnOnce() + Send>| {
            std::thread::Builder::new()
                .name(name.into())
                .spawn(f)
                .map(drop)
                .map_err(|e| crate::diag!(Error, "serve-no-thread").cause(e).io())
        };
        let b = builder.clone();
        spawn("gazette-pdf", Box::new(move || b.pdf_worker(rx)))?;
        spawn(
            "gazette-watch",
            Box::new(move || watch::watch(&builder, seen, &tx)),
        )?;
        Ok(Server {
            listener,
            state,
            addr,
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Serve until the process is stopped.
    pub fn run(self) {
        conn::serve(&self.listener, &self.state, self.addr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_changes_with_the_file_or_the_error_only() {
        let mut s = Snapshot::default();
        s.files.insert(
            "a.html".into(),
            Arc::new(Entry {
                bytes: Arc::from(&b"x"[..]),
                hash: 1,
            }),
        );
        let a = s.tag("a.html");
        assert_eq!(a, s.tag("a.html"));
        assert_ne!(a, s.tag("b.html"));
        s.error = Some("error".into());
        assert_ne!(a, s.tag("a.html"));
    }

    #[test]
    fn wait_returns_at_once_when_the_tag_differs() {
        let st = State::default();
        let t = st.wait_change("a.html", "nope", Duration::from_secs(5));
        assert_eq!(t, st.snapshot().tag("a.html"));
        let same = st.wait_change("a.html", &t, Duration::from_millis(20));
        assert_eq!(same, t);
    }
}
