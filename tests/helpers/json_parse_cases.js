// Writes JSON texts into DIR (one file each, case-N.json) and, given the verdicts of
// jtext_probe on them (one line each, in order), fails on every text where they differ
// from Node's JSON.parse over the same bytes read as Amplitude's wizard reads its
// session file (readFileSync(path, 'utf-8'), src/utils/ampli-settings.ts).
//   node json_parse_cases.js write DIR SEED COUNT   -> prints the file names
//   node json_parse_cases.js check DIR VERDICTS     -> exit 1 on a disagreement
'use strict';
const fs = require('fs');
const path = require('path');

const [mode, dir, a, b] = process.argv.slice(2);
const seeds = [
  '{"User-1": {"User": {"id": "1", "firstName": "A", "lastName": "B", "email": "a@b.c", "zone": "us"}, ' +
    '"OAuthAccessToken": "x", "OAuthIdToken": "y", "OAuthRefreshToken": "z", "OAuthExpiresAt": "2026-01-01T00:00:00.000Z"}}',
  '{"a": [1, -2.5e+3, 0, true, false, null, "s\\n\\u00e9\\ud83d\\ude00"], "b": {"c": {}}, "d": []}',
  '{"n": 123456789012345678901234567890, "f": 1e400, "g": -0.0, "h": 0.1}',
  '{"lone": "\\ud800", "k\\u0000": "v", "dup": 1, "dup": 2}',
  '[{"k": [{"k": [{"k": []}]}]}]',
  '"just a string"',
  '  {\t"ws"\r\n:\n1 }  ',
];
// bytes that matter to a JSON grammar, and some that must not appear raw
const alphabet = '{}[]":,\\ \t\n\r-+.eE0123456789tfnulrasx/bu\x00\x01\x0b\x7f\xff\u00e9';

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296);
}

function mutate(text, r) {
  const buf = Buffer.from(text, 'utf8');
  const out = [...buf];
  const edits = 1 + Math.floor(r() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(r() * (out.length + 1));
    const ch = Buffer.from(alphabet[Math.floor(r() * alphabet.length)], 'latin1')[0];
    const op = Math.floor(r() * 3);
    if (op === 0) out.splice(at, 0, ch);
    else if (op === 1) out.splice(at, 1);
    else out[at] = ch;
  }
  return Buffer.from(out);
}

function cases(seed, count) {
  const r = rng(seed);
  const list = seeds.map((s) => Buffer.from(s, 'utf8'));
  list.push(Buffer.from('\ufeff{}', 'utf8'), Buffer.from('{"raw": "\xff"}', 'latin1'), Buffer.alloc(0));
  list.push(Buffer.from('[' .repeat(5000) + ']'.repeat(5000)));
  list.push(Buffer.from('{"a":'.repeat(3000) + '1' + '}'.repeat(3000)));
  while (list.length < count) list.push(mutate(seeds[Math.floor(r() * seeds.length)], r));
  return list;
}

if (mode === 'write') {
  cases(Number(a), Number(b)).forEach((buf, i) => {
    const f = path.join(dir, `case-${i}.json`);
    fs.writeFileSync(f, buf);
    console.log(f);
  });
} else if (mode === 'check') {
  const verdicts = fs.readFileSync(a, 'utf-8').trim().split('\n');
  let bad = 0;
  verdicts.forEach((v, i) => {
    const f = path.join(dir, `case-${i}.json`);
    let js;
    try {
      JSON.parse(fs.readFileSync(f, 'utf-8'));
      js = 'ok';
    } catch (e) {
      js = e instanceof RangeError ? 'stack' : 'syntax';
    }
    if (js === 'stack') return; // deeper than this Node's stack: no verdict to compare
    if (v !== js) {
      bad++;
      if (bad <= 20)
        console.error(`case ${i}: JSON.parse says ${js}, ours says ${v}: ${JSON.stringify(fs.readFileSync(f, 'latin1'))}`);
    }
  });
  console.log(`${verdicts.length} texts compared, ${bad} disagreements`);
  process.exit(bad ? 1 : 0);
}
