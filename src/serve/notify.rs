//! Change notifications (Linux inotify) that wake the watcher the moment
//! something under the site changes, instead of at its next poll. They
//! only wake it: what changed is still decided by the fingerprint, so the
//! ignored editor files and the unwalked `photos/` folders stay as polling
//! sees them. inotify is called through `libc` (already a dependency)
//! rather than a crate. Elsewhere, or when inotify is unavailable (no
//! watches left), [`Notify::new`] gives `None` and the watcher polls.

use std::path::Path;
use std::time::Duration;

/// An inotify instance watching the site root, `content/` and `templates/`
/// with every folder under them.
#[cfg(target_os = "linux")]
pub struct Notify {
    fd: std::os::fd::OwnedFd,
}

#[cfg(target_os = "linux")]
impl Notify {
    const MASK: u32 = libc::IN_MODIFY
        | libc::IN_CLOSE_WRITE
        | libc::IN_ATTRIB
        | libc::IN_CREATE
        | libc::IN_DELETE
        | libc::IN_MOVED_FROM
        | libc::IN_MOVED_TO
        | libc::IN_DELETE_SELF
        | libc::IN_MOVE_SELF;

    pub fn new(root: &Path) -> Option<Notify> {
        use std::os::fd::FromRawFd;
        // SAFETY: a plain system call; a non-negative result is a new
        // descriptor that nothing else owns.
        let fd = unsafe { libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC) };
        if fd < 0 {
            return None;
        }
        // SAFETY: `fd` was just opened and is owned here alone.
        let n = Notify {
            fd: unsafe { std::os::fd::OwnedFd::from_raw_fd(fd) },
        };
        n.add(root).then_some(())?;
        n.add_folders(root);
        Some(n)
    }

    /// Watch `dir` (its entries, not below). Watching a folder twice is
    /// harmless: the kernel keeps one watch.
    fn add(&self, dir: &Path) -> bool {
        use std::os::fd::AsRawFd;
        use std::os::unix::ffi::OsStrExt;
        let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: `c` is a NUL-terminated path that outlives the call.
        unsafe { libc::inotify_add_watch(self.fd.as_raw_fd(), c.as_ptr(), Self::MASK) >= 0 }
    }

    /// Watch every folder the fingerprint walks (a `photos/` folder itself
    /// but nothing in it), including folders made since the last call.
    pub fn add_folders(&self, root: &Path) {
        for dir in ["content", "templates"] {
            super::watch::walk(&root.join(dir), |e| {
                if e.file_type().is_dir() {
                    self.add(e.path());
                }
            });
        }
    }

    /// Wait up to `timeout` for changes; true if any came. Every pending
    /// event is read, so the next wait starts afresh.
    pub fn wait(&self, timeout: Duration) -> bool {
        use std::os::fd::AsRawFd;
        let mut pfd = libc::pollfd {
            fd: self.fd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd, for the duration of the call.
        let ready = unsafe { libc::poll(&mut pfd, 1, ms) };
        if ready <= 0 {
            return false;
        }
        let mut buf = [0u8; 4096];
        let mut any = false;
        loop {
            // SAFETY: reads at most `buf.len()` bytes into `buf`.
            let n = unsafe { libc::read(pfd.fd, buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                return any;
            }
            any = true;
        }
    }
}

/// Without inotify the watcher polls.
#[cfg(not(target_os = "linux"))]
pub struct Notify;

#[cfg(not(target_os = "linux"))]
impl Notify {
    pub fn new(_root: &Path) -> Option<Notify> {
        None
    }
    pub fn add_folders(&self, _root: &Path) {}
    pub fn wait(&self, timeout: Duration) -> bool {
        std::thread::sleep(timeout);
        false
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn saves_wake_it_in_folders_made_after_it_started() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        let n = Notify::new(root).expect("inotify");
        let quiet = Duration::from_millis(30);
        let soon = Duration::from_secs(5);
        assert!(!n.wait(quiet), "woke with nothing changed");
        std::fs::create_dir_all(root.join("content/2024")).unwrap();
        assert!(n.wait(soon), "a new year folder");
        n.add_folders(root);
        while n.wait(quiet) {}
        std::fs::write(root.join("content/2024/schedule.yaml"), "a").unwrap();
        assert!(n.wait(soon), "a save in the new folder");
        while n.wait(quiet) {}
        std::fs::create_dir_all(root.join("templates")).unwrap();
        assert!(n.wait(soon), "templates/ made in the root");
        std::fs::write(root.join("gazette.yaml"), "a").unwrap();
        assert!(n.wait(soon), "gazette.yaml saved");
    }
}
