//! `rust-version` in Cargo.toml is the true minimum: the highest
//! `rust-version` among the packages Cargo.lock pins (all platforms), read
//! from `cargo metadata`. Only one toolchain is installed where the project
//! is built, so the minimum cannot be tried by compiling; it is computed.

use crate::common::root;

/// `1.88`, `1.88.0` → (1, 88, 0).
fn version(v: &str) -> (u64, u64, u64) {
    let mut parts = v.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

#[test]
fn rust_version_is_the_highest_of_the_locked_packages() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let o = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let packages = meta["packages"].as_array().unwrap();
    let ours = packages
        .iter()
        .find(|p| p["name"] == "jixiao")
        .and_then(|p| p["rust_version"].as_str())
        .expect("Cargo.toml has a rust-version");
    let (needed, by) = packages
        .iter()
        .filter(|p| p["name"] != "jixiao")
        .filter_map(|p| {
            let v = p["rust_version"].as_str()?;
            Some((version(v), format!("{} {}", p["name"], p["version"])))
        })
        .max()
        .expect("some package states a rust-version");
    assert!(packages.len() > 100, "{} packages", packages.len());
    assert_eq!(
        version(ours),
        needed,
        "rust-version is {ours}; the locked packages need {}.{} ({by})",
        needed.0,
        needed.1
    );
}
