// Screenshots of every page type at 375 px and 1280 px, for looking at the
// theme (not a test): node tests/browser/screenshots.mjs PUBLIC_DIR OUT_DIR [--elder]
// Page types are found in the built site (the first file of each kind).

import fs from 'node:fs';
import path from 'node:path';
import { launch, serve } from './lib.mjs';
import { pageTypes } from './pages.lib.mjs';

const [dir, out = '/tmp/shots', flag] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node tests/browser/screenshots.mjs PUBLIC_DIR [OUT_DIR] [--elder]');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
const server = await serve(path.resolve(dir), '/gk/');
const context = await launch();
try {
  const page = await context.newPage();
  for (const [name, rel] of Object.entries(pageTypes(path.resolve(dir)))) {
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(server.url + rel);
      if (flag === '--elder') {
        await page.evaluate(() => document.documentElement.classList.add('gk-elder'));
      }
      const base = path.join(out, `${name}-${width}${flag === '--elder' ? '-elder' : ''}`);
      await page.screenshot({ path: `${base}.png`, fullPage: true });
      console.log(`${base}.png`);
      // Parts of at most one tall screen each, easier to look at than a long page.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const step = width < 800 ? 1100 : 1500;
      for (let y = 0, n = 1; y < height; y += step, n++) {
        await page.screenshot({
          path: `${base}.part${n}.png`,
          fullPage: true,
          clip: { x: 0, y, width, height: Math.min(step, height - y) },
        });
      }
    }
  }
} finally {
  await context.close();
  await server.close();
}
