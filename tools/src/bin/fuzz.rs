//! `fuzz`: a mutation fuzzer for ingest and search (no coverage guidance).
//!
//! ```text
//! cargo run --profile fuzz --bin fuzz -- [--seconds N] [--seed S] [CORPUS_DIR]
//! ```
//! Starts from the files of `CORPUS_DIR` (default `corpus/articles`) plus a
//! JSONL and a CSV sample, mutates them (byte flips, insertions of tricky
//! bytes and strings, deletions, line duplication, splicing two inputs,
//! truncation, re-encoding as UTF-16 or Latin-1) and runs each mutant
//! through ingest (as .txt, .jsonl, .json and .csv) and a search of its own
//! words, catching panics. Prints the number of executions and exits
//! non-zero with the offending input saved to `fuzz-crash-<n>.bin` if
//! anything panics.
//!
//! Exit codes: `0` no panic, `1` a panic (the input is saved and named) or
//! an error reading the starting inputs, `2` usage error.

use anyhow::Result;
use dateline_core::index::Index;
use dateline_core::ingest::{ingest, InputFile};
use dateline_core::search::{Request, Searcher};
use std::path::PathBuf;
use std::time::{Duration, Instant};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TRICKY: &[&[u8]] = &[
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\r\n",
    b"\n\n\n",
    b"---\noutlet: rt\ndate: 0001-01-01\n---\n",
    b"\"",
    b"\xe2\x80\x9c",
    b"31/02/2021 25:61",
    b"Related articles\n",
    b"RELATED:\n",
    b"(L) x (R)",
    b"on Monday (11 January)",
    "İçeriğe".as_bytes(),
    "ǅ𝔭ü\u{0301}".as_bytes(),
    b"\xc3",
    b"\xf0\x9f",
    b",,,\n",
    b"{\"title\": 1, \"text\": [null]}\n",
    b"-",
    b"OR",
    b"*",
];

fn mutate(rng: &mut Rng, inputs: &[Vec<u8>]) -> Vec<u8> {
    let mut b = inputs[rng.below(inputs.len())].clone();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(b.len() + 1);
        match rng.below(8) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TRICKY[rng.below(TRICKY.len())];
                b.splice(at..at, t.iter().copied());
            }
            2 if !b.is_empty() => {
                let end = (at + rng.below(64)).min(b.len());
                b.drain(at.min(end)..end);
            }
            3 => {
                let other = &inputs[rng.below(inputs.len())];
                let from = rng.below(other.len() + 1);
                b.splice(at..at, other[from..].iter().copied().take(rng.below(2000)));
            }
            4 => b.truncate(at),
            5 => {
                let line: Vec<u8> = b[at..].iter().copied().take_while(|&c| c != b'\n').collect();
                b.splice(at..at, line.iter().chain(b"\n").copied().cycle().take(line.len() * (1 + rng.below(50))));
            }
            6 if rng.below(10) == 0 => {
                let s = String::from_utf8_lossy(&b).into_owned();
                b = if rng.below(2) == 0 {
                    std::iter::once(0xfeffu16).chain(s.encode_utf16()).flat_map(|u| u.to_le_bytes()).collect()
                } else {
                    s.chars().map(|c| if (c as u32) < 256 { c as u8 } else { b'?' }).collect()
                };
            }
            _ => {}
        }
    }
    b
}

/// Mutation fuzzer: ingest, index and search never panic.
#[derive(clap::Parser)]
#[command(name = "fuzz", after_help = "Exit codes: 0 no panic, 1 a panic (input saved) or an error, 2 usage error.")]
struct Args {
    /// Folder of starting inputs.
    #[arg(default_value = "corpus/articles")]
    dir: PathBuf,
    /// How long to run.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Seed of the mutations (same seed, same inputs).
    #[arg(long, default_value_t = 0x5eed)]
    seed: u64,
}

fn main() -> std::process::ExitCode {
    dateline_tools::exit_status(run())
}

fn run() -> Result<()> {
    let Args { dir, seconds, seed } = clap::Parser::parse();
    let files = dateline_tools::list_inputs(std::slice::from_ref(&dir))?;
    let mut inputs: Vec<Vec<u8>> = dateline_tools::read_inputs(&files, None)?.into_iter().map(|f| f.bytes).collect();
    inputs.push(br#"{"title": "T", "source": "RT", "date": "2021-01-11", "text": "one two three four five"}"#.to_vec());
    inputs.push(b"title,source,content\nT,RT,\"one, two \"\"three\"\" four\"\n".to_vec());
    let registry = dateline_tools::default_registry()?;
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed | 1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut execs = 0u64;
    while Instant::now() < deadline {
        let bytes = mutate(&mut rng, &inputs);
        let ext = ["txt", "jsonl", "json", "csv"][rng.below(4)];
        let query_seed = rng.next();
        let run = std::panic::catch_unwind(|| {
            let c = ingest(&[InputFile { path: format!("f.{ext}"), bytes: bytes.clone() }], &registry, "fuzz");
            let index = Index::build(&c);
            let back = Index::from_bytes(&index.to_bytes()).expect("index round trip");
            let words: Vec<&str> = c.articles.iter().flat_map(|a| a.title.split_whitespace()).collect();
            let q = if words.is_empty() {
                String::from("\"")
            } else {
                words[(query_seed as usize) % words.len()].to_string()
            };
            let _ = Searcher::new(&back).search(&Request {
                query: format!("{q} -x \"{q}"),
                typing: true,
                ..Request::default()
            });
            assert!(!c.report.inputs.is_empty(), "every input is accounted for");
        });
        execs += 1;
        if run.is_err() {
            let path = format!("fuzz-crash-{execs}.bin");
            std::fs::write(&path, &bytes)?;
            anyhow::bail!("panic on input saved to {path} (as .{ext}) after {execs} executions");
        }
    }
    println!("fuzz: {execs} executions in {seconds} s, no panic");
    Ok(())
}
