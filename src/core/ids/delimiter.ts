// Which of `,` `;` tab `|` separates the fields of a CSV. Spreadsheets export `;` where the decimal
// separator is a comma, and people save tab- or pipe-separated text as .csv, so the extension of the
// file does not tell. The delimiter that appears the same number of times on the most lines of a
// sample wins: values may contain other candidates (a title with a comma), but rarely on every line.

export type Delimiter = ',' | ';' | '\t' | '|';

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t', '|'];
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_LINES = 50;

export function detectDelimiter(text: string, start = 0): Delimiter {
  const end = Math.min(text.length, start + SAMPLE_CHARS);
  const counts = CANDIDATES.map(() => [0]);
  let inQuotes = false;
  let lines = 1;
  for (let i = start; i < end && lines <= SAMPLE_LINES; i++) {
    const c = text[i];
    // Every quote toggles: an escaped "" toggles twice. Good enough for a sample; the tokenizer is exact.
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      counts.forEach((perLine) => perLine.push(0));
      lines++;
    } else if (!inQuotes) {
      const k = CANDIDATES.indexOf(c as Delimiter);
      if (k >= 0) counts[k][counts[k].length - 1]++;
    }
  }
  let best: Delimiter = ',';
  let bestScore = 0;
  CANDIDATES.forEach((candidate, k) => {
    // A sample cut mid-line (or a file's final newline) leaves a last line that says nothing.
    const perLine = counts[k].length > 1 ? counts[k].slice(0, -1) : counts[k];
    const score = consistency(perLine);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  });
  return best;
}

/** Lines on which the most common non-zero count occurs, then that count as a tie-breaker. */
function consistency(perLine: number[]): number {
  const frequency = new Map<number, number>();
  for (const n of perLine) if (n > 0) frequency.set(n, (frequency.get(n) ?? 0) + 1);
  let score = 0;
  for (const [n, lines] of frequency) score = Math.max(score, lines * 1000 + Math.min(n, 999));
  return score;
}
