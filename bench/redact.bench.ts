// Secret redaction: every log line, error message and outcome passes the Redactor, which looks for
// each secret in some twenty encodings, in any letter case, wrapped across lines or echoed in part.
// Its one pass is measured side by side with the plain way (one split/join per registered form, which
// finds only exact whole forms), on log-like text with a few secrets in it; then on 8 MiB of hostile
// text (the most a Vault answer may be) shaped to make it match as often as possible.
// Prints a table and one JSON line per measurement. Asserts nothing: figures, not tests.
import { Redactor, secretEncodings as forms } from '../src/core/log';

const KB = 1024;

interface Measurement {
  bench: 'redact';
  way: 'one pass' | 'split/join per form';
  secrets: number;
  textKb: number;
  msPerCall: number;
  mbPerS: number;
  ratio: number;
}

function secretsOf(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? `${(0x9f2cab01e71a + i).toString(16).toUpperCase().repeat(5)}` : `Correct horse/battery "staple" #${i}!`));
}

/** Log-like lines; one in fifty carries a secret in some encoding. */
function text(kb: number, secrets: string[]): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < kb * KB; i++) {
    const secret = secrets[i % secrets.length];
    const line = i % 50 === 0
      ? `[vault] POST /api/v26.1/auth failed: bad form username=admin&password=${forms(secret)[i % forms(secret).length]}\n`
      : `[vault] GET /api/v26.1/services/jobs/${1000000 + i} → HTTP 200 SUCCESS in ${i % 97} ms\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

function timePerCall(redact: () => string, minMs = 300): number {
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < minMs) {
    redact();
    calls++;
  }
  return (performance.now() - started) / calls;
}

function main(): void {
  const results: Measurement[] = [];
  for (const count of [2, 20]) {
    for (const kb of [1, 1024]) {
      const secrets = secretsOf(count);
      const input = text(kb, secrets);
      const redactor = new Redactor();
      for (const secret of secrets) redactor.add(secret);
      const allForms = secrets.flatMap(forms).sort((a, b) => b.length - a.length);
      const plain = () => allForms.reduce((result, form) => result.split(form).join('«redacted»'), input);
      const redacted = redactor.redact(input);
      if (allForms.some((form) => redacted.includes(form)) || redacted.length >= input.length) throw new Error('a secret was left: the measurement is not valid');
      const onePass = timePerCall(() => redactor.redact(input));
      const splitJoin = timePerCall(plain);
      const mbPerS = (ms: number) => Math.round((input.length / KB / KB / (ms / 1000)) * 10) / 10;
      const round = (ms: number) => Math.round(ms * 1000) / 1000;
      results.push(
        { bench: 'redact', way: 'one pass', secrets: count, textKb: kb, msPerCall: round(onePass), mbPerS: mbPerS(onePass), ratio: 1 },
        { bench: 'redact', way: 'split/join per form', secrets: count, textKb: kb, msPerCall: round(splitJoin), mbPerS: mbPerS(splitJoin), ratio: Math.round((splitJoin / onePass) * 100) / 100 },
      );
    }
  }
  console.log('redaction of log-like text (one line in fifty holds a secret in some encoding); ratio = time / one-pass time');
  console.table(results.map((r) => ({ way: r.way, secrets: r.secrets, 'text KB': r.textKb, 'ms per call': r.msPerCall, 'MB/s': r.mbPerS, ratio: r.ratio })));
  for (const r of results) console.log(JSON.stringify(r));
  hostile();
}

/** 8 MiB shaped against the redactor: every anchor matching, matches refused inside numbers, line breaks everywhere. */
function hostile(): void {
  const sessionId = '9F2CAB01E71A44D3B5C6D7E8F9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8';
  const redactor = new Redactor();
  for (const secret of [sessionId, 'Correct horse/battery "staple" & <more>!', '104689']) redactor.add(secret);
  const size = 8 * KB * KB;
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const shapes: Record<string, string> = {
    'log-like text': text(size / KB, [sessionId]),
    'the session ID\'s first 12 characters, repeated': fill(sessionId.slice(0, 12)),
    'the session ID, wrapped at every 8 characters': fill(`${sessionId.match(/.{8}/g)!.join('\n')}\n`),
    'job IDs holding a digit password (each match refused)': fill('1046892 '),
    'a letter, repeated': fill('a'),
  };
  const rows = Object.entries(shapes).map(([shape, input]) => {
    const started = performance.now();
    redactor.redact(input);
    const ms = Math.round(performance.now() - started);
    return { bench: 'redact', way: 'hostile 8 MiB', shape, ms };
  });
  console.log('redaction of 8 MiB of hostile text, 3 secrets (one run each)');
  console.table(rows.map(({ shape, ms }) => ({ shape, ms })));
  for (const r of rows) console.log(JSON.stringify(r));
}

main();
