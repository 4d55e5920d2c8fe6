// gongkai serve in real Chromium: the live-reload script runs under the pages'
// Content-Security-Policy (no violation, no console error), a saved edit shows
// in the open tab — in place, without a navigation, when the page stays the
// same page with the same stylesheets and scripts — a content error replaces
// the page with the error list and the fix brings the page back. After an
// in-place update the page's scripts work, each set up once (the elder-mode
// toggle, a sortable table, the search page and its popstate listener), and
// a changed stylesheet reloads the page. The time from saving a file to the
// page showing it is printed; with GONGKAI_RELOAD_SITE=<site folder> (for
// example a generated 10,000-record corpus: `target/release/examples/corpus
// --shape typical 10000 /dev/shm/c10k`) it is measured there too and its
// median of five must stay under 250 ms; the time to the page's update (the
// live-reload script's `gongkai-updated` performance mark, or after a full
// reload its first paint), before the harness notices the text, is printed
// beside it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gongkaiBin, launch, repoRoot, startServe, tempDir, watchPage } from './lib.mjs';

/** Replaces text in a file (the first occurrence) and returns the time of the save. */
function edit(file, from, to) {
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${from} in ${file}`);
  fs.writeFileSync(file, text.replace(from, to));
  return performance.now();
}

/** Waits until the page has reloaded and shows `text`; returns when it did. */
async function reloadedWith(page, text) {
  await page.waitForFunction((t) => document.body && document.body.innerText.includes(t), text, {
    timeout: 30_000,
    polling: 5,
  });
  return performance.now();
}

test('live reload under the CSP, the error page, and the fix', async () => {
  const site = path.join(tempDir(), 'site');
  execFileSync(gongkaiBin(), ['init', site, '--quiet']);
  const record = path.join(site, 'content/proposals/2019/0001.yaml');
  const server = await startServe(site);
  const context = await launch();
  try {
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server.url}proposals/2019/0001/`);
    assert.ok((await page.textContent('h1')).includes('关于……的建议'));
    // Give the script time to start polling.
    await page.waitForTimeout(300);

    await page.evaluate(() => { window.gkKept = true; });
    const saved = edit(record, 'title: 关于……的建议', 'title: 关于增设社区停车位的建议');
    const shown = await reloadedWith(page, '关于增设社区停车位的建议');
    console.log(`small site: edit to updated page ${(shown - saved).toFixed(0)} ms`);
    assert.ok(await page.evaluate(() => window.gkKept), 'the page was updated in place');
    assert.equal(await page.title(), '关于增设社区停车位的建议 - 某某区建议提案办理结果公开');

    // The scaffold leaves the category out (a reply category is stated only
    // where the reply gives one); state one the site does not have.
    edit(record, '# status: in_progress', 'status: resolved');
    await reloadedWith(page, '网站生成失败');
    assert.ok(!(await page.evaluate(() => window.gkKept)), 'the error page is a full reload');
    const errorText = await page.textContent('body');
    assert.match(errorText, /content\/proposals\/2019\/0001\.yaml:\d+:9: error\[E044\]: site\.yaml 的 categories 中没有 id 为 "resolved" 的办理结果分类/);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');

    edit(record, 'status: resolved', 'status: solved');
    await reloadedWith(page, '关于增设社区停车位的建议');
    assert.deepEqual(watch.cspViolations, [], 'the reload script obeys the CSP');
    // The error page is served with status 500 and Chromium asks for /favicon.ico
    // (404): both are logged as failed loads, which is right; nothing else may be.
    const scriptErrors = watch.errors.filter((e) => !e.startsWith('Failed to load resource'));
    assert.deepEqual(scriptErrors, [], 'no script errors');
  } finally {
    await context.close();
    await server.stop();
  }
});

/**
 * Counts the listeners on window for `popstate` (search.js adds one) in every
 * document of the page, before its scripts run: `window.gkPopstate`.
 */
function countPopstateListeners() {
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const listeners = new Set();
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    if (this === window && type === 'popstate') listeners.add(fn);
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    if (this === window && type === 'popstate') listeners.delete(fn);
    return remove.call(this, type, fn, options);
  };
  Object.defineProperty(window, 'gkPopstate', { get: () => listeners.size });
}

/** Waits until the live-reload script has updated the page in place `n` times in all. */
async function updatedInPlace(page, n) {
  await page.waitForFunction((n) => performance.getEntriesByName('gongkai-updated').length >= n, n, {
    timeout: 30_000,
    polling: 5,
  });
}

test('after an in-place update the page works, its scripts set up once; a CSS change reloads', async () => {
  const site = path.join(tempDir(), 'site');
  execFileSync(gongkaiBin(), ['init', site, '--quiet']);
  const record = path.join(site, 'content/proposals/2019/0001.yaml');
  const server = await startServe(site);
  const context = await launch({ viewport: { width: 800, height: 400 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(countPopstateListeners);
    const watch = watchPage(page);

    // A record page, scrolled, in elder mode (theme.js).
    await page.goto(`${server.url}proposals/2019/0001/`);
    await page.waitForTimeout(300);
    const toggle = page.locator('[data-gk-elder-toggle]').first();
    await toggle.click();
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('gk-elder')));
    await page.evaluate(() => { window.scrollTo(0, 300); window.gkKept = true; });
    const scrolled = await page.evaluate(() => window.scrollY);
    assert.ok(scrolled > 0, 'the page scrolls');
    edit(record, 'title: 关于……的建议', 'title: 第一次修改');
    await reloadedWith(page, '第一次修改');
    assert.ok(await page.evaluate(() => window.gkKept), 'updated in place');
    assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the scroll position is kept');
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('gk-elder')), 'still in elder mode');
    await page.waitForFunction(() => !document.querySelector('[data-gk-elder-toggle]').hidden);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    // One click toggles once: the toggle's listener was attached once.
    await toggle.click();
    assert.ok(!(await page.evaluate(() => document.documentElement.classList.contains('gk-elder'))));
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');

    // A sortable table (sort.js): one button per heading, one sort per click.
    await page.goto(`${server.url}units/`);
    await page.waitForSelector('#units-table thead .gk-sort-button');
    edit(record, 'title: 第一次修改', 'title: 第二次修改');
    await updatedInPlace(page, 1);
    await page.waitForSelector('#units-table thead .gk-sort-button');
    const heads = await page.locator('#units-table thead th').count();
    assert.equal(await page.locator('#units-table thead .gk-sort-button').count(), heads);
    const hosted = page.locator('#units-table thead th').nth(1);
    assert.equal(await hosted.getAttribute('aria-sort'), 'descending');
    await hosted.locator('button').click();
    assert.equal(await hosted.getAttribute('aria-sort'), 'ascending', 'sorted once by one click');

    // The search page (search.js, which listens for popstate on window).
    const status = () => page.locator('#search-status').textContent();
    await page.goto(`${server.url}search/?q=${encodeURIComponent('某某局')}`);
    await page.waitForFunction(() => document.getElementById('search-status').textContent === '找到 2 件');
    assert.equal(await page.evaluate(() => window.gkPopstate), 1);
    edit(record, 'title: 第二次修改', 'title: 第三次修改');
    await updatedInPlace(page, 1);
    await page.waitForFunction(() => document.getElementById('search-status').textContent === '找到 2 件');
    assert.ok(await page.locator('#search-results').textContent().then((t) => t.includes('第三次修改')), 'the new index is read');
    assert.equal(await page.evaluate(() => window.gkPopstate), 1, 'one popstate listener after the update');
    await page.fill('#search-q', '没有这个词语');
    await page.press('#search-q', 'Enter');
    await page.waitForFunction(() => document.getElementById('search-status').textContent.startsWith('没有找到'));
    await page.goBack();
    await page.waitForFunction(() => document.getElementById('search-status').textContent === '找到 2 件');
    assert.equal(await page.inputValue('#search-q'), '某某局');
    assert.equal(await status(), '找到 2 件');

    // A changed stylesheet is a new file name: the page reloads.
    await page.evaluate(() => { window.gkKept = true; });
    const sheet = await page.getAttribute('link[rel=stylesheet]', 'href');
    const css = fs.readFileSync(path.join(repoRoot, 'themes/default/static/css/site.css'), 'utf8');
    fs.mkdirSync(path.join(site, 'static/css'), { recursive: true });
    fs.writeFileSync(path.join(site, 'static/css/site.css'), `${css}\n.gk-test-changed { color: inherit; }\n`);
    await page.waitForFunction((old) => {
      const link = document.querySelector('link[rel=stylesheet]');
      return link && link.getAttribute('href') !== old;
    }, sheet, { timeout: 30_000, polling: 5 });
    assert.ok(!(await page.evaluate(() => window.gkKept)), 'a full reload');
    await page.waitForFunction(() => document.getElementById('search-status').textContent === '找到 2 件');
    assert.equal(await page.evaluate(() => window.gkPopstate), 1);

    assert.deepEqual(watch.cspViolations, [], 'the reload script obeys the CSP');
    // Chromium asks for /favicon.ico (404), which is logged as a failed load.
    const scriptErrors = watch.errors.filter((e) => !e.startsWith('Failed to load resource'));
    assert.deepEqual(scriptErrors, [], 'no script errors');
  } finally {
    await context.close();
    await server.stop();
  }
});

const bigSite = process.env.GONGKAI_RELOAD_SITE;
test('a one-record edit in a large site shows within 250 ms', { skip: !bigSite && 'GONGKAI_RELOAD_SITE not set' }, async () => {
  const records = path.join(bigSite, 'content/proposals');
  const year = fs.readdirSync(records).sort()[0];
  const name = fs.readdirSync(path.join(records, year)).sort()[0];
  const file = path.join(records, year, name);
  const original = fs.readFileSync(file, 'utf8');
  const server = await startServe(bigSite);
  const context = await launch();
  const times = [];
  const updates = [];
  let inPlace = 0;
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}proposals/${year}/${name.replace(/\.yaml$/, '')}/`);
    await page.waitForTimeout(500);
    for (let i = 1; i <= 5; i++) {
      await page.evaluate(() => { window.gkKept = true; });
      const marker = `第${i}次修改`;
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, text.replace(/title: "(第\d+次修改)?/, `title: "${marker}`));
      const saved = performance.now();
      const shown = await reloadedWith(page, marker);
      times.push(shown - saved);
      // When the page was updated (the live-reload script's mark) or, after
      // a full reload, first painted, by its own clock (both clocks count from
      // the epoch): the harness notices the text later.
      const { kept, at } = await page.evaluate(() => {
        const mark = performance.getEntriesByName('gongkai-updated').pop();
        const paint = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
        const kept = Boolean(window.gkKept);
        const entry = kept ? mark : paint;
        return { kept, at: entry ? performance.timeOrigin + entry.startTime : NaN };
      });
      if (kept) inPlace++;
      updates.push(at - (performance.timeOrigin + saved));
      await page.waitForTimeout(300);
    }
  } finally {
    fs.writeFileSync(file, original);
    await context.close();
    await server.stop();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`large site: edit to updated page ${times.map((t) => t.toFixed(0)).join(', ')} ms (median ${sorted[2].toFixed(0)})`);
  const updated = [...updates].sort((a, b) => a - b);
  console.log(`large site: edit to the page updated (in place ${inPlace} of 5, else first paint) ${updates.map((t) => t.toFixed(0)).join(', ')} ms (median ${updated[2].toFixed(0)})`);
  assert.equal(inPlace, 5, 'every edit updated the page in place');
  assert.ok(sorted[2] < 250, `median ${sorted[2]} ms`);
});
