// What a moderator copies from a card: the standard reply and the evidence record.

/** Most pressing first (DESIGN.md). */
export const ACTION_ORDER = ['urgent', 'remove', 'review', 'redirect', 'allow'];

export function mostPressing(actions) {
  let best = 'allow';
  for (const a of actions) if (ACTION_ORDER.indexOf(a) < ACTION_ORDER.indexOf(best)) best = a;
  return best;
}

/** The rule id the client uses for an attached photo or video (the engine only sees text). */
export const MEDIA_RULE = 'media/attachment';

/**
 * A finding for an attached photo or video, worded by the engine's own `media` rule: the house
 * rule asks for the consent of the people shown, which only a person can check.
 */
export function mediaFinding(rulesById) {
  const info = rulesById.get(MEDIA_RULE)
    ?? [...rulesById.values()].find((r) => r.category === 'media');
  if (!info || !info.enabled || info.action === 'allow') return null;
  return {
    rule: MEDIA_RULE,
    category: 'media',
    action: info.action,
    start: 0,
    end: 0,
    excerpt: '',
    message: info.message,
    advice: info.advice,
    houseRule: info.houseRule,
    infoRule: info.id,
  };
}

/** The standard replies that apply to these findings, one per rule, in finding order. */
export function repliesFor(findings, rulesById) {
  const seen = new Set();
  const out = [];
  for (const f of findings) {
    const info = rulesById.get(f.rule);
    if (!info?.reply || seen.has(info.reply)) continue;
    seen.add(info.reply);
    out.push({ rule: f.rule, category: f.category, reply: info.reply });
  }
  return out;
}

export function needsEvidence(findings, rulesById) {
  return findings.some((f) => rulesById.get(f.rule)?.evidence
    || f.category === 'threat' || f.category === 'defamation');
}

function localTime(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()} `
    + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * The evidence record for a possible proces-verbaal, in Dutch (it is for the Belgian police,
 * whatever the moderator's UI language). Plain text, everything exactly as shown on the page.
 */
export function evidenceRecord({ pageUrl, comment, findings, rulesById, version, capturedAt = new Date() }) {
  const lines = [
    'HUISREGELS - BEWIJSSTUK (mogelijk proces-verbaal)',
    `Vastgelegd op: ${capturedAt.toISOString()} (${localTime(capturedAt)} lokale tijd)`,
    `Pagina: ${pageUrl}`,
    `Link naar reactie: ${comment.link || '(geen link op de pagina gevonden)'}`,
    `Auteur (zoals getoond): ${comment.author || '(onbekend)'}`,
    `Tijdstip (zoals getoond): ${comment.time || '(niet getoond)'}`,
    `Soort: ${comment.reply ? 'antwoord op een reactie' : 'reactie'}`,
    `Foto of video bijgevoegd: ${comment.media ? 'ja' : 'nee'}`,
    'Exacte tekst:',
    '<<<',
    comment.text,
    '>>>',
  ];
  if (comment.truncated) lines.push('Let op: de reactie was ingekort ("Meer weergeven" niet geopend).');
  lines.push('Regels:');
  for (const f of findings) {
    const info = rulesById.get(f.rule) ?? rulesById.get(f.infoRule);
    lines.push(`- ${f.rule} (${f.category}, actie: ${f.action}): ${f.message}`);
    if (info?.houseRule) lines.push(`  Huisregel: "${info.houseRule}"`);
    if (f.end > f.start) lines.push(`  Fragment: "${f.excerpt}" (tekens ${f.start}-${f.end})`);
  }
  lines.push(`Gecontroleerd met huisregels ${version}.`);
  return lines.join('\n');
}
