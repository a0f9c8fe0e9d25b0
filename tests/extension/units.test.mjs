// Node-only checks of the extension's pieces that need no browser: settings, the build (manifest
// per browser, content-script bundle, zip, icons), the locales and the managed-storage schema.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { Script } from 'node:vm';
import { bundle, zip, crc32, icon, manifestFor } from '../../extension/build.mjs';
import {
  normaliseSettings, mergeManaged, engineOptions, optionsKey, exportDocument, importDocument, dismissKey,
  CATEGORIES, FIELDS,
} from '../../extension/src/settings.js';
import { KINDS, msg, ask, errorReply } from '../../extension/src/protocol.js';
import { mostPressing, repliesFor, needsEvidence, evidenceRecord, mediaFinding } from '../../extension/src/content/records.js';
import { ROOT } from './harness.mjs';

const EXT = join(ROOT, 'extension');
const manifest = JSON.parse(readFileSync(join(EXT, 'manifest.json'), 'utf8'));

describe('manifest', () => {
  it('asks for storage and the Facebook hosts, nothing else', () => {
    assert.deepEqual(manifest.permissions, ['storage']);
    assert.deepEqual(manifest.host_permissions, [
      'https://www.facebook.com/*', 'https://web.facebook.com/*', 'https://m.facebook.com/*', 'https://business.facebook.com/*',
    ]);
    assert.deepEqual(manifest.content_scripts[0].matches, manifest.host_permissions);
    assert.equal(manifest.optional_permissions, undefined);
    assert.equal(manifest.web_accessible_resources, undefined, 'pages cannot probe for the extension or its .wasm');
    assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  });

  it('gives each browser only the keys it uses', () => {
    const chromium = manifestFor('chromium', manifest);
    const firefox = manifestFor('firefox', manifest);
    assert.deepEqual(chromium.background, { service_worker: 'background.js', type: 'module' });
    assert.equal(chromium.browser_specific_settings, undefined);
    assert.deepEqual(firefox.background, { scripts: ['background.js'], type: 'module' });
    assert.equal(firefox.browser_specific_settings.gecko.id, 'huisregels@politie-gent');
    assert.equal(firefox.browser_specific_settings.gecko.strict_min_version, '128.0');
    assert.deepEqual(firefox.permissions, chromium.permissions);
  });
});

describe('locales', () => {
  const locales = Object.fromEntries(readdirSync(join(EXT, '_locales')).map((lang) => [
    lang, JSON.parse(readFileSync(join(EXT, '_locales', lang, 'messages.json'), 'utf8')),
  ]));

  it('has Dutch (default), French and English with the same keys', () => {
    assert.equal(manifest.default_locale, 'nl');
    assert.deepEqual(Object.keys(locales).sort(), ['en', 'fr', 'nl']);
    const keys = Object.keys(locales.nl).sort();
    for (const lang of ['fr', 'en']) assert.deepEqual(Object.keys(locales[lang]).sort(), keys, lang);
    for (const [lang, messages] of Object.entries(locales)) {
      for (const [key, { message, placeholders }] of Object.entries(messages)) {
        for (const [, name] of message.matchAll(/\$(\w+)\$/g)) {
          assert.ok(placeholders?.[name.toLowerCase()], `${lang}/${key}: placeholder ${name} is defined`);
        }
      }
    }
  });

  it('has every message the code asks for', () => {
    const used = new Set();
    const sources = [
      ...readdirSync(join(EXT, 'src')).filter((f) => /\.(js|html)$/.test(f)).map((f) => join(EXT, 'src', f)),
      ...readdirSync(join(EXT, 'src', 'content')).filter((f) => f.endsWith('.js')).map((f) => join(EXT, 'src', 'content', f)),
    ];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const [, key] of text.matchAll(/\bt\('([a-z_]+)'/g)) used.add(key);
      for (const [, key] of text.matchAll(/data-i18n="([a-z_]+)"/g)) used.add(key);
    }
    // Built from a value: t(`action_${action}`), t(`category_${category}`), t(`recommend_${action}`).
    for (const action of ['urgent', 'remove', 'review', 'redirect', 'allow']) used.add(`action_${action}`).add(`recommend_${action}`);
    for (const category of CATEGORIES) used.add(`category_${category.replaceAll('-', '_')}`);
    for (const name of ['extName', 'extDescription']) used.add(name);
    const missing = [...used].filter((k) => !locales.nl[k]);
    assert.deepEqual(missing, []);
  });
});

describe('managed storage schema', () => {
  it('covers every settings field and the adapters', () => {
    const schema = JSON.parse(readFileSync(join(EXT, 'managed_schema.json'), 'utf8'));
    assert.equal(manifest.storage.managed_schema, 'managed_schema.json');
    assert.deepEqual(Object.keys(schema.properties).sort(), [...FIELDS, 'adapters'].sort());
    const adapters = JSON.parse(readFileSync(join(EXT, 'src', 'content', 'adapters.json'), 'utf8'));
    const surfaceProps = Object.keys(schema.properties.adapters.properties.surfaces.items.properties);
    for (const surface of adapters.surfaces) {
      for (const key of Object.keys(surface)) assert.ok(surfaceProps.includes(key), `schema knows surface key ${key}`);
    }
  });
});

describe('settings', () => {
  it('cleans stored settings and refuses a bad shape in Dutch', () => {
    assert.deepEqual(normaliseSettings(undefined), { disable: [], actions: {}, block: [], allow: [] });
    assert.deepEqual(normaliseSettings({ block: [' zever ', 'zever', ''], disable: ['trolling'] }),
      { disable: ['trolling'], actions: {}, block: ['zever'], allow: [] });
    assert.throws(() => normaliseSettings({ block: 'zever' }), /"block" moet een lijst/);
    assert.throws(() => normaliseSettings([]), /JSON-object/);
    assert.throws(() => normaliseSettings({ actions: { insult: 3 } }), /"actions"/);
  });

  it('lets managed fields win and lists them as locked', () => {
    const { settings, locked } = mergeManaged(
      { disable: ['trolling'], block: ['zever'], actions: { insult: 'review' } },
      { block: ['bullshit'], actions: { advertising: 'review' } },
    );
    assert.deepEqual(settings, { disable: ['trolling'], actions: { advertising: 'review' }, block: ['bullshit'], allow: [] });
    assert.deepEqual(locked, ['actions', 'block']);
    assert.deepEqual(mergeManaged({ block: ['x'] }, {}).locked, []);
  });

  it('names equal options with the same key, whatever the key order', () => {
    const a = engineOptions({ actions: { insult: 'review', trolling: 'allow' }, block: ['a'] });
    const b = engineOptions({ block: ['a'], actions: { trolling: 'allow', insult: 'review' } });
    assert.equal(optionsKey(a), optionsKey(b));
    assert.notEqual(optionsKey(a), optionsKey(engineOptions({})));
  });

  it('round-trips export and import, and refuses other files', () => {
    const settings = { disable: ['media'], actions: { complaint: 'remove' }, block: ['zever'], allow: ['kanker*onderzoek'] };
    const doc = exportDocument(settings);
    assert.equal(doc.format, 'huisregels-settings');
    assert.deepEqual(importDocument(JSON.stringify(doc)), settings);
    assert.throws(() => importDocument('{'), /geen geldig JSON/);
    assert.throws(() => importDocument('{"block": []}'), /geen instellingenbestand/);
  });

  it('hashes a dismissed comment without storing its text', () => {
    const key = dismissKey('Jan Peeters', 'Kankerflikken zijn het');
    assert.match(key, /^dismissed:[0-9a-f]{16}$/);
    assert.equal(key, dismissKey('Jan Peeters', 'Kankerflikken zijn het'));
    assert.notEqual(key, dismissKey('Jan Peeters', 'Kankerflikken zijn het!'));
    assert.notEqual(key, dismissKey('Jan Peeter', 'sKankerflikken zijn het'));
  });
});

describe('protocol', () => {
  it('tags every message with a known kind', async () => {
    assert.deepEqual(msg(KINDS.check, { texts: ['a'] }), { texts: ['a'], kind: 'check' });
    assert.throws(() => msg('chek'), /unknown message kind/);
    assert.deepEqual(errorReply(new Error('kapot')), { kind: 'error', message: 'kapot' });
    await assert.rejects(ask(async () => errorReply(new Error('kapot')), msg(KINDS.rules), KINDS.rules), /kapot/);
    await assert.rejects(ask(async () => undefined, msg(KINDS.rules), KINDS.rules), /expected rules, got nothing/);
  });
});

describe('records', () => {
  const rules = new Map([
    ['threat/violence', { id: 'threat/violence', category: 'threat', houseRule: 'Elke vorm van bedreiging...', reply: null, evidence: true, enabled: true, action: 'remove' }],
    ['complaint/filing', { id: 'complaint/filing', category: 'complaint', houseRule: 'Klacht indienen...', reply: 'Ga naar het commissariaat.', evidence: false, enabled: true, action: 'redirect' }],
    ['media/consent', { id: 'media/consent', category: 'media', houseRule: 'toelating nodig', message: 'Beeld van mensen', advice: 'Vraag toestemming', reply: null, evidence: false, enabled: true, action: 'review' }],
  ]);
  const threat = { rule: 'threat/violence', category: 'threat', action: 'remove', start: 10, end: 22, excerpt: 'kapot slaan', message: 'Bedreiging.' };

  it('orders actions as the design does', () => {
    assert.equal(mostPressing(['review', 'redirect', 'remove']), 'remove');
    assert.equal(mostPressing(['review', 'urgent']), 'urgent');
    assert.equal(mostPressing([]), 'allow');
  });

  it('picks replies and evidence from the engine rules', () => {
    const complaint = { rule: 'complaint/filing', category: 'complaint', action: 'redirect' };
    assert.deepEqual(repliesFor([complaint, complaint, threat], rules), [{ rule: 'complaint/filing', category: 'complaint', reply: 'Ga naar het commissariaat.' }]);
    assert.equal(needsEvidence([threat], rules), true);
    assert.equal(needsEvidence([complaint], rules), false);
  });

  it('words an attachment finding with the engine media rule, unless media is off', () => {
    const f = mediaFinding(rules);
    assert.equal(f.rule, 'media/attachment');
    assert.equal(f.message, 'Beeld van mensen');
    assert.equal(f.action, 'review');
    const off = new Map([['media/consent', { ...rules.get('media/consent'), enabled: false }]]);
    assert.equal(mediaFinding(off), null);
  });

  it('writes an evidence record with everything as shown', () => {
    const record = evidenceRecord({
      pageUrl: 'https://www.facebook.com/politiegent/posts/1',
      comment: { link: 'https://www.facebook.com/x?comment_id=9', author: 'Jan <b>', time: '2 u', text: 'Ik ga die agent kapot slaan', media: false, reply: false },
      findings: [threat], rulesById: rules, version: '0.1.0', capturedAt: new Date('2026-01-02T03:04:05Z'),
    });
    for (const part of ['Vastgelegd op: 2026-01-02T03:04:05.000Z', 'Pagina: https://www.facebook.com/politiegent/posts/1',
      'Link naar reactie: https://www.facebook.com/x?comment_id=9', 'Auteur (zoals getoond): Jan <b>', 'Tijdstip (zoals getoond): 2 u',
      '<<<\nIk ga die agent kapot slaan\n>>>', '- threat/violence (threat, actie: remove): Bedreiging.', 'Huisregel: "Elke vorm van bedreiging..."',
      'Gecontroleerd met huisregels 0.1.0.']) {
      assert.ok(record.includes(part), part);
    }
  });
});

describe('build', () => {
  it('bundles the content script into one classic script', () => {
    const out = bundle(join(EXT, 'src', 'content', 'main.js'));
    assert.doesNotMatch(out, /^\s*(import|export)\s/m);
    assert.match(out, /const ADAPTERS = \{/);
    assert.doesNotThrow(() => new Script(out), 'parses as a classic script');
    assert.match(out, /^\(\(\) => \{$/m, 'wrapped in one function: nothing leaks into the page world');
  });

  it('writes zips that inflate back to their files', () => {
    const entries = [['a.txt', Buffer.from('hallo '.repeat(100))], ['dir/b.bin', Buffer.from([0, 1, 2, 3])]];
    const buf = zip(entries);
    let offset = 0;
    for (const [name, data] of entries) {
      assert.equal(buf.readUInt32LE(offset), 0x04034b50);
      const method = buf.readUInt16LE(offset + 8);
      const crc = buf.readUInt32LE(offset + 14);
      const size = buf.readUInt32LE(offset + 18);
      const nameLen = buf.readUInt16LE(offset + 26);
      assert.equal(buf.toString('utf8', offset + 30, offset + 30 + nameLen), name);
      const body = buf.subarray(offset + 30 + nameLen, offset + 30 + nameLen + size);
      const back = method === 8 ? inflateRawSync(body) : body;
      assert.deepEqual(back, data);
      assert.equal(crc, crc32(data));
      offset += 30 + nameLen + size;
    }
    assert.equal(buf.readUInt32LE(buf.length - 22), 0x06054b50);
    assert.equal(buf.readUInt16LE(buf.length - 12), 2);
  });

  it('draws PNG icons', () => {
    const png = icon(16);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.readUInt32BE(16), 16);
  });
});
