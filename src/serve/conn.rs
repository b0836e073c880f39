//! The connections of the preview server: one request per connection, read
//! with hard limits, answered only for the names the server was bound to.
//!
//! - A request head over [`MAX_HEAD`] bytes (or a request line over
//!   [`MAX_LINE`]) is cut off with 431 (414) after reading only that much,
//!   so a client cannot make the server buffer what it sends.
//! - The `Host` header must name the bound address or a localhost name, with
//!   the server's port: a page on another site whose name was re-pointed at
//!   127.0.0.1 (DNS rebinding) gets 421 and never reads the preview.
//! - Connections and long-polls are counted apart: long-polls beyond
//!   [`MAX_POLLS`] get 503 at once, so held polls never starve page requests.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::http::{self, Reply};
use super::State;

/// The request line and all headers together.
pub const MAX_HEAD: usize = 16 * 1024;
/// The request line alone.
pub const MAX_LINE: usize = 8 * 1024;
/// Connections served at once (each holds a thread); beyond it, 503.
const MAX_CONNECTIONS: usize = 256;
/// Long-polls held at once (one per open page); beyond it, 503.
pub const MAX_POLLS: usize = 64;
/// A client that does not finish its head by then is dropped.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// What a request asks: method, target, and its `Host` header.
#[derive(Debug, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    pub target: String,
    pub host: Option<String>,
}

/// Read one request head, never more than [`MAX_HEAD`] bytes of it.
/// `Err(status)` answers a head that is too large or malformed; `Err(0)`
/// means the client went away.
pub fn read_head(r: &mut impl BufRead) -> Result<Head, u16> {
    let mut used = 0;
    let mut line = Vec::new();
    let mut next = |limit: usize, line: &mut Vec<u8>| -> Result<(), u16> {
        line.clear();
        let room = (MAX_HEAD - used).min(limit) as u64;
        let n = r
            .by_ref()
            .take(room + 1)
            .read_until(b'\n', line)
            .map_err(|_| 0u16)?;
        used += n;
        if n as u64 > room {
            return Err(if limit == MAX_LINE { 414 } else { 431 });
        }
        if !line.ends_with(b"\n") {
            return Err(0);
        }
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        Ok(())
    };
    next(MAX_LINE, &mut line)?;
    let text = std::str::from_utf8(&line).map_err(|_| 400u16)?;
    let mut parts = text.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Err(400);
    }
    let mut head = Head {
        method: method.to_string(),
        target: target.to_string(),
        host: None,
    };
    loop {
        next(MAX_HEAD, &mut line)?;
        if line.is_empty() {
            return Ok(head);
        }
        let text = String::from_utf8_lossy(&line);
        let Some((name, value)) = text.split_once(':') else {
            return Err(400);
        };
        if name.eq_ignore_ascii_case("host") {
            if head.host.is_some() {
                return Err(400);
            }
            head.host = Some(value.trim().to_string());
        }
    }
}

/// Is `host` (a `Host` header) a name this server answers for? The bound
/// address, `localhost` or a loopback address, with the server's port or
/// none; any address literal when bound to all interfaces (an address in
/// the URL cannot be re-pointed the way a name can).
pub fn host_allowed(host: &str, bound: SocketAddr) -> bool {
    let host = host.to_ascii_lowercase();
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((ip, "")) => (ip, None),
            Some((ip, p)) => match p.strip_prefix(':') {
                Some(p) => (ip, Some(p)),
                None => return false,
            },
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (host.as_str(), None),
        },
    };
    if port.is_some_and(|p| p.parse::<u16>() != Ok(bound.port())) {
        return false;
    }
    if name == "localhost" {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == bound.ip() || bound.ip().is_unspecified(),
        Err(_) => false,
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Write a whole response and close: every response says `Connection: close`.
fn send(mut stream: &TcpStream, reply: &Reply, with_body: bool) {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len()
    );
    if let Some(l) = &reply.location {
        head.push_str(&format!("Location: {l}\r\n"));
    }
    match reply.status {
        405 => head.push_str("Allow: GET, HEAD\r\n"),
        503 => head.push_str("Retry-After: 1\r\n"),
        _ => {}
    }
    head.push_str("\r\n");
    // The client may have gone away (a page reloaded mid-poll): nothing to do.
    let _ = stream.write_all(head.as_bytes());
    if with_body {
        let _ = stream.write_all(&reply.body);
    }
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

/// Has the client closed its side (checked without blocking)?
pub fn peer_gone(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let gone = match stream.peek(&mut [0u8; 1]) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
    };
    let _ = stream.set_nonblocking(false);
    gone
}

/// Counts a connection or a poll in and out, even if its thread panics.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(count: &Arc<AtomicUsize>, max: usize) -> Option<Slot> {
        if count.fetch_add(1, Ordering::SeqCst) >= max {
            count.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Slot(count.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn busy() -> Reply {
    Reply::text(503, "busy\n")
}

fn handle(stream: TcpStream, state: &State, bound: SocketAddr, polls: &Arc<AtomicUsize>) {
    let _ = stream.set_read_timeout(Some(HEAD_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let mut reader = BufReader::with_capacity(4096, &stream);
    let head = match read_head(&mut reader) {
        Ok(h) => h,
        Err(0) => return,
        Err(status) => {
            let why = match status {
                431 => "the request head is too large\n",
                414 => "the request line is too long\n",
                _ => "bad request\n",
            };
            return send(&stream, &Reply::text(status, why), true);
        }
    };
    let with_body = head.method != "HEAD";
    let get = matches!(head.method.as_str(), "GET" | "HEAD");
    if !head.host.as_deref().is_some_and(|h| host_allowed(h, bound)) {
        let reply = Reply::text(421, "this preview answers only for its own address\n");
        return send(&stream, &reply, with_body);
    }
    let reply = if get && http::is_long_poll(&head.target) {
        let Some(_slot) = Slot::take(polls, MAX_POLLS) else {
            return send(&stream, &busy(), with_body);
        };
        match http::long_poll(&head.target, state, || peer_gone(&stream)) {
            Some(r) => r,
            None => return,
        }
    } else {
        http::route(get, &head.target, state)
    };
    send(&stream, &reply, with_body);
}

/// Accept connections until the process is stopped.
pub fn serve(listener: &TcpListener, state: &Arc<State>, bound: SocketAddr) {
    let conns = Arc::new(AtomicUsize::new(0));
    let polls = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let Some(slot) = Slot::take(&conns, MAX_CONNECTIONS) else {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            send(&stream, &busy(), true);
            continue;
        };
        let (state, polls) = (state.clone(), polls.clone());
        // A failed spawn drops the connection (closing it) and the slot.
        let _ = std::thread::Builder::new()
            .name("gazette-http".into())
            .spawn(move || {
                let _slot = slot;
                handle(stream, &state, bound, &polls);
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(bytes: &[u8]) -> Result<Head, u16> {
        read_head(&mut std::io::Cursor::new(bytes))
    }

    #[test]
    fn heads_are_read_within_limits() {
        let h = head(b"GET /a?b HTTP/1.1\r\nHost: localhost:8024\r\nX: y\r\n\r\n").unwrap();
        assert_eq!(
            (h.method.as_str(), h.target.as_str(), h.host.as_deref()),
            ("GET", "/a?b", Some("localhost:8024"))
        );
        let big = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(head(big.as_bytes()), Err(431));
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_LINE));
        assert_eq!(head(long.as_bytes()), Err(414));
        assert_eq!(
            head(b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
            Err(400)
        );
        assert_eq!(head(b"GET /\r\n\r\n"), Err(400));
        assert_eq!(head(b"GET / HTTP/1.1\r\nHost: a"), Err(0));
    }

    #[test]
    fn only_the_bound_and_localhost_names_are_answered() {
        let local: SocketAddr = "127.0.0.1:8024".parse().unwrap();
        for ok in [
            "127.0.0.1:8024",
            "localhost:8024",
            "LOCALHOST:8024",
            "[::1]:8024",
            "localhost",
        ] {
            assert!(host_allowed(ok, local), "{ok}");
        }
        for bad in [
            "evil.example:8024",
            "localhost:8025",
            "127.0.0.1.nip.io:8024",
            "10.0.0.5:8024",
            "[::1]x",
            "",
        ] {
            assert!(!host_allowed(bad, local), "{bad}");
        }
        let all: SocketAddr = "0.0.0.0:8024".parse().unwrap();
        assert!(host_allowed("192.168.1.20:8024", all));
        assert!(!host_allowed("preview.example:8024", all));
    }
}
