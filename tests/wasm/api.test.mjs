// The JavaScript API of the WebAssembly module, in Node: offsets, errors, checkMany, rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = new URL('../../pkg/', import.meta.url);
const { initSync, Engine, version } = await import(new URL('huisregels.js', pkg));
initSync({ module: readFileSync(new URL('huisregels_bg.wasm', pkg)) });
const engine = new Engine();

function assertSlices(text) {
  const verdict = engine.check(text);
  for (const f of verdict.findings) {
    assert.equal(text.slice(f.start, f.end), f.excerpt, `slice of ${JSON.stringify(text)}`);
  }
  return verdict;
}

test('offsets are UTF-16 units, also after emoji, skin tones, ZWJ sequences and combining accents', () => {
  const texts = [
    '👍🏽👨‍👩‍👧 kankerflikken, bel 0475 12 34 56',
    'Cafe\u0301 😀 k.a.n.k.e.r 😀 jan.peeters@gmail.com',
    '🇧🇪🇧🇪 Ik weet waar je woont 🔪',
    '𝐤𝐚𝐧𝐤𝐞𝐫 politie',
  ];
  for (const t of texts) {
    const v = assertSlices(t);
    assert.ok(v.findings.length > 0, `expected findings in ${t}`);
  }
  const v = engine.check('👍🏽👨‍👩‍👧 kankerflikken');
  assert.equal(v.findings[0].excerpt, 'kankerflikken');
  assert.equal(v.findings[0].start, '👍🏽👨‍👩‍👧 '.length);
});

test('a verdict is a plain object with the contract fields', () => {
  const v = engine.check('Help, er wordt nu ingebroken bij mijn buren!');
  assert.equal(v.action, 'urgent');
  assert.deepEqual(Object.keys(v.findings[0]).sort(), ['action', 'advice', 'category', 'end', 'excerpt', 'message', 'rule', 'start'].sort());
  assert.equal(v.findings[0].category, 'emergency');
  assert.match(v.findings[0].advice, /101/);
  assert.deepEqual(engine.check('Bedankt voor jullie inzet tijdens de Gentse Feesten!'), { action: 'allow', findings: [] });
});

test('checkMany equals check one by one', () => {
  const texts = ['hallo', 'kankerflikken', 'Bel me op 0475 12 34 56', '', 'Ik wil een klacht indienen tegen die agent'];
  assert.deepEqual(engine.checkMany(texts), texts.map((t) => engine.check(t)));
});

test('bad input and bad options throw an Error with a message, and the engine keeps working', () => {
  assert.throws(() => engine.check(42), (e) => e instanceof Error && /string/.test(e.message));
  assert.throws(() => engine.check('x'.repeat(200_000)), (e) => e instanceof Error && /limit/.test(e.message));
  assert.throws(() => engine.check('a\u0000b'), (e) => e instanceof Error && /NUL/.test(e.message));
  assert.throws(() => engine.checkMany(['ok', 7]), Error);
  assert.throws(() => new Engine({ disable: ['no-such-rule'] }), (e) => e instanceof Error && /no-such-rule/.test(e.message));
  assert.throws(() => new Engine({ colour: 'red' }), (e) => e instanceof Error && /colour/.test(e.message));
  assert.throws(() => new Engine({ pack: '{"rules": [{"id": "insult/x", "patterns": ["("]}]}' }), (e) => e instanceof Error && /insult\/x/.test(e.message));
  assert.throws(() => new Engine({ pack: '{"rules": [{"id": "insult/x", "colour": 1}]}' }), (e) => e instanceof Error && /colour/.test(e.message));
  // A pack object with the wrong kind of value names the field and what it got.
  assert.throws(() => new Engine({ pack: { rules: [{ id: 'insult/x', words: 3 }] } }), (e) => e instanceof Error && /`words` is a number; expected an array/.test(e.message));
  assert.throws(() => new Engine({ pack: { rules: [{ id: 'insult/x', title: null }] } }), (e) => e instanceof Error && /`title` is null/.test(e.message));
  assert.throws(() => new Engine({ pack: { rules: [{ words: ['x'] }] } }), (e) => e instanceof Error && /missing field `id`/.test(e.message));
  assert.throws(() => new Engine({ pack: '{"rules": [' }), (e) => e instanceof Error && /user pack: not valid JSON/.test(e.message));
  assert.throws(() => new Engine({ disable: 'insult' }), (e) => e instanceof Error && /`disable` is a string; expected an array of strings/.test(e.message));
  assert.throws(() => new Engine({ actions: { insult: 'delete' } }), (e) => e instanceof Error && /use one of: urgent, remove/.test(e.message));
  assert.throws(() => engine.checkMany('one text'), (e) => e instanceof Error && /array of strings/.test(e.message));
  assert.equal(engine.check('kankerflikken').action, 'remove');
});

test('options: block, allow, disable, actions and a JSON pack', () => {
  const e = new Engine({ block: ['blorkwoord'], allow: ['kankerflikken'], disable: ['personal-data'], actions: { complaint: 'review' } });
  assert.equal(e.check('wat een blorkwoord').action, 'remove');
  assert.equal(e.check('kankerflikken').action, 'allow');
  assert.equal(e.check('Bel me op 0475 12 34 56').action, 'allow');
  assert.equal(e.check('Ik wil een klacht indienen tegen die agent').action, 'review');
  const p = new Engine({ pack: { rules: [{ id: 'insult/lokaal', words: ['snertflik*'] }] } });
  assert.equal(p.check('snertflikken').findings[0].rule, 'insult/lokaal');
});

test('rules(), contacts() and version() document the engine', () => {
  const rules = engine.rules();
  const cats = new Set(rules.map((r) => r.category));
  assert.equal(cats.size, 12);
  for (const r of rules) {
    assert.ok(r.id.startsWith(`${r.category}/`));
    assert.ok(r.houseRule.length > 20, r.id);
    assert.ok(['urgent', 'remove', 'review', 'redirect', 'allow'].includes(r.action));
    assert.ok(Array.isArray(r.examples.flags) && Array.isArray(r.examples.allows));
  }
  assert.ok(rules.some((r) => r.reply && r.category === 'complaint'));
  const c = engine.contacts();
  assert.equal(c.urgent, '101');
  assert.equal(c.email, 'meldpunt.gent@police.belgium.eu');
  assert.match(version(), /^\d+\.\d+\.\d+$/);
  assert.equal(engine.version(), version());
});
