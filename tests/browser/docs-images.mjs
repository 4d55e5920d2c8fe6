// The screenshots of the demo home page shown in the README (not a test):
//   node tests/browser/docs-images.mjs PUBLIC_DIR OUT_DIR
// writes OUT_DIR/home-phone.png (375 px wide) and OUT_DIR/home-desktop.png
// (1280 px), each the first screen of the page. scripts/docs-images builds the
// demo, runs this and compresses the images.

import fs from 'node:fs';
import path from 'node:path';
import { launch, serve } from './lib.mjs';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  console.error('usage: node tests/browser/docs-images.mjs PUBLIC_DIR OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
const server = await serve(path.resolve(dir), '/');
const context = await launch();
try {
  const page = await context.newPage();
  for (const [name, width, height] of [['home-phone', 375, 812], ['home-desktop', 1280, 800]]) {
    await page.setViewportSize({ width, height });
    await page.goto(server.url);
    const file = path.join(out, `${name}.png`);
    await page.screenshot({ path: file });
    console.log(file);
  }
} finally {
  await context.close();
  await server.close();
}
