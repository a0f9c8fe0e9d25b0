#!/usr/bin/env node
// Assembles the extension for Chromium (Chrome, Edge) and Firefox from one source:
//
//   dist/chromium/, dist/firefox/          loadable folders ("Load unpacked" / about:debugging)
//   dist/huisregels-chromium.zip, dist/huisregels-firefox.zip
//
// Input: extension/ (this folder) and the wasm-pack output pkg/ (huisregels.js + huisregels_bg.wasm,
// built by scripts/build.sh). No dependencies beyond Node itself: the content script is bundled by
// the small bundler below (content scripts cannot be ES modules), the icons are drawn here, and the
// zips are written with node:zlib. Everything is deterministic (sorted entries, fixed zip times)
// so a store reviewer can rebuild the same files.
//
// Environment: HUISREGELS_PKG (default <repo>/pkg), HUISREGELS_DIST (default <repo>/dist).

import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, resolve, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { Script } from 'node:vm';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const SRC = join(HERE, 'src');
const PKG = resolve(process.env.HUISREGELS_PKG ?? join(ROOT, 'pkg'));
const DIST = resolve(process.env.HUISREGELS_DIST ?? join(ROOT, 'dist'));
const PKG_FILES = ['huisregels.js', 'huisregels_bg.wasm'];

// --- content-script bundler ------------------------------------------------------------------
// Content scripts are classic scripts, so src/content/main.js and what it imports are joined into
// one IIFE. Supported (and checked): `import { a, b } from './x.js'`, `import X from './x.json'`,
// and `export function|const|class|let`. Modules are emitted once each, dependencies first.

const IMPORT_RE = /^import\s+(?:(\w+)|\{([^}]*)\})\s+from\s+'([^']+)';?[ \t]*$/gm;

export function bundle(entry) {
  const order = [];
  const seen = new Set();
  const visit = (file, trail) => {
    if (seen.has(file)) return;
    if (trail.includes(file)) throw new Error(`import cycle: ${[...trail, file].join(' -> ')}`);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(IMPORT_RE)) {
      const target = resolve(dirname(file), m[3]);
      if (!m[3].startsWith('.')) throw new Error(`${file}: only relative imports can be bundled (${m[3]})`);
      if (!target.endsWith('.json')) visit(target, [...trail, file]);
    }
    seen.add(file);
    order.push(file);
  };
  visit(resolve(entry), []);

  const parts = [];
  for (const file of order) {
    const rel = relative(HERE, file).split(sep).join('/');
    let source = readFileSync(file, 'utf8');
    if (/^export\s+(default|\{|\*)/m.test(source)) throw new Error(`${rel}: only 'export function|const|class|let' can be bundled`);
    source = source.replace(IMPORT_RE, (line, def, names, from) => {
      if (def && from.endsWith('.json')) {
        const json = JSON.stringify(JSON.parse(readFileSync(resolve(dirname(file), from), 'utf8')));
        return `const ${def} = ${json};`;
      }
      if (def) throw new Error(`${rel}: default import of ${from} cannot be bundled`);
      return `// ${line.replace(/\s+/g, ' ')}`;
    });
    source = source.replace(/^export\s+(?=(async\s+)?(function|const|class|let)\b)/gm, '');
    parts.push(`// ---- ${rel}\n${source}`);
  }
  const out = `// huisregels content script (bundled by extension/build.mjs; sources in extension/src)\n`
    + `(() => {\n'use strict';\n${parts.join('\n')}\n})();\n`;
  new Script(out, { filename: 'content.js' }); // a syntax error fails the build, not the browser
  return out;
}

// --- icons -------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A speech bubble with a red warning dot on police blue, supersampled. */
export function icon(size) {
  const inRound = (x, y, x0, y0, x1, y1, r) => {
    const cx = Math.max(x0 + r, Math.min(x, x1 - r));
    const cy = Math.max(y0 + r, Math.min(y, y1 - r));
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const colour = (u, v) => {
    if (!inRound(u, v, 0, 0, 1, 1, 0.2)) return null;
    const dot = (u - 0.74) ** 2 + (v - 0.28) ** 2 <= 0.15 ** 2;
    if (dot) return [229, 57, 53];
    const bubble = inRound(u, v, 0.16, 0.22, 0.84, 0.68, 0.1)
      || (v >= 0.66 && v <= 0.84 && u >= 0.28 && u <= 0.44 && (u - 0.28) >= (v - 0.66) * 0.9);
    const line = v > 0.36 && v < 0.42 && u > 0.26 && u < 0.62 || v > 0.49 && v < 0.55 && u > 0.26 && u < 0.72;
    if (bubble && !line) return [255, 255, 255];
    return [29, 61, 122];
  };
  const S = 4;
  const rows = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x += 1) {
      let r = 0; let g = 0; let b = 0; let a = 0;
      for (let sy = 0; sy < S; sy += 1) {
        for (let sx = 0; sx < S; sx += 1) {
          const c = colour((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
        }
      }
      if (a) row.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (S * S))], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- zip ---------------------------------------------------------------------------------------

/** A zip archive of `entries` ([name, Buffer]), deflated, with a fixed 1980-01-01 timestamp. */
export function zip(entries) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const useDeflate = deflated.length < data.length;
    const body = useDeflate ? deflated : data;
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(useDeflate ? 8 : 0, 8);
    head.writeUInt16LE(0, 10); // time 00:00
    head.writeUInt16LE(0x21, 12); // date 1980-01-01
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    head.writeUInt16LE(0, 28);
    local.push(head, nameBuf, body);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(0x0314, 4); // made by: unix, 2.0
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(useDeflate ? 8 : 0, 10);
    dir.writeUInt16LE(0, 12);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBuf.length, 28);
    dir.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, nameBuf);
    offset += head.length + nameBuf.length + body.length;
  }
  const centralBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, centralBuf, end]);
}

// --- manifest per browser -------------------------------------------------------------------

/**
 * One manifest source; each browser gets it without the keys it does not use, so neither shows
 * warnings: Chromium runs `background.service_worker`, Firefox runs `background.scripts` as a
 * module event page and reads its add-on id from `browser_specific_settings`.
 */
export function manifestFor(target, source) {
  const m = structuredClone(source);
  if (target === 'chromium') {
    delete m.background.scripts;
    delete m.browser_specific_settings;
  } else {
    delete m.background.service_worker;
    delete m.storage; // Firefox reads managed storage from a native manifest, not a schema
  }
  return m;
}

// --- assembly ----------------------------------------------------------------------------------

function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

function write(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

export function build() {
  const missing = PKG_FILES.filter((f) => !existsSync(join(PKG, f)));
  if (missing.length) {
    throw new Error(`${PKG}: missing ${missing.join(', ')}. Build the engine first: bash scripts/build.sh`);
  }
  const source = JSON.parse(readFileSync(join(HERE, 'manifest.json'), 'utf8'));
  const content = bundle(join(SRC, 'content', 'main.js'));
  const icons = Object.fromEntries([16, 32, 48, 128].map((s) => [`icons/${s}.png`, icon(s)]));

  const files = new Map(); // path in the extension -> Buffer
  for (const path of filesUnder(SRC)) {
    const rel = relative(SRC, path).split(sep).join('/');
    if (rel.startsWith('content/')) continue; // bundled
    files.set(rel, readFileSync(path));
  }
  for (const path of filesUnder(join(HERE, '_locales'))) {
    files.set(relative(HERE, path).split(sep).join('/'), readFileSync(path));
  }
  files.set('managed_schema.json', readFileSync(join(HERE, 'managed_schema.json')));
  files.set('content.js', Buffer.from(content));
  for (const [name, data] of Object.entries(icons)) files.set(name, data);
  for (const f of PKG_FILES) files.set(`pkg/${f}`, readFileSync(join(PKG, f)));

  mkdirSync(DIST, { recursive: true });
  const results = [];
  for (const target of ['chromium', 'firefox']) {
    const dir = join(DIST, target);
    rmSync(dir, { recursive: true, force: true });
    const all = new Map(files);
    all.set('manifest.json', Buffer.from(`${JSON.stringify(manifestFor(target, source), null, 2)}\n`));
    for (const [rel, data] of all) write(join(dir, rel), data);
    const entries = [...all].sort(([a], [b]) => (a < b ? -1 : 1));
    const zipPath = join(DIST, `huisregels-${target}.zip`);
    writeFileSync(zipPath, zip(entries));
    results.push({ target, dir, zip: zipPath, files: entries.length });
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    for (const r of build()) console.log(`extension: ${r.target}: ${relative(ROOT, r.dir)}/ (${r.files} files), ${relative(ROOT, r.zip)}`);
  } catch (e) {
    console.error(`extension/build.mjs: ${e.message}`);
    process.exit(1);
  }
}
