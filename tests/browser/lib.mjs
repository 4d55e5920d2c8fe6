// Shared helpers for the browser tests: build a site with the gongkai binary,
// serve it on 127.0.0.1 under any path prefix, drive Debian's Chromium through
// playwright-core, and run axe-core in the page.
//
// Chromium flags follow ../shared/BROWSER-TESTING.md: without the networking
// flags it keeps trying hosts this machine cannot reach.

import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const axePath = require.resolve('axe-core');
let axeText;
const axeSource = () => (axeText ??= fs.readFileSync(axePath, 'utf8'));

/** The gongkai binary: $GONGKAI_BIN, else the release build. */
export function gongkaiBin() {
  return process.env.GONGKAI_BIN || path.join(repoRoot, 'target', 'release', 'gongkai');
}

/** A fresh temporary folder, removed when the process exits. */
export function tempDir(prefix = 'gongkai-browser-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Builds a site folder (holding content/) into a fresh output folder and returns its path.
 * `args` are extra `gongkai build` arguments (e.g. ['--portable']).
 */
export function buildSite(root = repoRoot, args = []) {
  const out = path.join(tempDir('gongkai-site-'), 'public');
  execFileSync(gongkaiBin(), ['build', '--quiet', '--root', root, '--output-dir', out, ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return out;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
};

/**
 * Serves `dir` at http://127.0.0.1:PORT{prefix} like a plain static server:
 * folders answer with their index.html, unknown paths with 404.html (status 404).
 * Returns { url, close, requests } where `requests` lists every path asked for.
 */
export async function serve(dir, prefix = '/') {
  if (!prefix.endsWith('/')) prefix += '/';
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    const send = (status, file) => {
      res.writeHead(status, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    };
    const notFound = () => {
      const page = path.join(dir, '404.html');
      if (fs.existsSync(page)) send(404, page);
      else { res.writeHead(404); res.end('not found'); }
    };
    if (!url.pathname.startsWith(prefix)) return notFound();
    let rel;
    try { rel = decodeURIComponent(url.pathname.slice(prefix.length)); } catch { return notFound(); }
    let file = path.resolve(dir, rel);
    if (file !== dir && !file.startsWith(dir + path.sep)) return notFound();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { location: url.pathname + '/' });
        return res.end();
      }
      file = path.join(file, 'index.html');
    }
    if (fs.existsSync(file) && fs.statSync(file).isFile()) send(200, file);
    else notFound();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Starts `gongkai serve` on a free port; resolves to { url, stop }. */
export function startServe(root, args = []) {
  const child = spawn(gongkaiBin(), ['serve', '--port', '0', '--root', root, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LANG: '' },
  });
  // A test that fails halfway must not leave the server running.
  process.on('exit', () => child.kill());
  const lines = readline.createInterface({ input: child.stderr });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve did not start')), 120_000);
    lines.on('line', (line) => {
      const m = line.match(/http:\/\/\S+/);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[0],
          stop: () => new Promise((done) => { child.once('exit', done); child.kill(); }),
        });
      }
    });
  });
}

/** Launches Debian's Chromium headless with a fresh profile. Returns a browser context. */
export async function launch(options = {}) {
  const profile = tempDir('gongkai-chromium-');
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    ...options,
  });
}

/**
 * Runs axe-core in the page with the WCAG 2.0–2.2 A/AA tags plus the 7:1
 * contrast rule (color-contrast-enhanced). Returns the violations.
 */
export async function axe(page) {
  // Evaluated through the DevTools protocol rather than added as a <script>
  // tag: the pages' Content-Security-Policy rightly blocks inline scripts.
  await page.evaluate(axeSource());
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      rules: { 'color-contrast-enhanced': { enabled: true } },
    }),
  );
  return result.violations;
}

/** A readable summary of axe violations for assertion messages. */
export function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n'))
    .join('\n');
}

/**
 * Collects Content-Security-Policy violations and console errors of a page.
 * Call before navigating; read the returned arrays after.
 */
export function watchPage(page) {
  const cspViolations = [];
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      errors.push(msg.text());
      if (/Content.Security.Policy/i.test(msg.text())) cspViolations.push(msg.text());
    }
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return { cspViolations, errors };
}
