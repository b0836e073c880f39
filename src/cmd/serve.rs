use std::net::SocketAddr;
use std::path::Path;
use std::process::{ExitCode, Stdio};
use std::sync::Arc;

use super::{exit_code, report, Verbosity};
use gazette::cli::Format;
use gazette::serve::{Event, Server};

pub fn run(root: &Path, addr: SocketAddr, open: bool, verbosity: Verbosity) -> ExitCode {
    let log = Arc::new(move |e: Event| match e {
        Event::Built { what, files, took } => {
            if verbosity != Verbosity::Quiet {
                let seconds = format!("{:.2}", took.as_secs_f64());
                eprintln!(
                    "{}",
                    gazette::t!("serve-built", what = what, files = files, seconds = seconds)
                );
            }
        }
        Event::Warnings(w) => report(&w, Format::Human),
        Event::Failed(d) => {
            report(&d, Format::Human);
            eprintln!("{}", gazette::t!("serve-failed"));
        }
    });
    let server = match Server::start(root, addr, log) {
        Ok(s) => s,
        Err(d) => {
            report(&d, Format::Human);
            return exit_code(&d);
        }
    };
    let url = server.url();
    if !addr.ip().is_loopback() {
        eprintln!(
            "{}",
            gazette::t!("serve-open-to-network", address = addr.ip().to_string())
        );
    }
    // Printed even with --quiet: it is the one thing to know (tests read it).
    eprintln!("{}", gazette::t!("serve-serving", url = url.as_str()));
    if open {
        open_browser(&url);
    }
    server.run();
    ExitCode::SUCCESS
}

/// The system's way of opening a URL; failing to is only worth a line.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match spawned {
        // Reaped in the background so it leaves no zombie.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => eprintln!(
            "{}",
            gazette::t!(
                "serve-no-browser",
                program = program,
                error = e.to_string(),
                url = url
            )
        ),
    }
}
