//! Turns the TOML data tables the app reads at run time (the date words of
//! each language, `src/date/tables/*.toml`, and the stop words,
//! `data/stop_words.toml`) into JSON in `OUT_DIR`, which the crate
//! compiles in and reads with serde_json.
//!
//! The tables stay TOML, the format people edit; the app parses JSON
//! because serde_json is in the wasm anyway, while a TOML parser (toml_edit
//! and winnow) added about 90 KB of code to it. A table that does not
//! parse stops the build here, naming the file and the problem.

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let tables = Path::new("src/date/tables");
    println!("cargo:rerun-if-changed={}", tables.display());
    let mut names: Vec<_> = std::fs::read_dir(tables)
        .expect("src/date/tables is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    names.sort();
    std::fs::create_dir_all(Path::new(&out).join("date")).expect("OUT_DIR/date");
    for path in names {
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a UTF-8 file name");
        convert(&path, &Path::new(&out).join("date").join(format!("{stem}.json")));
    }
    convert(Path::new("data/stop_words.toml"), &Path::new(&out).join("stop_words.json"));
}

fn convert(from: &Path, to: &Path) {
    println!("cargo:rerun-if-changed={}", from.display());
    let text = std::fs::read_to_string(from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    std::fs::write(to, json).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
}
