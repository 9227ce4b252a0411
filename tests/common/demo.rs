//! The gwr binary on the embedded demo corpus with a data folder of the test's own, for
//! the command-line tests. (Each test binary uses part of it.)
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// `gwr --demo --data-dir DATA`, to which a test adds its arguments.
pub fn gwr(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gwr"));
    c.args(["--demo", "--data-dir"]).arg(data);
    c
}

/// Runs `gwr … ARGS`: the exit code, standard output and standard error.
pub fn run(data: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = gwr(data).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `gwr … ARGS`, which must succeed, and reads its standard output as JSON.
pub fn json(data: &Path, args: &[&str]) -> Value {
    let out = gwr(data).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "gwr {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
