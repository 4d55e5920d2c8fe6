// gongkai serve in real Chromium: the live-reload script runs under the pages'
// Content-Security-Policy (no violation, no console error), a saved edit reloads
// the open tab, a content error replaces the page with the error list and the
// fix brings the page back. The time from saving a file to the reloaded page
// is printed; with GONGKAI_RELOAD_SITE=<site folder> (for example a generated
// 10,000-record corpus: `cargo run --release --example corpus -- 10000
// /dev/shm/c10k`) it is measured there too and must stay under 500 ms; the
// time to the reloaded page's first paint (its Performance API entry, before
// the harness notices the text) is printed beside it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gongkaiBin, launch, startServe, tempDir, watchPage } from './lib.mjs';

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

    const saved = edit(record, 'title: 关于……的建议', 'title: 关于增设社区停车位的建议');
    const shown = await reloadedWith(page, '关于增设社区停车位的建议');
    console.log(`small site: edit to reloaded page ${(shown - saved).toFixed(0)} ms`);

    // The scaffold leaves the category out (a reply category is stated only
    // where the reply gives one); state one the site does not have.
    edit(record, '# status: in_progress', 'status: resolved');
    await reloadedWith(page, '网站生成失败');
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

const bigSite = process.env.GONGKAI_RELOAD_SITE;
test('a one-record edit in a large site shows within 500 ms', { skip: !bigSite && 'GONGKAI_RELOAD_SITE not set' }, async () => {
  const records = path.join(bigSite, 'content/proposals');
  const year = fs.readdirSync(records).sort()[0];
  const name = fs.readdirSync(path.join(records, year)).sort()[0];
  const file = path.join(records, year, name);
  const original = fs.readFileSync(file, 'utf8');
  const server = await startServe(bigSite);
  const context = await launch();
  const times = [];
  const paints = [];
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}proposals/${year}/${name.replace(/\.yaml$/, '')}/`);
    await page.waitForTimeout(500);
    for (let i = 1; i <= 5; i++) {
      const marker = `第${i}次修改`;
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, text.replace(/title: "(第\d+次修改)?/, `title: "${marker}`));
      const saved = performance.now();
      const shown = await reloadedWith(page, marker);
      times.push(shown - saved);
      // When the reloaded page was first painted, by its own clock (both
      // clocks count from the epoch): the harness notices the text later.
      const painted = await page.evaluate(() => {
        const p = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
        return p ? performance.timeOrigin + p.startTime : NaN;
      });
      paints.push(painted - (performance.timeOrigin + saved));
      await page.waitForTimeout(300);
    }
  } finally {
    fs.writeFileSync(file, original);
    await context.close();
    await server.stop();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`large site: edit to reloaded page ${times.map((t) => t.toFixed(0)).join(', ')} ms (median ${sorted[2].toFixed(0)})`);
  const painted = [...paints].sort((a, b) => a - b);
  console.log(`large site: edit to first paint of the reloaded page ${paints.map((t) => t.toFixed(0)).join(', ')} ms (median ${painted[2].toFixed(0)})`);
  assert.ok(sorted[2] < 500, `median ${sorted[2]} ms`);
});
