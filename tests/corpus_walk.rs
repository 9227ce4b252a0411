//! A corpus walk that never fails whole: a dangling link, a link loop, an unreadable file
//! and folder, a file removed between listing and reading, a named pipe with a report's
//! name, and names that are not UTF-8
//! are each listed with their reason, while the rest of the corpus opens (in
//! `corpus::load`, `gwr list`, `gwr list --json`, `gwr index`, `gwr search`), exit 0.
//!
//! Tests run as root in CI, where `chmod 000` does not stop reads. There the command-line
//! test runs gwr as the user `nobody` (through `setpriv`), for whom it does; the in-process
//! test checks an unreadable file as root with `/proc/self/mem`, which fails to read
//! (EIO) for everyone.

#![cfg(unix)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::fs::{PermissionsExt as _, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use gwr::corpus::{self, Corpus, Rejected};

/// 报告 in GBK: the bytes of a name copied off a Windows disk.
const GBK_NAME: &[u8] = b"\xb1\xa8\xb8\xe6.txt";
const GBK_FOLDER: &[u8] = b"\xc4\xea\xb6\xc8";

fn demo(rel: &str) -> Vec<u8> {
    Corpus::Demo.read(rel).unwrap().into_owned()
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Two good reports and one of each fault. Returns the corpus folder.
fn faulty_corpus(tmp: &Path) -> PathBuf {
    let dir = tmp.join("corpus");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), demo("reportData_2014.txt")).unwrap();
    std::fs::write(dir.join("sub/b.txt"), demo("reportData_2017.txt")).unwrap();
    symlink("nothere.txt", dir.join("dangling.txt")).unwrap();
    symlink("..", dir.join("sub/loop")).unwrap();
    symlink("/proc/self/mem", dir.join("mem.txt")).unwrap();
    std::fs::write(
        dir.join(OsStr::from_bytes(GBK_NAME)),
        demo("reportData_2016.txt"),
    )
    .unwrap();
    let gbk_dir = dir.join(OsStr::from_bytes(GBK_FOLDER));
    std::fs::create_dir(&gbk_dir).unwrap();
    std::fs::write(gbk_dir.join("c.txt"), demo("reportData_2016.txt")).unwrap();
    let fifo = Command::new("mkfifo").arg(dir.join("pipe.txt")).status();
    assert!(fifo.is_ok_and(|s| s.success()), "mkfifo");
    std::fs::create_dir(dir.join("locked")).unwrap();
    std::fs::write(dir.join("locked/d.txt"), demo("reportData_2019.txt")).unwrap();
    std::fs::write(dir.join("secret.txt"), demo("河北省_2021_report.txt")).unwrap();
    chmod(&dir.join("locked"), 0o000);
    chmod(&dir.join("secret.txt"), 0o000);
    dir
}

/// Whether this process reads files whatever their permissions (root).
fn reads_anything(dir: &Path) -> bool {
    std::fs::read(dir.join("secret.txt")).is_ok()
}

fn reason<'a>(rejected: &'a [Rejected], file: &str) -> &'a str {
    rejected
        .iter()
        .find(|r| r.file == file)
        .map_or_else(|| panic!("{file} not listed: {rejected:#?}"), |r| &r.reason)
}

/// The faults every user sees, with a word of each reason.
const FAULTS: &[(&str, &str)] = &[
    ("dangling.txt", "dangling symbolic link"),
    ("sub/loop", "symbolic link loop"),
    ("mem.txt", "cannot read"),
    ("pipe.txt", "not a regular file"),
    ("\\xB1\\xA8\\xB8\\xE6.txt", "not UTF-8 (as GBK: 报告.txt)"),
    (
        "\\xC4\\xEA\\xB6\\xC8",
        "folder name is not UTF-8 (as GBK: 年度)",
    ),
];

#[test]
fn load_lists_each_bad_entry_and_opens_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = faulty_corpus(tmp.path());
    let loaded = corpus::load(&Corpus::dir(&dir).unwrap(), |_, _| {}).unwrap();
    let files: Vec<&str> = loaded
        .reports
        .iter()
        .map(|r| r.meta.file.as_str())
        .collect();
    assert!(
        files.contains(&"a.txt") && files.contains(&"sub/b.txt"),
        "{files:?}"
    );
    for (file, why) in FAULTS {
        assert!(
            reason(&loaded.rejected, file).contains(why),
            "{file}: {loaded:#?}"
        );
    }
    assert!(reason(&loaded.rejected, "dangling.txt").contains("restore the target"));
    assert!(reason(&loaded.rejected, "\\xB1\\xA8\\xB8\\xE6.txt").contains("convmv"));
    if reads_anything(&dir) {
        eprintln!(
            "running as root: chmod 000 does not stop reads, so locked/ and secret.txt are \
             read here; cli_lists_each_bad_entry_and_exits_0 checks them as nobody"
        );
        assert!(files.contains(&"secret.txt") && files.contains(&"locked/d.txt"));
    } else {
        assert!(reason(&loaded.rejected, "locked").contains("make the folder readable"));
        assert!(reason(&loaded.rejected, "secret.txt").contains("make the file readable"));
        assert_eq!(files.len(), 2, "{files:?}");
    }
    chmod(&dir.join("locked"), 0o755);
}

#[test]
fn a_file_removed_between_listing_and_reading_is_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), demo("reportData_2014.txt")).unwrap();
    std::fs::write(dir.join("gone.txt"), demo("reportData_2017.txt")).unwrap();
    let corpus = Corpus::dir(&dir).unwrap();
    let listing = corpus.walk().unwrap();
    assert_eq!(listing.files.len(), 2);
    std::fs::remove_file(dir.join("gone.txt")).unwrap();
    let loaded = corpus::load_listed(&corpus, listing, |_, _| {}).unwrap();
    assert_eq!(loaded.reports.len(), 1);
    assert_eq!(loaded.reports[0].meta.file, "a.txt");
    let why = reason(&loaded.rejected, "gone.txt");
    assert!(
        why.contains("the file is gone") && why.contains("open the corpus again"),
        "{why}"
    );
}

/// Runs gwr on `dir`; as root, as the user nobody (so that permissions hold), when
/// `setpriv` can do that. Returns None when it cannot.
fn gwr_as_user(tmp: &Path, dir: &Path, args: &[&str]) -> Option<Output> {
    let data = tmp.join("data");
    let home = tmp.join("home");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    chmod(&data, 0o777);
    chmod(&home, 0o777);
    let config = home.join("config.toml");
    std::fs::write(&config, "").unwrap();
    chmod(&config, 0o644);
    let mut c = if reads_anything(dir) {
        // A copy of the binary where nobody can run it (the build folder may be private).
        let bin = tmp.join("gwr");
        if !bin.exists() {
            std::fs::copy(env!("CARGO_BIN_EXE_gwr"), &bin).unwrap();
            chmod(&bin, 0o755);
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_gwr"))
    };
    c.env("HOME", &home)
        .arg("--config")
        .arg(&config)
        .arg("--corpus")
        .arg(dir)
        .arg("--data-dir")
        .arg(&data)
        .args(args);
    let out = c.output().ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && text.contains("setpriv") {
        eprintln!("SKIPPED the unprivileged run: {text}");
        return None;
    }
    Some(out)
}

#[test]
fn cli_lists_each_bad_entry_and_exits_0() {
    let tmp = tempfile::tempdir().unwrap();
    chmod(tmp.path(), 0o755);
    let dir = faulty_corpus(tmp.path());
    for d in [dir.clone(), dir.join("sub")] {
        chmod(&d, 0o755);
    }
    for f in ["a.txt", "sub/b.txt"] {
        chmod(&dir.join(f), 0o644);
    }
    let Some(list) = gwr_as_user(tmp.path(), &dir, &["list"]) else {
        eprintln!("SKIPPED: gwr could not be run as an unprivileged user (setpriv)");
        return;
    };
    let stdout = String::from_utf8_lossy(&list.stdout);
    let stderr = String::from_utf8_lossy(&list.stderr);
    assert!(list.status.success(), "{stderr}");
    assert!(
        stdout.contains("(a.txt)") && stdout.contains("(sub/b.txt)"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    let mut expected: Vec<(&str, &str)> = FAULTS.to_vec();
    expected.push(("locked", "make the folder readable"));
    expected.push(("secret.txt", "make the file readable"));
    for (file, why) in &expected {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(&format!("gwr: skipped {file}: ")) && l.contains(why)),
            "{file}: {stderr}"
        );
    }

    let json = gwr_as_user(tmp.path(), &dir, &["list", "--json"]).unwrap();
    assert!(json.status.success());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let items = v.as_array().unwrap();
    let reports = items.iter().filter(|o| o.get("id").is_some()).count();
    assert_eq!(reports, 2);
    for (file, why) in &expected {
        assert!(
            items
                .iter()
                .any(|o| o["file"] == *file
                    && o["rejected"].as_str().is_some_and(|r| r.contains(why))),
            "{file}: {v:#}"
        );
    }

    let index = gwr_as_user(tmp.path(), &dir, &["index", "--json"]).unwrap();
    assert!(index.status.success());
    let v: serde_json::Value = serde_json::from_slice(&index.stdout).unwrap();
    assert_eq!(v["reports"], 2, "{v:#}");
    let rejected = v["rejected"].as_array().unwrap();
    for (file, _) in &expected {
        assert!(rejected.iter().any(|r| r["file"] == *file), "{file}: {v:#}");
    }

    let search = gwr_as_user(tmp.path(), &dir, &["search", "政府工作", "--count"]).unwrap();
    assert!(search.status.success(), "{search:?}");
    let count = String::from_utf8_lossy(&search.stdout);
    assert!(count.trim().parse::<usize>().unwrap() > 0, "{count}");

    // Fixed links and folders leave the list on the next open.
    std::fs::remove_file(dir.join("dangling.txt")).unwrap();
    chmod(&dir.join("locked"), 0o755);
    chmod(&dir.join("locked/d.txt"), 0o644);
    let again = gwr_as_user(tmp.path(), &dir, &["list"]).unwrap();
    let stdout = String::from_utf8_lossy(&again.stdout);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        !stderr.contains("dangling.txt") && !stderr.contains("skipped locked:"),
        "{stderr}"
    );
    assert!(stdout.contains("(locked/d.txt)"), "{stdout}");
}
