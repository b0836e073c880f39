//! The receipt key file, through the real binary: a key file other users
//! may read is warned about, a trivially weak key is refused.

use crate::common::*;
use std::path::Path;
use std::process::Output;

/// `gazette build --only html` with the key taken from `home` only.
fn build_with_home(site: &Path, home: &Path, env_key: Option<&str>) -> Output {
    let mut c = crate::common::english(env!("CARGO_BIN_EXE_gazette"));
    c.args(["build", "--only", "html"])
        .current_dir(site)
        .env_remove("GAZETTE_RECEIPT_KEY")
        .env("XDG_CONFIG_HOME", home);
    if let Some(k) = env_key {
        c.env("GAZETTE_RECEIPT_KEY", k);
    }
    c.output().unwrap()
}

fn key_file(home: &Path, hex: &str, mode: u32) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = home.join("gazette/receipt-key");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, format!("{hex}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path
}

#[test]
fn a_key_file_others_can_read_is_warned_about() {
    let site = example_2024_site();
    let home = tempfile::tempdir().unwrap();
    let path = key_file(home.path(), TEST_KEY, 0o644);
    let out = build_with_home(site.path(), home.path(), None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!("the receipt key file `{}`", path.display()))
            && err.contains("readable or writable by other users"),
        "{err}"
    );
    assert!(
        err.contains(&format!("chmod 600 {}", path.display())),
        "{err}"
    );
    // With mode 0600, nothing is said.
    key_file(home.path(), TEST_KEY, 0o600);
    let out = build_with_home(site.path(), home.path(), None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("other users"), "{err}");
}

#[test]
fn a_trivially_weak_key_is_refused() {
    let site = example_2024_site();
    let home = tempfile::tempdir().unwrap();
    for hex in ["0".repeat(64), "ff".repeat(32)] {
        key_file(home.path(), &hex, 0o600);
        let out = build_with_home(site.path(), home.path(), None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("trivially weak receipt key"), "{err}");
        assert!(err.contains("receipt-key"), "{err}");
        assert!(
            !site.path().join("output").exists(),
            "something was written"
        );
    }
    // Also from the environment, and for verify.
    let zero = "0".repeat(64);
    let out = build_with_home(site.path(), home.path(), Some(&zero));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("GAZETTE_RECEIPT_KEY holds a trivially weak"),
        "{err}"
    );
    let out = crate::common::english(env!("CARGO_BIN_EXE_gazette"))
        .args([
            "verify",
            "AAAA-AAAA-AAAA-AAAA-AAAA",
            "--id",
            "430102200412120100",
        ])
        .current_dir(site.path())
        .env("GAZETTE_RECEIPT_KEY", &zero)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("trivially weak"));
}
