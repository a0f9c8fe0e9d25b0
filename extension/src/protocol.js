// Every message between the parts of the extension, in one place.
//
// A message is a plain object tagged by `kind`. The content script, the background, the popup
// and the options page build their messages with `msg()` and answer with the reply kinds below,
// so a reader can see the whole conversation here (Harper's protocol.ts is the model).
//
// content script -> background
//   { kind: 'check', texts: string[] }
//       -> { kind: 'verdicts', key, builtAt, verdicts: Verdict[] }   one Verdict per text, same order
//   { kind: 'rules' }
//       -> { kind: 'rules', key, builtAt, version, rules: RuleInfo[], contacts: Contacts }
//   ('key' names the settings the engine was built with: a new key means earlier verdicts are
//   stale. 'builtAt' (ms) orders engines, so a late reply from a replaced engine is dropped.)
//
// background -> content script (each Facebook tab), after the settings changed
//   { kind: 'engine-changed', key, builtAt }
//
// popup -> content script (the tab the popup belongs to)
//   { kind: 'get-state' }
//       -> { kind: 'state', surface, enabled, scanned, found, flagged: FlaggedSummary[],
//            counts: { [category]: number }, actions: { [action]: number },
//            offenders: { author, count }[], error, stats }
//   { kind: 'reveal', id }          scroll to a flagged comment and open its card
//       -> { kind: 'revealed', ok }
//
// popup or options page -> background
//   { kind: 'status' }
//       -> { kind: 'status', key, version, error }     error: why the settings were refused
//
// Any handler may answer { kind: 'error', message } instead.

export const KINDS = Object.freeze({
  check: 'check',
  verdicts: 'verdicts',
  rules: 'rules',
  engineChanged: 'engine-changed',
  getState: 'get-state',
  state: 'state',
  reveal: 'reveal',
  revealed: 'revealed',
  status: 'status',
  error: 'error',
});

const KNOWN = new Set(Object.values(KINDS));

/** Builds a message; throws on a kind that is not listed above (a typo is a bug, not a no-op). */
export function msg(kind, fields = {}) {
  if (!KNOWN.has(kind)) throw new Error(`unknown message kind: ${kind}`);
  return { ...fields, kind };
}

/** The error reply, with the message of whatever was thrown. */
export function errorReply(e) {
  return msg(KINDS.error, { message: e instanceof Error ? e.message : String(e) });
}

/** True when `value` is a message of `kind`. */
export function isKind(value, kind) {
  return value !== null && typeof value === 'object' && value.kind === kind;
}

/**
 * Sends a message and unwraps the answer: resolves with a reply of `expect`, rejects with the
 * error reply's message or when the answer is missing.
 */
export async function ask(send, message, expect) {
  const reply = await send(message);
  if (isKind(reply, KINDS.error)) throw new Error(reply.message);
  if (!isKind(reply, expect)) throw new Error(`expected ${expect}, got ${reply?.kind ?? 'nothing'}`);
  return reply;
}
