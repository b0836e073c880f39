//! Watching the site: the names, sizes and modification times of
//! gazette.yaml, content/ and templates/ make a fingerprint, taken when
//! inotify says something changed (at once), and every 500 ms besides for
//! file systems that send no notifications (network folders); without
//! inotify, every 25 ms. A few hundred small files cost well under a
//! millisecond to stat, and the fingerprint behaves the same on every file
//! system and editor (atomic renames), so it alone decides what changed.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::mpsc::Sender;
use std::time::{Duration, UNIX_EPOCH};

use super::notify::Notify;
use super::Builder;

/// How often the tree is stamped without notifications.
const POLL: Duration = Duration::from_millis(25);
/// With notifications: the stamp for changes the kernel does not report.
const BACKSTOP: Duration = Duration::from_millis(500);
/// An editor's save is often several writes, a few milliseconds apart:
/// wait until the tree is quiet. Polling can only look again later; with
/// notifications, quiet is a span without any.
const SETTLE: Duration = Duration::from_millis(15);
const QUIET: Duration = Duration::from_millis(4);

/// Editor droppings that are not the content: swap, backup and lock files.
fn ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913" // vim's probe file
}

/// A year's `photos/` folder. Serve makes no form, so what a photo holds
/// shows nowhere; which photos there are does (a warning names photos of no
/// candidate), and adding, removing or renaming one changes the folder's own
/// time. So the folder is stamped and not walked: a national list's 100,000
/// photos would make every poll slow.
fn is_photos(e: &walkdir::DirEntry) -> bool {
    e.depth() == 2 && e.file_type().is_dir() && e.file_name() == "photos"
}

/// Visit what a build may read under `dir`, in name order: every file and
/// folder except editor droppings, and a `photos/` folder but nothing in it.
pub(super) fn walk(dir: &Path, mut visit: impl FnMut(&walkdir::DirEntry)) {
    let mut walk = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !ignored(&e.file_name().to_string_lossy()));
    while let Some(e) = walk.next() {
        // Unreadable entries are the build's to report; skip them here.
        let Ok(e) = e else { continue };
        visit(&e);
        if is_photos(&e) {
            walk.skip_current_dir();
        }
    }
}

/// A hash of what a build reads: changes whenever a watched file is added,
/// removed, resized or touched.
pub fn fingerprint(root: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    let config = root.join("gazette.yaml");
    stamp(&config, &mut h);
    for dir in ["content", "templates"] {
        walk(&root.join(dir), |e| {
            if is_photos(e) || e.file_type().is_file() {
                stamp(e.path(), &mut h);
            }
        });
    }
    h.finish()
}

fn stamp(path: &Path, h: &mut DefaultHasher) {
    path.hash(h);
    if let Ok(m) = std::fs::metadata(path) {
        m.len().hash(h);
        let t = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok());
        t.hash(h);
    }
}

/// Rebuild whenever the fingerprint changes, after it has settled.
/// The web pages are built here; the PDFs are handed to the worker on `pdf`.
pub(super) fn watch(builder: &Builder, mut seen: u64, pdf: &Sender<u64>) {
    let notify = Notify::new(&builder.root);
    loop {
        match &notify {
            Some(n) => drop(n.wait(BACKSTOP)),
            None => std::thread::sleep(POLL),
        }
        let now = fingerprint(&builder.root);
        if now == seen {
            continue;
        }
        // Taken before the build: an edit during it triggers the next one.
        seen = settle(&builder.root, notify.as_ref(), now);
        if let Some(seq) = builder.pages() {
            // The worker only stops with the process.
            let _ = pdf.send(seq);
        }
    }
}

/// The fingerprint once the tree is quiet, starting from `now`.
fn settle(root: &Path, notify: Option<&Notify>, mut now: u64) -> u64 {
    loop {
        match notify {
            Some(n) => {
                // Folders made by this change are watched from now on.
                n.add_folders(root);
                while n.wait(QUIET) {}
            }
            None => std::thread::sleep(SETTLE),
        }
        let again = fingerprint(root);
        if again == now {
            return now;
        }
        now = again;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_sees_edits_but_not_editor_files() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("content/2024")).unwrap();
        std::fs::write(root.join("gazette.yaml"), "a").unwrap();
        std::fs::write(root.join("content/2024/notice.yaml"), "a").unwrap();
        let a = fingerprint(root);
        std::fs::write(root.join("content/2024/.notice.yaml.swp"), "x").unwrap();
        std::fs::write(root.join("content/2024/notice.yaml~"), "x").unwrap();
        assert_eq!(a, fingerprint(root));
        std::fs::write(root.join("content/2024/notice.yaml"), "ab").unwrap();
        assert_ne!(a, fingerprint(root));
        let b = fingerprint(root);
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::write(root.join("templates/base.html"), "x").unwrap();
        assert_ne!(b, fingerprint(root));
        std::fs::create_dir_all(root.join("content/2024/photos")).unwrap();
        std::fs::write(root.join("content/2024/photos/x.jpg"), "x").unwrap();
        let c = fingerprint(root);
        // A photo rewritten in place is not looked at; one added is seen by
        // the folder's time (set here, as a file system's clock may be coarse).
        std::fs::write(root.join("content/2024/photos/x.jpg"), "xy").unwrap();
        assert_eq!(c, fingerprint(root));
        std::fs::write(root.join("content/2024/photos/y.jpg"), "y").unwrap();
        let later = std::time::SystemTime::now() + Duration::from_secs(5);
        std::fs::File::open(root.join("content/2024/photos"))
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert_ne!(c, fingerprint(root));
    }
}
