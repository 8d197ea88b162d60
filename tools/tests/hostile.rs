//! Hostile input folders: every entry is ingested or rejected with a reason,
//! and nothing hangs or aborts the run (issue 13). The file-system objects
//! that cannot be committed (FIFOs, symbolic link loops, dangling links,
//! devices, unreadable files and folders) are made by the test.
#![cfg(unix)]

use dateline_core::ingest::Options;
use dateline_core::model::{Corpus, Disposition};
use dateline_tools::{ingest_entries, ingest_paths_with, list_entries};
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

const SEED: &str = include_str!("../../corpus/articles/000_cb703be335ef0dfb.txt");
const SEED2: &str = include_str!("../../corpus/articles/001_40be989623ebc605.txt");

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).expect("write fixture");
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo").arg(path).status().map(|s| s.success());
    assert!(matches!(ok, Ok(true)), "mkfifo {} failed", path.display());
}

/// Removes the hostile folder, unreadable parts included.
struct Fixture(Option<tempfile::TempDir>);

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Some(tmp) = self.0.take() {
            let d = tmp.path().join("corpus");
            for p in [d.join("locked"), d.join("unread.txt")] {
                let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755));
            }
        }
    }
}

/// The hostile folder, and the guard that removes it.
fn hostile() -> (Fixture, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path().join("corpus");
    std::fs::create_dir(&d).expect("mkdir");
    write(&d.join("good.txt"), SEED.as_bytes());
    symlink(".", d.join("loop1")).expect("link");
    symlink(".", d.join("loop2")).expect("link");
    symlink("selfloop", d.join("selfloop")).expect("link");
    mkfifo(&d.join("x.txt"));
    symlink("/dev/null", d.join("dev.txt")).expect("link");
    symlink("missing.txt", d.join("dangling.txt")).expect("link");
    write(&d.join("noext"), b"Some text without an extension.");
    write(&d.join("scan.pdf"), b"%PDF-1.4");
    write(&d.join("empty.txt"), b"  \n");
    write(&d.join("binary.txt"), b"\x7fELF\x00\x00\x00\x01");
    let article = |n: usize| {
        format!(
            "Officials said bridge number {n} and the harbour would reopen after the review \
             and residents near the river told reporters that plan {n} had been delayed twice."
        )
    };
    let csv = format!(
        "title,source,content\nAlpha,TASS,{}\n\"Bravo,TASS,{}\nCharlie,TASS,{}\nDelta,TASS,\"{}\"\nEcho,TASS,{}\n",
        article(1),
        article(2),
        article(3),
        article(4),
        article(5)
    );
    write(&d.join("bad.csv"), csv.as_bytes());
    let jsonl = format!("{{\"title\": \"Foxtrot\", \"text\": \"{}\"}}\n{{\"title\": \"Golf\", \n", article(6));
    write(&d.join("bad.jsonl"), jsonl.as_bytes());
    let mut stray = SEED2.as_bytes().to_vec();
    stray.extend_from_slice(b"\nA last line with a stray \xff byte.\n");
    write(&d.join("stray.txt"), &stray);
    std::fs::create_dir(d.join("sub")).expect("mkdir");
    write(&d.join("sub/s.txt"), format!("Sub folder title\n\n{}", article(7)).as_bytes());
    symlink("sub", d.join("sublink")).expect("link");
    write(&d.join("README.md"), b"not an article");
    write(&d.join(".hidden.txt"), b"not read");
    symlink("nowhere", d.join(".#lock.txt")).expect("link");
    write(&d.join("unread.txt"), format!("Unread file title\n\n{}", article(8)).as_bytes());
    chmod(&d.join("unread.txt"), 0o000);
    std::fs::create_dir(d.join("locked")).expect("mkdir");
    write(&d.join("locked/a.txt"), format!("Locked folder title\n\n{}", article(9)).as_bytes());
    chmod(&d.join("locked"), 0o000);
    // Let another user walk to the folder (see `permission_errors_are_rejected`).
    chmod(tmp.path(), 0o755);
    (Fixture(Some(tmp)), d)
}

/// Runs `f` on a thread and fails the test if it takes over a minute:
/// a hang (a FIFO opened, a loop followed) fails instead of blocking.
fn within_a_minute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(60)).expect("ingest finished within a minute (it hung?)")
}

fn disposition(c: &Corpus, input: &str) -> String {
    let found = c.report.inputs.iter().find(|i| i.input == input);
    match found.map(|i| &i.disposition) {
        Some(Disposition::Ingested { .. }) => "ingested".into(),
        Some(Disposition::Duplicate { of }) => format!("duplicate of {of}"),
        Some(Disposition::Rejected { reason }) => format!("rejected: {reason}"),
        None => "missing from the report".into(),
    }
}

fn readable_by_us(p: &Path) -> bool {
    std::fs::read_dir(p).is_ok() || std::fs::read(p).is_ok()
}

#[test]
fn every_hostile_entry_is_accounted_for() {
    let (_tmp, dir) = hostile();
    let d = dir.clone();
    let run = within_a_minute(move || ingest_paths_with(&[d], None, &|_, _| {}).expect("ingest runs"));
    let c = &run.corpus;
    let table: &[(&str, &str)] = &[
        ("good.txt", "ingested"),
        ("stray.txt", "ingested"),
        ("sub/s.txt", "ingested"),
        ("bad.csv#1", "ingested"),
        ("bad.csv#2", "rejected: line 3: "),
        ("bad.csv#3", "ingested"),
        ("bad.csv#4", "ingested"),
        ("bad.csv#5", "ingested"),
        ("bad.jsonl#1", "ingested"),
        ("bad.jsonl#2", "rejected: line 2: invalid JSON: EOF while parsing"),
        ("loop1", "rejected: symbolic link loop: leads back to "),
        ("loop2", "rejected: symbolic link loop: leads back to "),
        ("selfloop", "rejected: symbolic link loop: selfloop leads back to itself; not followed"),
        ("x.txt", "rejected: not a regular file: a named pipe (FIFO); not opened"),
        ("dev.txt", "rejected: not a regular file: a character device; not opened"),
        ("dangling.txt", "rejected: dangling symbolic link: its target missing.txt does not exist"),
        ("noext", "rejected: unsupported file type: no extension (expected .txt, .jsonl, .json, .csv, .html, .htm, .xhtml, .html.gz, .warc or .warc.gz)"),
        ("scan.pdf", "rejected: unsupported file type `.pdf` (expected .txt, .jsonl, .json, .csv, .html, .htm, .xhtml, .html.gz, .warc or .warc.gz)"),
        ("empty.txt", "rejected: empty file"),
        ("binary.txt", "rejected: binary file (NUL or control bytes), not text"),
        ("sublink/s.txt", "rejected: same file as sub/s.txt (reached again through a symbolic link); read once"),
    ];
    for (input, want) in table {
        let got = disposition(c, input);
        assert!(got.starts_with(want), "{input}: got {got:?}, want {want:?}");
    }
    let reason = disposition(c, "bad.csv#2");
    assert!(reason.contains("probably an unbalanced quote") || reason.contains("unbalanced quote:"), "{reason}");
    let stray = c.report.inputs.iter().find(|i| i.input == "stray.txt").expect("stray.txt reported");
    assert!(stray.warnings.iter().any(|w| w.starts_with("not valid UTF-8 on 1 line, repaired: line ")), "{stray:?}");
    // Permission entries: rejected when this user cannot read them, else
    // ingested (root reads anything; see the next test).
    if readable_by_us(&dir.join("unread.txt")) {
        assert_eq!(disposition(c, "unread.txt"), "ingested");
        assert_eq!(disposition(c, "locked/a.txt"), "ingested");
    } else {
        assert_eq!(disposition(c, "unread.txt"), "rejected: permission denied: cannot read this file");
        assert_eq!(disposition(c, "locked"), "rejected: permission denied: cannot read this folder");
    }
    // Nothing else is in the report, and the hidden entries and README
    // were skipped, not read.
    let known = table.len() + 2;
    assert_eq!(c.report.inputs.len(), known, "{:#?}", c.report.inputs);
    let mut skipped = run.skipped.clone();
    skipped.sort();
    assert_eq!(skipped, [".#lock.txt", ".hidden.txt", "README.md"]);
}

/// Unreadable files and folders, checked with the `ingest` binary run as
/// another user when the tests run as root (root reads anything).
#[test]
fn permission_errors_are_rejected() {
    use std::os::unix::process::CommandExt;
    let (_tmp, dir) = hostile();
    let out_dir = tempfile::tempdir().expect("tempdir");
    chmod(out_dir.path(), 0o777);
    let out = out_dir.path().join("corpus.json");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ingest"));
    cmd.arg(&dir).arg("--out").arg(&out);
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        cmd.uid(65534).gid(65534);
    }
    let output = within_a_minute(move || cmd.output().expect("ingest runs"));
    if !output.status.success() && !readable_by_us(&PathBuf::from(env!("CARGO_BIN_EXE_ingest"))) {
        println!("SKIPPED: the ingest binary is not readable by the unprivileged user");
        return;
    }
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let c = Corpus::from_json(&std::fs::read_to_string(&out).expect("corpus written")).expect("corpus");
    assert_eq!(disposition(&c, "unread.txt"), "rejected: permission denied: cannot read this file");
    assert_eq!(disposition(&c, "locked"), "rejected: permission denied: cannot read this folder");
    assert_eq!(disposition(&c, "good.txt"), "ingested");
    assert_eq!(disposition(&c, "x.txt"), "rejected: not a regular file: a named pipe (FIFO); not opened");
}

/// A file deleted or swapped for a FIFO between listing and reading is
/// rejected, and the FIFO never blocks the read.
#[test]
fn entries_changed_after_listing_are_rejected() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    write(&d.join("a.txt"), SEED.as_bytes());
    write(&d.join("gone.txt"), SEED2.as_bytes());
    write(&d.join("pipe.txt"), SEED2.as_bytes());
    let listing = list_entries(&[d.to_path_buf()]);
    std::fs::remove_file(d.join("gone.txt")).expect("rm");
    std::fs::remove_file(d.join("pipe.txt")).expect("rm");
    mkfifo(&d.join("pipe.txt"));
    let reg = dateline_tools::default_registry().expect("registry");
    let c = within_a_minute(move || ingest_entries(&listing.entries, &reg, "t", Options::default(), 2, &|_, _| {}));
    assert_eq!(disposition(&c, "a.txt"), "ingested");
    assert_eq!(disposition(&c, "gone.txt"), "rejected: no such file or folder");
    assert_eq!(disposition(&c, "pipe.txt"), "rejected: not a regular file: a named pipe (FIFO); not opened");
}

/// The corpus does not depend on the number of threads.
#[test]
fn output_is_the_same_on_one_or_many_threads() {
    let (_tmp, dir) = hostile();
    let listing = list_entries(&[dir]);
    let reg = dateline_tools::default_registry().expect("registry");
    let one = ingest_entries(&listing.entries, &reg, "t", Options::default(), 1, &|_, _| {});
    let four = ingest_entries(&listing.entries, &reg, "t", Options::default(), 4, &|_, _| {});
    assert_eq!(one, four);
    assert!(one.articles.len() >= 8, "{:#?}", one.report);
}
