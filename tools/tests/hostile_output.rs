//! The hostile corpus (`e2e/fixtures/hostile-corpus`, plus files whose
//! names hold a newline, a right-to-left override or a cargo directive,
//! made here because they cannot be committed portably) through the
//! `ingest` and `dist` binaries: every warning is one line, nothing a
//! stranger wrote starts a line (so nothing can pass for a cargo directive
//! or a terminal command), and the page `dist` writes has no inline script.

mod common;

use common::fake_trunk_output;
use std::path::PathBuf;
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh copy of the hostile corpus with the hostile file names added.
fn hostile_corpus(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-hostile-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let fixture = repo().join("e2e/fixtures/hostile-corpus");
    for entry in std::fs::read_dir(&fixture).expect("fixture exists") {
        let p = entry.expect("entry").path();
        std::fs::copy(&p, dir.join(p.file_name().expect("name"))).expect("copy");
    }
    let page = "Talks in Moscow\nPutin met Aliyev and Pashinyan in Moscow on Monday to discuss the Karabakh settlement.\n\
                The leaders agreed on a working group on transport links, the Kremlin said after four hours of talks.\n";
    for name in ["bad\nname.txt", "cargo::error=file.txt", "exe.\u{202e}gnp.txt", "x\u{1b}[2Jy.txt"] {
        std::fs::write(dir.join(name), page).expect("hostile file name");
    }
    dir
}

/// Checks every line of a build log: it starts with one of `prefixes`,
/// the injected payloads never stand at the start of a line, and no raw
/// control character is left.
fn check_lines(output: &str, prefixes: &[&str]) {
    for line in output.lines() {
        assert!(
            prefixes.iter().any(|p| line.starts_with(p)),
            "unexpected line start: {line:?}\n--- output ---\n{output}"
        );
        for injected in ["cargo:", "X", "name.txt", "\u{1b}"] {
            assert!(!line.starts_with(injected), "injected line: {line:?}");
        }
        assert!(!line.contains('\u{202e}') && !line.contains('\u{1b}'), "raw control in {line:?}");
    }
}

#[test]
fn ingest_report_keeps_hostile_text_on_its_own_line() {
    let dir = hostile_corpus("ingest");
    let out = Command::new(env!("CARGO_BIN_EXE_ingest")).arg(&dir).output().expect("ingest runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = stdout.lines().collect();
    // One header, one row per input, one line per warning, the languages,
    // the outlet evidence counts and the summary: a newline in a name or a
    // warning would add lines.
    let summary = lines.last().expect("summary line");
    let numbers: Vec<usize> = summary.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    let (inputs, warnings) = (numbers[0], numbers[4]);
    // 4 JSONL records of attacks, 2 with a data: and an https URL (the
    // reader links only the latter), the page file, 4 hostile file names.
    assert_eq!(inputs, 11, "{summary}");
    assert_eq!(lines.len(), 1 + inputs + warnings + 3, "{stdout}");
    assert!(lines[1 + inputs..lines.len() - 3].iter().all(|l| l.starts_with("warning: ")), "{stdout}");
    assert!(lines[lines.len() - 3].starts_with("languages: "), "{stdout}");
    assert!(lines[lines.len() - 2].starts_with("outlet evidence: "), "{stdout}");
    for line in &lines {
        assert!(!line.chars().any(|c| c.is_control() || c == '\u{202e}'), "raw control in {line:?}");
    }
    assert!(stdout.contains("Evil\\ncargo::error=X"), "the payload is shown escaped:\n{stdout}");
    assert!(stdout.contains("bad\\nname"), "the file name is shown escaped:\n{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dist_prints_one_escaped_line_per_warning_and_writes_no_inline_script() {
    let dir = hostile_corpus("dist");
    let staging = dir.with_extension("staging");
    fake_trunk_output(&staging);
    let out = Command::new(env!("CARGO_BIN_EXE_dist"))
        .args(["--corpus".as_ref(), dir.as_os_str(), "--staging".as_ref(), staging.as_os_str()])
        .arg("--source")
        .arg(repo())
        .output()
        .expect("dist runs");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(out.status.success(), "{stderr}");
    check_lines(&stderr, &["[dist] "]);
    assert!(stderr.contains("Evil\\ncargo::error=X"), "{stderr}");
    let index = std::fs::read_to_string(staging.join("index.html")).expect("index");
    assert!(!index.contains("import init"), "Trunk's inline loader is gone");
    assert!(index.contains("<script type=\"module\" src=\"./boot-"));
    let single = std::fs::read_to_string(staging.join("dateline.html")).expect("single file");
    assert!(single.contains("id=\"dateline-wasm\""));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&staging);
}

/// A corpus with thousands of warnings once printed one line each (a
/// million lines at a million articles): the terminal gets the first 100,
/// the report file every one.
#[test]
fn dist_prints_the_first_warnings_and_writes_them_all_to_the_report() {
    let dir = std::env::temp_dir().join(format!("dateline-many-warnings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("corpus dir");
    for i in 0..130 {
        // No date printed: one warning each.
        let text = format!(
            "---\noutlet: TASS\n---\nTalks number {i} in Moscow\n\nThe leaders met in Moscow for talks number {i} on transport links and refugees.\n\nThey agreed to meet again after the working group reports on the railways and roads of the region, number {i}.\n"
        );
        std::fs::write(dir.join(format!("a{i:03}.txt")), text).expect("write");
    }
    let staging = dir.with_extension("staging");
    let source = dir.with_extension("source");
    std::fs::create_dir_all(&source).expect("source dir");
    fake_trunk_output(&staging);
    let out = Command::new(env!("CARGO_BIN_EXE_dist"))
        .args(["--corpus".as_ref(), dir.as_os_str(), "--staging".as_ref(), staging.as_os_str()])
        .arg("--source")
        .arg(&source)
        .env("DATELINE_INGEST_CACHE", "0")
        .output()
        .expect("dist runs");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(out.status.success(), "{stderr}");
    let shown = stderr.lines().filter(|l| l.starts_with("[dist] warning: a")).count();
    assert_eq!(shown, 100, "{stderr}");
    assert!(stderr.contains("and 30 more warnings and rejections: all 130 are in"), "{stderr}");
    let report = std::fs::read_to_string(source.join("target/dateline-report.txt")).expect("report");
    assert_eq!(report.lines().filter(|l| l.starts_with("warning: a")).count(), 130);
    assert!(report.contains("warning: a129.txt: no publication date"), "{report}");
    for d in [dir, staging, source] {
        let _ = std::fs::remove_dir_all(d);
    }
}
