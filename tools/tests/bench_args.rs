//! The benchmark binaries read their arguments as the README says: `--help`
//! prints the usage, an unknown flag is a usage error (exit code 2), never
//! taken as the corpus path (regression: bench_search once read any
//! unknown argument, `--help` included, as the corpus folder).

use std::process::Command;

#[test]
fn bench_search_help_and_unknown_flag() {
    let help = Command::new(env!("CARGO_BIN_EXE_bench_search")).arg("--help").output().expect("bench_search runs");
    assert!(help.status.success(), "--help exits 0");
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("Usage: bench_search"), "usage printed: {text}");
    assert!(text.contains("--emit-queries"), "options listed: {text}");

    let bad = Command::new(env!("CARGO_BIN_EXE_bench_search"))
        .args(["/nonexistent-corpus", "--no-such-flag"])
        .output()
        .expect("bench_search runs");
    assert_eq!(bad.status.code(), Some(2), "an unknown flag is a usage error");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--no-such-flag"));

    let missing = Command::new(env!("CARGO_BIN_EXE_bench_search")).output().expect("bench_search runs");
    assert_eq!(missing.status.code(), Some(2), "the corpus argument is required");

    let absent = Command::new(env!("CARGO_BIN_EXE_bench_search"))
        .arg("/nonexistent-corpus")
        .output()
        .expect("bench_search runs");
    assert!(absent.status.success());
    assert!(String::from_utf8_lossy(&absent.stdout).contains("SKIPPED"), "an absent corpus is skipped, not an error");
}
