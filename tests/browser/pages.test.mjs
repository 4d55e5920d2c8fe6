// The default theme in real Chromium: every page type of the demo site and of
// the theme's fixture site (which adds what the demo lacks: units, pagination,
// summary_only, attachments, outcome states, a record that states little, a
// session that declares nothing, hostile text), served under a
// sub-path like a real government host.
//
// Checked: zero axe violations (WCAG 2.0–2.2 A/AA plus 7:1 contrast) in normal
// mode, elder mode and high-contrast mode; no horizontal scrolling at 320 px or
// at 200% zoom; no CSP violation or console error on any page; the skip link is
// the first Tab stop and moves focus to <main>; print hides the navigation and
// keeps the reply; every internal link resolves; html-validate finds no error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { axe, buildSite, describeViolations, launch, repoRoot, serve, tempDir } from './lib.mjs';
import { htmlFiles, pageTypes } from './pages.lib.mjs';

const PREFIX = '/gk/';
const BASE_URL = `https://www.gongkai.test${PREFIX}`;

/** The theme's fixture site plus 51 records of a 2020 session, so lists paginate. */
function fixtureRoot() {
  const root = tempDir('gongkai-theme-fixture-');
  fs.cpSync(path.join(repoRoot, 'tests/fixtures/theme'), root, { recursive: true });
  fs.writeFileSync(path.join(root, 'content/sessions/zx-2020.yaml'), 'body: 区政协\nyear: 2020\nname: 九届四次会议\n');
  fs.mkdirSync(path.join(root, 'content/proposals/2020'), { recursive: true });
  for (let i = 1; i <= 51; i++) {
    const id = String(i).padStart(4, '0');
    fs.writeFileSync(
      path.join(root, `content/proposals/2020/${id}.yaml`),
      `kind: proposal\nsession: zx-2020\ntitle: 关于第${i}件提案的建议\nstatus: solved\ndisclosure: public\n` +
        `host_unit: 区交通运输局\ntopics: [停车设施]\nreplied_on: 2020-06-01\n`,
    );
  }
  return root;
}

const sites = {};
let context;

before(async () => {
  if (fs.existsSync(path.join(repoRoot, 'content/site.yaml'))) {
    sites.demo = { dir: buildSite(repoRoot, ['--base-url', BASE_URL]) };
  }
  sites.fixture = { dir: buildSite(fixtureRoot(), ['--base-url', BASE_URL]) };
  for (const site of Object.values(sites)) {
    site.server = await serve(site.dir, PREFIX);
    site.types = pageTypes(site.dir);
  }
  context = await launch();
});

after(async () => {
  await context?.close();
  for (const site of Object.values(sites)) await site.server?.close();
});

/** Every page type of every site: [label, url]. */
function everyType() {
  const out = [];
  for (const [name, site] of Object.entries(sites)) {
    for (const [type, rel] of Object.entries(site.types)) out.push([`${name} ${type}`, site.server.url + rel]);
  }
  return out;
}

test('the sites under test have every page type', () => {
  const fixture = Object.keys(sites.fixture.types).sort();
  assert.deepEqual(fixture, [
    'home', 'not-found', 'record', 'record-list', 'record-list-page-2', 'record-sparse', 'record-summary-only', 'search', 'session', 'sessions', 'sitemap',
    'status', 'status-term', 'topic', 'topics', 'unit', 'units', 'year', 'years',
  ]);
});

test('axe finds no violation on any page type, in normal, elder and high-contrast mode', async () => {
  const page = await context.newPage();
  try {
    const failures = [];
    const check = async (label) => {
      const violations = await axe(page);
      if (violations.length) failures.push(`${label}:\n${describeViolations(violations)}`);
    };
    for (const [label, url] of everyType()) {
      await page.goto(url);
      await check(label);
    }
    // Elder mode, switched on with its toggle on each site's home page, then
    // kept on every page (localStorage is per site).
    for (const [name, site] of Object.entries(sites)) {
      await page.goto(site.server.url);
      const toggle = page.locator('[data-gk-elder-toggle]');
      assert.equal(await toggle.isVisible(), true, 'the toggle shows once the script runs');
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      for (const [type, rel] of Object.entries(site.types)) {
        const label = `${name} ${type}`;
        await page.goto(site.server.url + rel);
        assert.equal(await page.evaluate(() => document.documentElement.classList.contains('gk-elder')), true, `${label}: elder mode persists`);
        const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p, main li, main dd') ?? document.body).fontSize));
        assert.ok(size >= 20, `${label}: elder mode body text is ${size}px`);
        await check(`${label} (elder mode)`);
      }
      await page.locator('[data-gk-elder-toggle]').click();
      assert.equal(await page.evaluate(() => localStorage.getItem('gongkai.elder')), null, 'switched off again');
    }
    // prefers-contrast: more.
    await page.emulateMedia({ contrast: 'more', reducedMotion: 'reduce' });
    for (const [label, url] of everyType()) {
      await page.goto(url);
      await check(`${label} (more contrast)`);
    }
    assert.equal(failures.length, 0, failures.join('\n\n'));
  } finally {
    await page.close();
  }
});

test('no horizontal scrolling at 320 px, in elder mode, or at 200% zoom', async () => {
  const page = await context.newPage();
  try {
    const wide = [];
    for (const [width, elder] of [[320, false], [320, true], [640, false]]) {
      // 640 CSS px is a 1280 px window at 200% zoom.
      await page.setViewportSize({ width, height: 800 });
      for (const [label, url] of everyType()) {
        await page.goto(url);
        if (elder) await page.evaluate(() => document.documentElement.classList.add('gk-elder'));
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        if (scroll > client) wide.push(`${label} at ${width}px${elder ? ' (elder)' : ''}: ${scroll} > ${client}`);
      }
    }
    assert.deepEqual(wide, []);
  } finally {
    await page.close();
  }
});

test('no CSP violation or console error on any page', async () => {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: ${err}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  let visited = 0;
  try {
    for (const site of Object.values(sites)) {
      for (const file of htmlFiles(site.dir)) {
        if (file === '404.html') continue; // served with status 404: Chromium logs that as an error
        await page.goto(site.server.url + file.replace(/index\.html$/, ''));
        visited++;
      }
    }
    // The 404 page itself, on a missing address deep in the site.
    const response = await page.goto(sites.fixture.server.url + 'a/b/c/missing/');
    assert.equal(response.status(), 404);
    assert.match(await page.title(), /页面未找到/);
    const notFound = problems.filter((p) => !/404 \(Not Found\)/.test(p));
    assert.deepEqual(notFound, []);
    assert.ok(visited > 60, `${visited} pages visited`);
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.body).fontFamily.length > 0),
      true,
      'the 404 page is styled at any depth',
    );
    const cssLoaded = await page.evaluate(() => getComputedStyle(document.querySelector('.gk-header__top')).backgroundColor);
    assert.equal(cssLoaded, 'rgb(11, 58, 116)', 'the stylesheet loaded from base_url’s path');
  } finally {
    await page.close();
  }
});

test('the skip link is the first Tab stop and moves focus to main', async () => {
  const page = await context.newPage();
  try {
    for (const [label, url] of everyType()) {
      await page.goto(url);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => ({
        cls: document.activeElement.className,
        href: document.activeElement.getAttribute('href'),
        visible: document.activeElement.getBoundingClientRect().top >= 0,
      }));
      assert.deepEqual(first, { cls: 'gk-skip-link', href: '#main', visible: true }, label);
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'main', `${label}: focus moved to main`);
    }
  } finally {
    await page.close();
  }
});

test('a record prints as a reply sheet', async () => {
  const page = await context.newPage();
  try {
    await page.goto(sites.fixture.server.url + 'proposals/2019/0001/');
    await page.emulateMedia({ media: 'print' });
    const shown = (selector) =>
      page.evaluate((s) => {
        const el = document.querySelector(s);
        return !!el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
      }, selector);
    for (const hidden of ['.gk-nav', '.gk-search', '.gk-elder-toggle', '.gk-breadcrumbs', '.gk-prev-next', '.gk-skip-link']) {
      assert.equal(await shown(hidden), false, `${hidden} is hidden in print`);
    }
    for (const kept of ['h1', '.gk-summary-list', '.gk-record__reply', '.gk-timeline', '.gk-print-only', '.gk-header__title']) {
      assert.equal(await shown(kept), true, `${kept} is printed`);
    }
    const sheet = await page.evaluate(() => document.querySelector('.gk-print-only').textContent);
    assert.match(sheet, /测试区建议提案办理结果公开/);
    assert.match(sheet, /https:\/\/www\.gongkai\.test\/gk\/proposals\/2019\/0001\//);
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await shown('.gk-print-only'), false, 'the page address is for print only');
    assert.equal(await shown('.gk-nav'), true);
  } finally {
    await page.close();
  }
});

test('without JavaScript the page is complete at its default size', async () => {
  const noJs = await launch({ javaScriptEnabled: false });
  try {
    const page = await noJs.newPage();
    await page.goto(sites.fixture.server.url + 'proposals/2019/0001/');
    assert.equal(await page.locator('[data-gk-elder-toggle]').isVisible(), false, 'no dead toggle');
    assert.equal(await page.locator('h1').isVisible(), true);
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    assert.equal(size, 16);
    await page.locator('.gk-breadcrumbs a', { hasText: '建议提案' }).click();
    assert.match(page.url(), /\/gk\/proposals\/$/);
  } finally {
    await noJs.close();
  }
});

/** Link targets in a page's HTML (href, src, action), decoded. */
function links(html) {
  const out = [];
  const re = /<(a|link|img|script|form)\b[^>]*?\s(href|src|action)=("([^"]*)"|'([^']*)'|([^\s>]+))/gi;
  for (const m of html.matchAll(re)) out.push((m[4] ?? m[5] ?? m[6]).replace(/&amp;/g, '&'));
  return out;
}

test('served under a sub-path, every internal link resolves', async () => {
  for (const [name, site] of Object.entries(sites)) {
    const start = new URL(site.server.url);
    const seen = new Set();
    const queue = [start.href, new URL('no/such/page/', start).href];
    const broken = [];
    const searchBuilt = fs.existsSync(path.join(site.dir, 'search/index.html'));
    while (queue.length) {
      const url = queue.shift();
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await fetch(url, { redirect: 'manual' });
      const rel = new URL(url).pathname.slice(PREFIX.length);
      const missingOk = rel.startsWith('no/such/page/') || (!searchBuilt && rel.startsWith('search/'));
      if (res.status !== 200 && !missingOk) broken.push(`${url}: ${res.status}`);
      if (!(res.headers.get('content-type') || '').startsWith('text/html')) continue;
      const html = await res.text();
      for (const target of links(html)) {
        const next = new URL(target, url);
        if (next.origin !== start.origin) continue;
        assert.ok(next.pathname.startsWith(PREFIX), `${url} links out of the sub-path: ${target}`);
        next.hash = '';
        next.search = '';
        if (!seen.has(next.href)) queue.push(next.href);
      }
    }
    assert.deepEqual(broken, [], `${name}: broken links`);
    // Every generated page is reachable by following links.
    const reached = new Set([...seen].map((u) => new URL(u).pathname.slice(PREFIX.length)));
    const orphans = htmlFiles(site.dir)
      .filter((f) => f !== '404.html')
      .map((f) => f.replace(/index\.html$/, ''))
      .filter((f) => !reached.has(f));
    assert.deepEqual(orphans, [], `${name}: pages no link leads to`);
  }
});

test('html-validate reports no error on any page', async () => {
  const validator = new HtmlValidate(new StaticConfigLoader({ extends: ['html-validate:standard', 'html-validate:a11y'] }));
  const errors = [];
  let pages = 0;
  for (const [name, site] of Object.entries(sites)) {
    for (const file of htmlFiles(site.dir)) {
      pages++;
      const report = await validator.validateFile(path.join(site.dir, file));
      for (const result of report.results) {
        for (const m of result.messages) {
          if (m.severity === 2) errors.push(`${name} ${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
        }
      }
    }
  }
  assert.ok(pages > 60, `${pages} pages validated`);
  assert.deepEqual(errors, []);
});

test('the units table sorts by any column from the keyboard', async () => {
  const page = await context.newPage();
  try {
    await page.goto(sites.fixture.server.url + 'units/');
    const table = page.locator('table#units-table');
    const heads = table.locator('thead th');
    const names = () => table.locator('tbody th').allTextContents();
    const column = async (i) => (await table.locator(`tbody tr td:nth-child(${i + 1})`).allTextContents()).map((t) => parseFloat(t));
    // As written: most records hosted first, and the heading says so.
    assert.equal(await heads.nth(1).getAttribute('aria-sort'), 'descending');
    const hosted = await column(1);
    assert.deepEqual(hosted, [...hosted].sort((a, b) => b - a));
    // Every heading holds a button; Tab reaches them, Enter and Space press them.
    assert.equal(await table.locator('thead th button').count(), await heads.count());
    await table.locator('thead th button').first().focus();
    await page.keyboard.press('Enter');
    assert.equal(await heads.first().getAttribute('aria-sort'), 'ascending', 'names sort ascending first');
    assert.equal(await heads.nth(1).getAttribute('aria-sort'), null, 'only one column is sorted');
    const byName = await names();
    assert.deepEqual(byName, [...byName].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    await page.keyboard.press('Space');
    assert.equal(await heads.first().getAttribute('aria-sort'), 'descending', 'pressed again, the order reverses');
    // Tab on to the co-handled column and sort it: numbers sort descending first.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('th').cellIndex), 2);
    await page.keyboard.press('Enter');
    assert.equal(await heads.nth(2).getAttribute('aria-sort'), 'descending');
    const co = await column(2);
    assert.deepEqual(co, [...co].sort((a, b) => b - a));
    const status = await page.locator('table#units-table + p[role=status]').textContent();
    assert.match(status, /协办/);
    assert.deepEqual(await axe(page), []);
  } finally {
    await page.close();
  }
});

test('without JavaScript the figures pages are complete', async () => {
  const noJs = await launch({ javaScriptEnabled: false });
  try {
    const page = await noJs.newPage();
    await page.goto(sites.fixture.server.url + 'units/');
    assert.equal(await page.locator('table#units-table thead th button').count(), 0, 'no sorter without the script');
    assert.equal(await page.locator('table#units-table thead th[aria-sort=descending]').count(), 1);
    assert.ok((await page.locator('table#units-table tbody tr').count()) > 1);
    await page.goto(sites.fixture.server.url + 'sessions/');
    assert.ok((await page.locator('figure.gk-chart-figure svg').count()) >= 2, 'one chart per body');
    assert.ok((await page.locator('figure.gk-chart-figure table').count()) >= 2, 'each with its table');
    const unit = pageTypes(sites.fixture.dir).unit;
    await page.goto(sites.fixture.server.url + unit);
    assert.equal(await page.locator('#unit-figures-heading').isVisible(), true);
    assert.equal(await page.locator('table#unit-figures-table').isVisible(), true);
  } finally {
    await noJs.close();
  }
});

test('the figures pages print their charts and tables', async () => {
  const page = await context.newPage();
  try {
    for (const rel of ['units/', 'sessions/', pageTypes(sites.fixture.dir).unit]) {
      await page.goto(sites.fixture.server.url + rel);
      await page.emulateMedia({ media: 'print' });
      const shown = (selector) =>
        page.evaluate((s) => [...document.querySelectorAll(s)].some((el) => getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0), selector);
      assert.equal(await shown('.gk-nav'), false, `${rel}: the navigation is hidden in print`);
      assert.equal(await shown('main table'), true, `${rel}: tables print`);
      if (rel !== 'units/') assert.equal(await shown('main svg.gk-chart'), true, `${rel}: charts print`);
      await page.emulateMedia({ media: 'screen' });
    }
  } finally {
    await page.close();
  }
});
