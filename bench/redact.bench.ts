// Secret redaction: every log line, error message and outcome passes the Redactor, which now looks
// for each secret in nine encodings. Its one-pass regular expression is measured side by side with
// the plain way (one split/join per registered form), on log-like text with a few secrets in it.
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
      if (redactor.redact(input) !== plain()) throw new Error('the two ways disagree: the measurement is not valid');
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
}

main();
