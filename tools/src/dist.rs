//! Attaching a corpus to a built app, and the single-file build.
//!
//! Trunk compiles the app (code only: it does not depend on the corpus)
//! and then runs `dist` as its post-build hook (`Trunk.toml`). This module
//! holds the pieces of that step that can be tested without Trunk:
//!
//! 1. [`append_custom_section`]: the corpus bundle ([`dateline_core::bundle`])
//!    goes into the finished `.wasm` as a custom section, which the app
//!    reads at start-up. The file is renamed after its new content hash so
//!    hosts can cache it forever.
//! 2. [`boot_script`]: Trunk's inline start-up script becomes a file, so the
//!    page runs under a Content Security Policy without `'unsafe-inline'`
//!    ([`SERVED_CSP`], set in `index.html`).
//! 3. [`single_file`]: one `dateline.html` with the styles, the JavaScript
//!    glue and the wasm (base64) inside it, started without fetching
//!    anything, so it opens from `file://` as well as from any host. Its
//!    policy allows exactly its own inline script and style by hash.
//!
//! 4. [`optimize_cached`]: the size optimisation of the app's code
//!    (`wasm-opt -Oz`) runs here rather than in Trunk, and its output is
//!    kept in a cache keyed by the SHA-256 of its input: a new corpus with
//!    unchanged code reuses the optimised module instead of running the
//!    optimiser again (measured on a 10k corpus: about half of a corpus-only
//!    rebuild was Trunk running `wasm-opt` on the same code).
//!
//! Untrusted text (file names, warnings) only ever reaches the terminal
//! through [`one_line`].

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

/// The Content Security Policy of the served build (also in `index.html`).
/// Scripts and styles come from files of the same origin only; wasm may be
/// compiled; nothing may be framed, posted or loaded as a plugin.
pub const SERVED_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

/// Above this bundle size the build chooses the split layout
/// (`dateline_core::split`): an embedded corpus is downloaded whole before
/// the first result, and 8 MiB of wasm (about 3 MB gzipped) already takes
/// more than a second on a 20 Mbit/s link. About 2,000 news articles.
pub const SPLIT_ABOVE: usize = 8 << 20;

/// Default most files of a split corpus under `data/`: Cloudflare Pages'
/// free plan allows 20,000 files a site (100,000 on paid plans; GitLab
/// Pages 200,000; GitHub Pages and Netlify set none). At 20,000 a corpus of
/// up to about 30,000 articles keeps the default chunk sizes; a bigger one
/// gets wider fragments (`dateline_core::split::fit_file_budget`).
pub const MAX_FILES: usize = 20_000;

/// Total size of a site past which common static hosts refuse it (GitHub
/// Pages and GitLab Pages: 1 GB).
pub const HOST_SITE_BYTES: usize = 1_000_000_000;

/// Largest file common static hosts accept (Cloudflare Pages: 25 MiB).
pub const HOST_FILE_BYTES: usize = 25 << 20;

/// The process's peak resident memory so far (`VmHWM` of
/// `/proc/self/status`), in bytes; `None` where the kernel does not say
/// (not Linux). The build prints it after every stage, since what a
/// corpus of a million articles needs is memory more than time.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status_bytes(&status, "VmHWM:")
}

/// The process's resident memory now (`VmRSS`), in bytes; `None` where
/// the kernel does not say.
pub fn resident_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status_bytes(&status, "VmRSS:")
}

/// `VmHWM:   123456 kB` -> bytes, for the line starting with `field`.
fn status_bytes(status: &str, field: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line[field.len()..].trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kb * 1024)
}

/// Resets the process's peak resident memory to what it holds now
/// (writes `5` to `/proc/self/clear_refs`, Linux 4.0 and later), so that
/// the next [`peak_memory`] is the peak since this call; `false` where
/// the kernel refused.
pub fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// One stage's wall time, resident memory at its start and peak during it.
struct Stage {
    name: String,
    secs: f64,
    from: Option<u64>,
    peak: Option<u64>,
}

/// Each stage of a build with its wall time and its memory, printed as
/// one line (`ingest 105.2s (peak 1.21 GB from 0.01 GB), index ...`). Each
/// stage's peak is its own where the kernel lets the peak be reset
/// ([`reset_peak_memory`]); elsewhere it is the process's peak so far
/// (and a stage lighter than an earlier one shows that one's peak).
#[derive(Default)]
pub struct Stages {
    done: Vec<Stage>,
    started: Option<(std::time::Instant, Option<u64>)>,
}

impl Stages {
    /// Starts timing the next stage.
    pub fn start(&mut self) {
        reset_peak_memory();
        self.started = Some((std::time::Instant::now(), resident_memory()));
    }
    /// Ends the stage begun by the last [`Stages::start`]; returns its
    /// wall time in seconds.
    pub fn end(&mut self, name: &str) -> f64 {
        let (secs, from) = self.started.take().map_or((0.0, None), |(t, from)| (t.elapsed().as_secs_f64(), from));
        self.done.push(Stage { name: name.to_string(), secs, from, peak: peak_memory() });
        secs
    }
    /// `ingest 105.2s (peak 1.21 GB from 0.01 GB), index 18.3s (peak 1.60 GB from 1.15 GB)`.
    pub fn line(&self) -> String {
        let gb = |b: u64| b as f64 / 1e9;
        self.done
            .iter()
            .map(|s| match (s.peak, s.from) {
                (Some(p), Some(f)) => format!("{} {:.1}s (peak {:.2} GB from {:.2} GB)", s.name, s.secs, gb(p), gb(f)),
                (Some(p), None) => format!("{} {:.1}s (peak {:.2} GB)", s.name, s.secs, gb(p)),
                _ => format!("{} {:.1}s", s.name, s.secs),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What a split corpus of `total` bytes, whose largest file is `largest`
/// bytes (named `name`), would run into on common static hosts;
/// `widened` when the file limit (`DATELINE_MAX_FILES`) made its chunks
/// wider than the defaults.
///
/// A site past both the 1 GB and the 25 MiB limits goes to no host whose
/// file count the limit is for, so the limit then only costs: at a million
/// generated articles, no limit took a cold query's bytes from 2,729 /
/// 4,642 KB to 292 / 1,106 KB (p50 / p95, `e2e/bench-split.mjs`, README).
pub fn host_warnings(total: usize, largest: usize, name: &str, widened: bool) -> Vec<String> {
    let mut out = Vec::new();
    if total > HOST_SITE_BYTES {
        out.push(format!(
            "data/ holds {:.2} GB, more than GitHub Pages and GitLab Pages accept (1 GB a site): \
             use a host without that limit or an object store",
            total as f64 / 1e9
        ));
    }
    if largest > HOST_FILE_BYTES {
        out.push(format!(
            "data/{name} is {:.1} MiB, more than Cloudflare Pages accepts (25 MiB a file)",
            largest as f64 / f64::from(1u32 << 20)
        ));
    }
    if widened && total > HOST_SITE_BYTES && largest > HOST_FILE_BYTES {
        out.push(
            "no host with a file limit takes a site this big, but the file limit widened its chunks: \
             build with DATELINE_MAX_FILES=0 (no limit) so that a cold query fetches less"
                .to_string(),
        );
    }
    out
}

/// Largest single-file build written (bytes): browsers struggle to open
/// bigger HTML files, and base64 makes the wasm a third larger.
pub const SINGLE_FILE_LIMIT: usize = 50 << 20;

/// Text for one terminal line: control characters (newlines included) and
/// bidirectional controls are shown escaped (`\n`, `\u{202e}`), and the
/// text is cut at `max` characters with `…`. Nothing a stranger wrote can
/// start a new line, move the cursor or be read as a directive.
pub fn one_line(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max * 2));
    for (n, c) in s.chars().enumerate() {
        if n >= max {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_bidi_control(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Bidirectional embedding, override and isolate controls.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// A malformed build output.
#[derive(Debug, thiserror::Error)]
pub enum DistError {
    /// Not a WebAssembly module.
    #[error("{0} is not a WebAssembly module (bad magic)")]
    NotWasm(String),
    /// Trunk's output does not look as expected.
    #[error("index.html: {0}")]
    Html(String),
    /// The optimiser's cache could not be read or written.
    #[error("wasm-opt cache {path}: {source}")]
    Cache {
        /// The cache file or folder.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The optimiser failed.
    #[error("wasm-opt: {0}")]
    Optimizer(String),
}

/// Where an optimised module came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Optimized {
    /// Taken from the cache.
    Cached,
    /// The optimiser ran (and its output was cached).
    Ran,
}

/// `wasm` optimised by `run(input, output)` (a call of the optimiser that
/// reads the module from `input` and writes it to `output`), or the output
/// of an earlier call on the same bytes kept in `cache_dir`. The cache key
/// is the SHA-256 of the input and `flavour` (the optimiser's options and
/// version), so changed code or options miss the cache. Cache entries are
/// written to a temporary name and renamed, so an interrupted build never
/// leaves a truncated entry.
pub fn optimize_cached(
    wasm: &[u8],
    flavour: &str,
    cache_dir: &std::path::Path,
    run: impl FnOnce(&std::path::Path, &std::path::Path) -> Result<(), DistError>,
) -> Result<(Vec<u8>, Optimized), DistError> {
    let io = |path: &std::path::Path| {
        let path = path.display().to_string();
        move |source| DistError::Cache { path, source }
    };
    let mut h = Sha256::new();
    h.update(flavour.as_bytes());
    h.update([0]);
    h.update(wasm);
    let key: String = h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect();
    let entry = cache_dir.join(format!("{key}.wasm"));
    if let Ok(bytes) = std::fs::read(&entry) {
        if bytes.starts_with(b"\0asm") {
            return Ok((bytes, Optimized::Cached));
        }
    }
    std::fs::create_dir_all(cache_dir).map_err(io(cache_dir))?;
    let input = cache_dir.join(format!("{key}.in.{}", std::process::id()));
    let output = cache_dir.join(format!("{key}.out.{}", std::process::id()));
    std::fs::write(&input, wasm).map_err(io(&input))?;
    let ran = run(&input, &output);
    let _ = std::fs::remove_file(&input);
    ran?;
    let bytes = std::fs::read(&output).map_err(io(&output))?;
    if !bytes.starts_with(b"\0asm") {
        let _ = std::fs::remove_file(&output);
        return Err(DistError::NotWasm("the optimiser's output".into()));
    }
    std::fs::rename(&output, &entry).map_err(io(&entry))?;
    Ok((bytes, Optimized::Ran))
}

fn leb128(mut v: usize, out: &mut Vec<u8>) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Appends a custom section `name` holding `payload` to a wasm module.
/// Custom sections may stand anywhere in a module and are ignored by the
/// engine; the app reads its own with `WebAssembly.Module.customSections`.
pub fn append_custom_section(wasm: &[u8], name: &str, payload: &[u8]) -> Result<Vec<u8>, DistError> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err(DistError::NotWasm("the app's wasm".into()));
    }
    let mut name_part = Vec::with_capacity(name.len() + 5);
    leb128(name.len(), &mut name_part);
    name_part.extend_from_slice(name.as_bytes());
    let mut out = Vec::with_capacity(wasm.len() + payload.len() + name_part.len() + 6);
    out.extend_from_slice(wasm);
    out.push(0); // custom section id
    leb128(name_part.len() + payload.len(), &mut out);
    out.extend_from_slice(&name_part);
    out.extend_from_slice(payload);
    Ok(out)
}

/// The payload of the first custom section `name` of a wasm module, if it
/// has one (the reverse of [`append_custom_section`]); a module cut short
/// is an error.
pub fn custom_section<'a>(wasm: &'a [u8], name: &str) -> Result<Option<&'a [u8]>, DistError> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err(DistError::NotWasm("the app's wasm".into()));
    }
    let cut = || DistError::NotWasm("a wasm module cut short".into());
    let leb = |at: &mut usize| -> Result<usize, DistError> {
        let (mut value, mut shift) = (0usize, 0u32);
        loop {
            let byte = *wasm.get(*at).ok_or_else(cut)?;
            *at += 1;
            value |= usize::from(byte & 0x7f).checked_shl(shift).ok_or_else(cut)?;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
    };
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = leb(&mut at)?;
        let end = at.checked_add(size).filter(|&e| e <= wasm.len()).ok_or_else(cut)?;
        if id == 0 {
            let mut k = at;
            let len = leb(&mut k)?;
            let body = k.checked_add(len).filter(|&e| e <= end).ok_or_else(cut)?;
            if &wasm[k..body] == name.as_bytes() {
                return Ok(Some(&wasm[body..end]));
            }
        }
        at = end;
    }
    Ok(None)
}

/// Subresource-integrity value (`sha384-…`) of some bytes.
pub fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes)))
}

/// CSP hash source (`'sha256-…'`) of an inline script or style.
pub fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes())))
}

/// Sixteen hex digits of the content hash, for immutable file names.
pub fn content_tag(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// What Trunk's `index.html` refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrunkPage {
    /// The inline start-up script, as written by Trunk.
    pub loader: String,
    /// The JavaScript glue (`dateline-<hash>.js`).
    pub glue: String,
    /// The wasm module (`dateline-<hash>_bg.wasm`).
    pub wasm: String,
    /// Stylesheets in page order.
    pub styles: Vec<String>,
}

/// Text between `start` and the next `end` after it.
fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

/// Reads the file names out of Trunk's `index.html`.
pub fn read_trunk_page(html: &str) -> Result<TrunkPage, DistError> {
    let open = html
        .find("<script type=\"module\">")
        .ok_or_else(|| DistError::Html("Trunk's inline start-up script was not found".into()))?;
    let close = html[open..].find("</script>").map(|i| open + i + "</script>".len());
    let loader = &html[open..close.ok_or_else(|| DistError::Html("unclosed start-up script".into()))?];
    let glue = between(loader, "from './", "'").ok_or_else(|| DistError::Html("no glue import".into()))?;
    let wasm = between(loader, "module_or_path: './", "'").ok_or_else(|| DistError::Html("no wasm path".into()))?;
    let mut styles = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<link rel=\"stylesheet\" href=\"./") {
        rest = &rest[at + "<link rel=\"stylesheet\" href=\"./".len()..];
        if let Some(end) = rest.find('"') {
            styles.push(rest[..end].to_string());
        }
    }
    Ok(TrunkPage { loader: loader.to_string(), glue: glue.to_string(), wasm: wasm.to_string(), styles })
}

/// The start-up script of the served build: imports the glue and starts
/// the app with the given wasm file; a failure is shown in the page (the
/// static shell in `index.html` explains the rest).
pub fn boot_script(glue: &str, wasm: &str) -> String {
    format!(
        "// Dateline start-up, written by the build (tools/src/dist.rs).\n\
         import init from './{glue}';\n\
         init({{ module_or_path: './{wasm}' }}).catch((error) => {{\n\
         \x20 document.documentElement.dataset.bootError = String(error);\n\
         \x20 console.error('Dateline could not start:', error);\n\
         }});\n"
    )
}

/// Rewrites Trunk's page for the served build: the inline loader becomes
/// `boot` (with its integrity), and the wasm preload points at the file
/// that carries the corpus.
pub fn rewrite_served_page(
    html: &str,
    page: &TrunkPage,
    boot: (&str, &str),
    wasm: (&str, &str),
) -> Result<String, DistError> {
    let (boot_name, boot_sri) = boot;
    let (wasm_name, wasm_sri) = wasm;
    let script = format!(
        "<script type=\"module\" src=\"./{boot_name}\" integrity=\"{boot_sri}\" crossorigin=\"anonymous\"></script>"
    );
    let mut out = html.replacen(&page.loader, &script, 1);
    // The preload of the wasm: new name, new integrity.
    let preload = format!("<link rel=\"preload\" href=\"./{}\"", page.wasm);
    let at = out.find(&preload).ok_or_else(|| DistError::Html("no preload link for the wasm".into()))?;
    let end = at + out[at..].find('>').ok_or_else(|| DistError::Html("unclosed preload link".into()))? + 1;
    let link = format!(
        "<link rel=\"preload\" href=\"./{wasm_name}\" crossorigin=\"anonymous\" integrity=\"{wasm_sri}\" as=\"fetch\" type=\"application/wasm\">"
    );
    out.replace_range(at..end, &link);
    Ok(out)
}

/// Adds to the served page a preload of split-layout data files (the
/// columns), before the wasm's preload, so the browser fetches them while
/// the wasm downloads and compiles: the app's `fetch` of the same relative
/// URL (same-origin, CORS mode, hence `crossorigin="anonymous"` and
/// `as="fetch"`) is then answered from the preload. No inline script: the
/// Content Security Policy ([`SERVED_CSP`]) stays as it is. Names are the
/// build's own content-hashed file names (hex digits, `-`, `.bin`), checked
/// here so nothing else can reach the page.
pub fn add_data_preloads(html: &str, files: &[&str]) -> Result<String, DistError> {
    let mut links = String::new();
    for f in files {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.') {
            return Err(DistError::Html(format!("not a data file name: {}", one_line(f, 80))));
        }
        links.push_str(&format!(
            "<link rel=\"preload\" href=\"./{}/{f}\" as=\"fetch\" crossorigin=\"anonymous\">",
            dateline_core::split::DATA_DIR
        ));
    }
    let at = html
        .find("<link rel=\"preload\"")
        .or_else(|| html.find("</head>"))
        .ok_or_else(|| DistError::Html("no </head>".into()))?;
    let mut out = html.to_string();
    out.insert_str(at, &links);
    Ok(out)
}

/// Everything the single-file build puts into its one page.
pub struct SingleFileParts<'a> {
    /// The served page (after [`rewrite_served_page`]), used as template.
    pub html: &'a str,
    /// Stylesheets' contents, in page order.
    pub css: &'a [String],
    /// The JavaScript glue.
    pub glue: &'a str,
    /// The wasm module with the corpus.
    pub wasm: &'a [u8],
    /// The favicon (SVG), shown as a data URL.
    pub icon_svg: Option<&'a str>,
}

/// Removes every element of the page that loads something from a file:
/// stylesheet, preload, module preload, manifest and icon links, and
/// external scripts.
fn strip_external(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let link = rest.find("<link ");
        let script = rest.find("<script type=\"module\" src=");
        let next = match (link, script) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        out.push_str(&rest[..next]);
        let tail = &rest[next..];
        let end = if tail.starts_with("<script") {
            tail.find("</script>").map_or(tail.len(), |i| i + "</script>".len())
        } else {
            tail.find('>').map_or(tail.len(), |i| i + 1)
        };
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Builds the single-file page (see the module docs). The wasm travels as
/// base64 in a data block (`<script type="application/octet-stream">`,
/// which browsers never run) and is handed to the glue's `init` as bytes.
pub fn single_file(parts: &SingleFileParts) -> Result<String, DistError> {
    let b64 = base64::engine::general_purpose::STANDARD.encode(parts.wasm);
    let glue = parts.glue.trim_end();
    // The glue's default export is `__wbg_init`; in the same module it is
    // called directly.
    if !glue.contains("async function __wbg_init(") {
        return Err(DistError::Html("the wasm-bindgen glue has no __wbg_init".into()));
    }
    let script = format!(
        "{glue}\n// Dateline single-file start-up: the wasm comes from the page itself.\n\
         const b64 = document.getElementById('dateline-wasm').textContent.trim();\n\
         const bytes = typeof Uint8Array.fromBase64 === 'function' ? Uint8Array.fromBase64(b64) : (() => {{\n\
         \x20 const bin = atob(b64);\n\
         \x20 const out = new Uint8Array(bin.length);\n\
         \x20 for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);\n\
         \x20 return out;\n\
         }})();\n\
         __wbg_init({{ module_or_path: bytes }}).catch((error) => {{\n\
         \x20 document.documentElement.dataset.bootError = String(error);\n\
         \x20 console.error('Dateline could not start:', error);\n\
         }});\n"
    );
    let css = parts.css.join("\n");
    let csp = format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; img-src data:; object-src 'none'; \
         base-uri 'none'; form-action 'none'",
        csp_hash(&script),
        csp_hash(&css)
    );
    let mut html = strip_external(parts.html);
    let meta_at = html
        .find("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .ok_or_else(|| DistError::Html("no Content-Security-Policy meta".into()))?;
    let content_at = meta_at + "<meta http-equiv=\"Content-Security-Policy\" content=\"".len();
    let content_end =
        content_at + html[content_at..].find('"').ok_or_else(|| DistError::Html("unclosed CSP meta".into()))?;
    html.replace_range(content_at..content_end, &csp);
    let mut head = format!("<style>{css}</style>\n");
    if let Some(svg) = parts.icon_svg {
        let data = base64::engine::general_purpose::STANDARD.encode(svg.as_bytes());
        head.push_str(&format!("<link rel=\"icon\" href=\"data:image/svg+xml;base64,{data}\">\n"));
    }
    head.push_str(&format!("<script type=\"module\">{script}</script>\n"));
    let head_end = html.find("</head>").ok_or_else(|| DistError::Html("no </head>".into()))?;
    html.insert_str(head_end, &head);
    let body_end = html.rfind("</body>").ok_or_else(|| DistError::Html("no </body>".into()))?;
    html.insert_str(
        body_end,
        &format!("<script type=\"application/octet-stream\" id=\"dateline-wasm\">{b64}</script>\n"),
    );
    // The single file is not served: it has no download link to itself.
    Ok(html.replace("<meta name=\"dateline-single-file\" content=\"dateline.html\">", ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site no file-limited host takes is told to drop the file limit,
    /// but only when the limit changed its chunks; smaller sites are not.
    #[test]
    fn a_site_past_every_host_limit_is_told_to_drop_the_file_limit() {
        let big = HOST_SITE_BYTES + 1;
        let huge_file = HOST_FILE_BYTES + 1;
        let advice = |w: &[String]| w.iter().any(|x| x.contains("DATELINE_MAX_FILES=0"));
        let w = host_warnings(big, huge_file, "positions-x.bin", true);
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(advice(&w), "{w:?}");
        assert!(!advice(&host_warnings(big, huge_file, "positions-x.bin", false)));
        assert!(!advice(&host_warnings(big, HOST_FILE_BYTES, "positions-x.bin", true)));
        assert!(!advice(&host_warnings(HOST_SITE_BYTES, huge_file, "positions-x.bin", true)));
    }

    const TRUNK_PAGE: &str = r#"<!doctype html>
<html lang="en"><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<script type="module">
import init, * as bindings from './dateline-aaaa.js';
const wasm = await init({ module_or_path: './dateline-aaaa_bg.wasm' });
</script>
    <link rel="stylesheet" href="./base-1.css" integrity="sha384-x"/>
    <link rel="stylesheet" href="./reader-2.css" integrity="sha384-y"/>
  <link rel="modulepreload" href="./dateline-aaaa.js" crossorigin="anonymous" integrity="sha384-m"><link rel="preload" href="./dateline-aaaa_bg.wasm" crossorigin="anonymous" integrity="sha384-w" as="fetch" type="application/wasm"></head>
<body><div id="shell">Loading</div></body></html>"#;

    #[test]
    fn optimize_cached_runs_the_optimiser_once_per_input() {
        let dir = std::env::temp_dir().join(format!("dateline-optcache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let module = b"\0asm\x01\0\0\0".to_vec();
        // A stand-in optimiser: appends one byte, and counts its calls.
        let calls = std::cell::Cell::new(0);
        let fake = |input: &std::path::Path, output: &std::path::Path| {
            calls.set(calls.get() + 1);
            let mut bytes = std::fs::read(input).unwrap();
            bytes.push(0);
            std::fs::write(output, bytes).unwrap();
            Ok(())
        };
        let (first, how) = optimize_cached(&module, "-Oz v1", &dir, fake).unwrap();
        assert_eq!((first.len(), how, calls.get()), (9, Optimized::Ran, 1));
        let (again, how) = optimize_cached(&module, "-Oz v1", &dir, fake).unwrap();
        assert_eq!((again, how, calls.get()), (first.clone(), Optimized::Cached, 1));
        // Other options or other code miss the cache.
        let (_, how) = optimize_cached(&module, "-O3 v1", &dir, fake).unwrap();
        assert_eq!((how, calls.get()), (Optimized::Ran, 2));
        let mut other = module.clone();
        other.push(1);
        let (_, how) = optimize_cached(&other, "-Oz v1", &dir, fake).unwrap();
        assert_eq!((how, calls.get()), (Optimized::Ran, 3));
        // A failing optimiser leaves no entry; output that is not wasm is refused.
        let failing = |_: &std::path::Path, _: &std::path::Path| Err(DistError::Optimizer("boom".into()));
        assert!(optimize_cached(b"\0asm\x01\0\0\0\x07", "-Oz v1", &dir, failing).is_err());
        let garbage = |_: &std::path::Path, output: &std::path::Path| {
            std::fs::write(output, b"not wasm").unwrap();
            Ok(())
        };
        assert!(matches!(optimize_cached(b"\0asm\x01\0\0\0\x08", "-Oz v1", &dir, garbage), Err(DistError::NotWasm(_))));
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 3, "only the three good entries stay: {left:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn peak_memory_is_read_from_the_kernels_status_lines() {
        let status = "Name:\tdist\nVmPeak:\t  900 kB\nVmHWM:\t   123456 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(status_bytes(status, "VmHWM:"), Some(123_456 * 1024));
        assert_eq!(status_bytes("VmRSS: 12 kB\n", "VmHWM:"), None);
        assert_eq!(status_bytes("VmHWM: lots kB\n", "VmHWM:"), None);
        assert_eq!(status_bytes(status, "VmRSS:"), Some(1000 * 1024));
        let mut stages = Stages::default();
        stages.start();
        stages.end("ingest");
        assert!(stages.line().starts_with("ingest 0.0s"), "{}", stages.line());
    }

    #[test]
    fn a_stage_peak_is_its_own_where_the_kernel_resets_it() {
        // 256 MB touched and given back to the kernel (through the system
        // allocator: mimalloc keeps freed memory a while): the peak so far
        // includes them, the peak after a reset does not.
        use std::alloc::{GlobalAlloc, Layout, System};
        let layout = Layout::from_size_align(256 << 20, 4096).expect("layout");
        // SAFETY: the block is written only within its layout and freed
        // once, with the layout it was allocated with.
        unsafe {
            let p = System.alloc(layout);
            assert!(!p.is_null());
            for k in (0..layout.size()).step_by(4096) {
                p.add(k).write_volatile(1);
            }
            System.dealloc(p, layout);
        }
        let (Some(before), true) = (peak_memory(), reset_peak_memory()) else {
            eprintln!("SKIPPED: this kernel does not report or reset the peak (not Linux)");
            return;
        };
        let after = peak_memory().expect("peak");
        assert!(after + (128 << 20) < before, "{after} after the reset, {before} before");
    }

    #[test]
    fn one_line_escapes_what_could_start_a_directive() {
        let cases = [
            ("Evil\ncargo::error=X", "Evil\\ncargo::error=X"),
            ("a\rb\tc\u{0}d\u{1b}[2J", "a\\rb\\tc\\u{0}d\\u{1b}[2J"),
            ("exe.\u{202e}gnp", "exe.\\u{202e}gnp"),
            ("plain", "plain"),
        ];
        for (raw, want) in cases {
            assert_eq!(one_line(raw, 100), want);
        }
        assert_eq!(one_line(&"x".repeat(500), 10), format!("{}…", "x".repeat(10)));
    }

    #[test]
    fn custom_section_is_well_formed() {
        let wasm = b"\0asm\x01\0\0\0".to_vec();
        let out = append_custom_section(&wasm, "dateline-corpus", &[1, 2, 3]).expect("wasm");
        assert_eq!(&out[..8], &wasm[..]);
        assert_eq!(out[8], 0);
        // size = 1 (name length) + 15 (name) + 3 (payload)
        assert_eq!(out[9], 19);
        assert_eq!(out[10], 15);
        assert_eq!(&out[11..26], b"dateline-corpus");
        assert_eq!(&out[26..], &[1, 2, 3]);
        assert!(append_custom_section(b"<html>", "x", &[]).is_err());
        // Read back; absent names and cut modules.
        let two = append_custom_section(&out, "other", &[9]).expect("wasm");
        assert_eq!(custom_section(&two, "dateline-corpus").expect("wasm"), Some(&[1u8, 2, 3][..]));
        assert_eq!(custom_section(&two, "other").expect("wasm"), Some(&[9u8][..]));
        assert_eq!(custom_section(&two, "none").expect("wasm"), None);
        assert!(custom_section(&two[..two.len() - 1], "other").is_err());
        let mut big = Vec::new();
        leb128(300, &mut big);
        assert_eq!(big, vec![0xac, 0x02]);
    }

    #[test]
    fn trunk_page_is_read_and_rewritten() {
        let page = read_trunk_page(TRUNK_PAGE).expect("trunk page");
        assert_eq!(page.glue, "dateline-aaaa.js");
        assert_eq!(page.wasm, "dateline-aaaa_bg.wasm");
        assert_eq!(page.styles, vec!["base-1.css", "reader-2.css"]);
        let out = rewrite_served_page(TRUNK_PAGE, &page, ("boot-b.js", "sha384-B"), ("dateline-c_bg.wasm", "sha384-C"))
            .expect("rewrites");
        assert!(!out.contains("import init"), "inline loader removed");
        assert!(out.contains(r#"<script type="module" src="./boot-b.js" integrity="sha384-B""#));
        assert!(out.contains(r#"href="./dateline-c_bg.wasm" crossorigin="anonymous" integrity="sha384-C""#));
        assert!(!out.contains("dateline-aaaa_bg.wasm"));
        assert!(boot_script(&page.glue, "dateline-c_bg.wasm").contains("import init from './dateline-aaaa.js'"));
    }

    #[test]
    fn data_preloads_come_before_the_wasm_and_refuse_odd_names() {
        let page = read_trunk_page(TRUNK_PAGE).expect("trunk page");
        let out = rewrite_served_page(TRUNK_PAGE, &page, ("boot-b.js", "sha384-B"), ("dateline-c_bg.wasm", "sha384-C"))
            .expect("rewrites");
        let out = add_data_preloads(&out, &["columns-0123abcd.bin"]).expect("preloads");
        let link = r#"<link rel="preload" href="./data/columns-0123abcd.bin" as="fetch" crossorigin="anonymous">"#;
        let at = out.find(link).expect("preload link");
        assert!(at < out.find("dateline-c_bg.wasm").expect("wasm preload"), "columns first");
        assert!(add_data_preloads(&out, &["x\"><script>"]).is_err());
        assert!(add_data_preloads(&out, &[""]).is_err());
    }

    #[test]
    fn single_file_has_no_external_reference_and_hashes_its_inline_code() {
        let page = read_trunk_page(TRUNK_PAGE).expect("trunk page");
        let served = rewrite_served_page(TRUNK_PAGE, &page, ("boot-b.js", "sha384-B"), ("w.wasm", "sha384-C"))
            .expect("rewrites");
        let glue = "async function __wbg_init(m) {}\nexport { __wbg_init as default };";
        let css = vec!["body { color: red }".to_string()];
        let html = single_file(&SingleFileParts {
            html: &served,
            css: &css,
            glue,
            wasm: b"\0asm\x01\0\0\0",
            icon_svg: Some("<svg/>"),
        })
        .expect("single file");
        for external in ["href=\"./", "src=\"./", "rel=\"stylesheet\"", "modulepreload"] {
            assert!(!html.contains(external), "{external} left in {html}");
        }
        let script = between(&html, "<script type=\"module\">", "</script>").expect("inline script");
        let style = between(&html, "<style>", "</style>").expect("inline style");
        let csp = between(&html, "Content-Security-Policy\" content=\"", "\"").expect("csp");
        assert!(csp.contains(&csp_hash(script)), "{csp}");
        assert!(csp.contains(&csp_hash(style)), "{csp}");
        assert!(csp.starts_with("default-src 'none'"));
        assert!(html.contains("AGFzbQEAAAA="), "wasm as base64");
        assert!(html.contains("data:image/svg+xml;base64,"));
    }

    #[test]
    fn host_limits_are_warned_with_the_file_and_the_host() {
        assert!(host_warnings(HOST_SITE_BYTES, HOST_FILE_BYTES, "p-1.bin", true).is_empty());
        let w = host_warnings(HOST_SITE_BYTES + 1, HOST_FILE_BYTES + 1, "q-abc-3.bin", false);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].contains("1.00 GB") && w[0].contains("GitHub Pages"), "{}", w[0]);
        assert!(w[1].contains("data/q-abc-3.bin") && w[1].contains("25.0 MiB"), "{}", w[1]);
    }
}
