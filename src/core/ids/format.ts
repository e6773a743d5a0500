// Which extractor a document gets. Language IDs come from VS Code and from CSV extensions (Rainbow
// CSV names its dialects 'csv (semicolon)', 'csv (pipe)', ...); the file name decides when the
// language says nothing (a .csv opened as plain text).
import type { IdFormat } from './types';

const CSV_LANGUAGES = new Set(['csv', 'csv (semicolon)', 'csv (pipe)', 'csv (comma)']);
const TSV_LANGUAGES = new Set(['tsv', 'csv (tab)']);

export function idFormatFor(languageId: string, fileName: string): IdFormat {
  const lang = languageId.toLowerCase();
  if (CSV_LANGUAGES.has(lang)) return 'csv';
  if (TSV_LANGUAGES.has(lang)) return 'tsv';
  if (lang === 'json') return 'json';
  if (lang === 'jsonc') return 'jsonc';
  // Other CSV dialects ('csv (tilde)', ...) use delimiters the tokenizer does not detect, and JSON
  // Lines holds several top-level values, which one JSON parse does not read: integer tokens are the
  // honest reading of both.
  if (lang !== 'plaintext' && lang !== '') return 'plaintext';
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'json') return 'json';
  if (ext === 'jsonc') return 'jsonc';
  return 'plaintext';
}
