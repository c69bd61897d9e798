#!/usr/bin/env node
// Gzipped size of the child app's initial JavaScript (the files index.html loads
// up front: <script src> and <link rel="modulepreload">). Goal: ≤ 60 KB gzipped.
// Usage: npx nx build child && node frontend/child/bench-bundle.mjs [--max-kb 60] [--json]
// Exits 1 when the total exceeds --max-kb (default 60).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dist = resolve(root, 'dist/frontend/child/browser');
const args = process.argv.slice(2);
const maxKb = Number(args.includes('--max-kb') ? args[args.indexOf('--max-kb') + 1] : 60);
const asJson = args.includes('--json');

const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) {
  console.error(`No build found at ${dist}. Run: npx nx build child`);
  process.exit(2);
}
const html = readFileSync(indexPath, 'utf8');

const files = new Set();
for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
  const isScript = /^<script/i.test(tag);
  const isPreload = /rel=["']?modulepreload/i.test(tag);
  const url = (tag.match(/\b(?:src|href)=["']?([^"' >]+)/i) ?? [])[1];
  if (url && (isScript || isPreload) && url.endsWith('.js') && !/^(https?:)?\/\//.test(url)) {
    files.add(url.replace(/^\.?\//, ''));
  }
}

const rows = [...files].map((file) => {
  const raw = readFileSync(join(dist, file));
  const gzip = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length;
  return { file, raw: raw.length, gzip };
});
const total = rows.reduce((sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip }), { raw: 0, gzip: 0 });
const kb = (bytes) => (bytes / 1024).toFixed(1);
const ok = total.gzip <= maxKb * 1024;

if (asJson) {
  console.log(JSON.stringify({ files: rows, total, maxKb, ok }, null, 2));
} else {
  for (const row of rows) console.log(`${row.file.padEnd(32)} ${kb(row.raw).padStart(8)} KB raw ${kb(row.gzip).padStart(7)} KB gzip`);
  console.log(`${'initial JS total'.padEnd(32)} ${kb(total.raw).padStart(8)} KB raw ${kb(total.gzip).padStart(7)} KB gzip (goal ≤ ${maxKb} KB: ${ok ? 'ok' : 'OVER'})`);
}
process.exit(ok ? 0 : 1);
