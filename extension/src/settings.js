// The moderators' settings: where they are stored, how they merge with an organisation's
// managed policy, and how they become the engine's `EngineOptions`.
//
// storage.sync   'settings'      { disable, actions, block, allow }   (the options page writes it)
// storage.managed                 the same four fields, set by an organisation (managed_schema.json);
//                                 a field set there wins and is read-only in the options page
// storage.local  'enabled'       the popup's on/off switch (this browser only)
// storage.local  'dismissed:<h>' a dismissed comment, h = hash of author and text

export const SETTINGS_KEY = 'settings';
export const ENABLED_KEY = 'enabled';
export const DISMISSED_PREFIX = 'dismissed:';
export const FIELDS = Object.freeze(['disable', 'actions', 'block', 'allow']);
export const ACTIONS = Object.freeze(['urgent', 'remove', 'review', 'redirect', 'allow']);
export const CATEGORIES = Object.freeze([
  'insult', 'discrimination', 'threat', 'defamation', 'personal-data', 'complaint',
  'emergency', 'report', 'private-message', 'advertising', 'trolling', 'media',
]);
export const EXPORT_FORMAT = 'huisregels-settings';

export function emptySettings() {
  return { disable: [], actions: {}, block: [], allow: [] };
}

function stringList(value, field) {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new Error(`"${field}" moet een lijst van teksten zijn`);
  }
  return [...new Set(value.map((v) => v.trim()).filter(Boolean))];
}

/**
 * Checks the shape of stored or imported settings and returns a clean copy. What the values
 * mean (a known rule id, a valid action, a usable word) is the engine's to judge: its error is
 * shown as it is.
 */
export function normaliseSettings(raw) {
  if (raw === undefined || raw === null) return emptySettings();
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('instellingen moeten een JSON-object zijn');
  const actions = raw.actions ?? {};
  if (typeof actions !== 'object' || Array.isArray(actions)
      || Object.values(actions).some((v) => typeof v !== 'string')) {
    throw new Error('"actions" moet een object zijn van regel of categorie naar actie');
  }
  return {
    disable: stringList(raw.disable, 'disable'),
    actions: { ...actions },
    block: stringList(raw.block, 'block'),
    allow: stringList(raw.allow, 'allow'),
  };
}

/**
 * The settings in force: the user's, with every field the organisation set replaced by its value.
 * Returns the fields that are managed so the options page can lock them.
 */
export function mergeManaged(user, managed) {
  const settings = normaliseSettings(user);
  const locked = [];
  if (managed && typeof managed === 'object') {
    const clean = normaliseSettings(managed);
    for (const field of FIELDS) {
      if (managed[field] !== undefined) {
        settings[field] = clean[field];
        locked.push(field);
      }
    }
  }
  return { settings, locked };
}

/** `EngineOptions` for `new Engine(options)`. */
export function engineOptions(settings) {
  const s = normaliseSettings(settings);
  return { disable: s.disable, actions: s.actions, block: s.block, allow: s.allow };
}

/** JSON with object keys sorted, so equal options always give the same text. */
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A short stable name for a set of options (FNV-1a over its JSON), to tell engines apart. */
export function optionsKey(options) {
  let h = 0x811c9dc5;
  for (const ch of canonicalJson(options)) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The JSON file the options page exports. */
export function exportDocument(settings) {
  return { format: EXPORT_FORMAT, version: 1, ...normaliseSettings(settings) };
}

/** Reads an exported file back (throws with a Dutch message on a file that is not one). */
export function importDocument(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`geen geldig JSON-bestand: ${e.message}`);
  }
  if (!doc || typeof doc !== 'object' || doc.format !== EXPORT_FORMAT) {
    throw new Error(`dit is geen instellingenbestand van huisregels (verwacht "format": "${EXPORT_FORMAT}")`);
  }
  const { format: _f, version: _v, ...rest } = doc;
  return normaliseSettings(rest);
}

/**
 * The storage key of a dismissed comment: a 64-bit hash of author and text (hex), so neither is
 * stored in clear. Synchronous, because it runs while markers are drawn.
 */
export function dismissKey(author, text) {
  const input = `${author}\u0000${text}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < input.length; i += 1) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (n) => (n >>> 0).toString(16).padStart(8, '0');
  return DISMISSED_PREFIX + hex(h2) + hex(h1);
}
