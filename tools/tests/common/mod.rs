//! Helpers shared by the integration tests of the `dist` binary.

use std::path::Path;

/// A stand-in for what Trunk writes before its post-build hook runs.
pub fn fake_trunk_output(dir: &Path) {
    std::fs::create_dir_all(dir).expect("staging");
    let html = r#"<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<script type="module">
import init, * as bindings from './dateline-aaaa.js';
const wasm = await init({ module_or_path: './dateline-aaaa_bg.wasm' });
</script>
<link rel="stylesheet" href="./base-1.css" integrity="sha384-x"/>
<link rel="preload" href="./dateline-aaaa_bg.wasm" crossorigin="anonymous" integrity="sha384-w" as="fetch" type="application/wasm"></head>
<body></body></html>"#;
    std::fs::write(dir.join("index.html"), html).expect("index");
    std::fs::write(
        dir.join("dateline-aaaa.js"),
        "async function __wbg_init(m) {}\nexport { __wbg_init as default };\n",
    )
    .expect("glue");
    std::fs::write(dir.join("dateline-aaaa_bg.wasm"), b"\0asm\x01\0\0\0").expect("wasm");
    std::fs::write(dir.join("base-1.css"), "body { margin: 0 }").expect("css");
}
