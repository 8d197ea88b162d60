// Tiny static file server for Dateline's dist/ (used by the browser tests).
//
// Serves a folder under a URL prefix (default "/sub/dateline/"), so tests prove
// that dist/ works from any sub-path of a static host, the way GitHub Pages or
// an intranet server would host it.
//
// As a module:   const srv = await startServer({ root, prefix }); srv.url; await srv.close();
// From a shell:  node e2e/serve.mjs [dir=dist] [--port 8081] [--prefix /sub/dateline/] [--gzip]

import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function normalizePrefix(prefix) {
  let p = prefix || '/';
  if (!p.startsWith('/')) p = `/${p}`;
  if (!p.endsWith('/')) p = `${p}/`;
  return p;
}

/** Types a static host compresses (the split layout's .bin files and
 * Pagefind's chunks are compressed already and go as they are). */
function compressible(mime) {
  return /^(text\/|application\/(javascript|json|wasm|manifest\+json)|image\/svg\+xml)/.test(mime);
}

/**
 * Starts serving `root` at http://host:port<prefix>.
 * Resolves to { url, port, server, requests, close() } where `requests` logs
 * every request as { method, path, status }.
 *
 * With `gzip`, text, JSON, script and wasm files are sent gzip-compressed
 * (level 6, zlib's default) to clients that accept it, as real static hosts
 * do; the browser benchmark (e2e/bench-split.mjs) counts those bytes.
 *
 * With `http2`, the folder is served over HTTP/2 with TLS (a self-signed
 * certificate made with `openssl` for 127.0.0.1; browsers must ignore
 * certificate errors), as static hosts (GitHub Pages, Cloudflare, Netlify)
 * serve it: every request of a page shares one connection, where HTTP/1.1
 * allows six at a time per host. The benchmark measures both.
 *
 * With `cspReports` (an array), the policy header also names a report-uri
 * on this server, and every violation report a browser POSTs there is pushed
 * onto the array as "directive: blocked uri (source:line)". This catches
 * violations from the first byte of the page in browsers whose driver cannot
 * run a script before the page's own (WebKitGTK's WebDriver).
 */
/** A throw-away self-signed certificate for 127.0.0.1 (key and cert, PEM). */
function selfSigned() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dateline-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  try {
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startServer({ root, prefix = '/sub/dateline/', host = '127.0.0.1', port = 0, csp = true, cspReports = null, gzip = false, http2 = false } = {}) {
  const gzipped = new Map();
  const rootDir = path.resolve(root);
  const base = normalizePrefix(prefix);
  const requests = [];
  const reportPath = `${base}__csp-report`;
  const policy = cspReports ? `${SERVED_CSP}; report-uri ${reportPath}` : SERVED_CSP;

  const serve = http2 ? (handler) => createSecureServer({ ...selfSigned(), allowHTTP1: true }, handler) : createServer;
  const server = serve(async (req, res) => {
    const entry = { method: req.method, path: req.url, status: 0 };
    requests.push(entry);
    const send = (status, body, headers = {}) => {
      entry.status = status;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (cspReports && req.method === 'POST' && req.url === reportPath) {
        const chunks = [];
        for await (const c of req) chunks.push(c);
        cspReports.push(describeCspReport(Buffer.concat(chunks).toString('utf8')));
        return send(204, '');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { allow: 'GET, HEAD' });
      const url = new URL(req.url, 'http://localhost');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return send(400, 'bad request\n');
      }
      // "/sub/dateline" -> "/sub/dateline/" (like a real static host does).
      if (pathname === base.slice(0, -1)) return send(301, 'moved\n', { location: base + url.search });
      if (!pathname.startsWith(base)) return send(404, `not found (outside ${base})\n`);
      const rel = pathname.slice(base.length);
      let file = path.resolve(rootDir, `.${path.posix.sep}${rel}`);
      if (file !== rootDir && !file.startsWith(rootDir + path.sep)) return send(403, 'forbidden\n');
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        if (!pathname.endsWith('/')) return send(301, 'moved\n', { location: `${pathname}/${url.search}` });
        file = path.join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return send(404, 'not found\n');
      entry.status = 200;
      const mime = mimeType(file);
      if (gzip && compressible(mime) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = `${file}:${info.mtimeMs}:${info.size}`;
        let body = gzipped.get(key);
        if (!body) {
          body = zlib.gzipSync(await readFile(file), { level: 6 });
          gzipped.set(key, body);
        }
        res.writeHead(200, {
          'content-type': mime,
          'content-length': body.length,
          'content-encoding': 'gzip',
          vary: 'accept-encoding',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          ...(csp && path.basename(file) === 'index.html' ? { 'content-security-policy': policy } : {}),
        });
        return res.end(req.method === 'HEAD' ? undefined : body);
      }
      res.writeHead(200, {
        'content-type': mime,
        'content-length': info.size,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...(csp && path.basename(file) === 'index.html' ? { 'content-security-policy': policy } : {}),
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (err) {
      if (!res.headersSent) send(500, `internal error: ${err?.message ?? err}\n`);
      else res.destroy();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  return {
    url: `${http2 ? 'https' : 'http'}://${host}:${actualPort}${base}`,
    port: actualPort,
    server,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}


/** Chromium flags for headless test runs without network side traffic. */
export const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The Content Security Policy of the served build (tools/src/dist.rs
 * SERVED_CSP, also in index.html's meta): the test server sends it as a
 * header too, as the README asks hosts to. */
export const SERVED_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

/** One line for a CSP report body (report-uri's JSON), or the raw text. */
function describeCspReport(text) {
  try {
    const r = JSON.parse(text)['csp-report'] ?? {};
    const directive = r['effective-directive'] || r['violated-directive'] || '?';
    return `${directive}: ${r['blocked-uri'] || 'inline'} (${r['source-file'] || ''}:${r['line-number'] || 0})`;
  } catch {
    return `unparsed report: ${text.slice(0, 300)}`;
  }
}

/**
 * Records every Content Security Policy violation of every page of a
 * browser context into `list` (as "directive: blocked uri"), across
 * navigations. Tests assert the list stays empty: the app must run under
 * its policy without a single refused script, style or request.
 */
export async function recordCspViolations(context, list) {
  await context.exposeBinding('__datelineCsp', (_source, v) => list.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__datelineCsp(`${e.effectiveDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber || 0})`);
    });
  });
}

// From a shell (last: the constants above must be initialised first):
// node e2e/serve.mjs [dir] [--port N] [--prefix /p/] [--host H] [--gzip]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opts = { root: path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist'), port: 8081 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--port') opts.port = Number(args[++i]);
    else if (a === '--prefix') opts.prefix = args[++i];
    else if (a === '--host') opts.host = args[++i];
    else if (a === '--gzip') opts.gzip = true;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node e2e/serve.mjs [dir=dist] [--port 8081] [--prefix /sub/dateline/] [--host 127.0.0.1] [--gzip]');
      process.exit(0);
    } else opts.root = a;
  }
  const srv = await startServer(opts);
  console.log(`serving ${path.resolve(opts.root)} at ${srv.url}`);
}
