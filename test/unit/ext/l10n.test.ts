// Every user-facing string of src/ext goes through vscode.l10n.t, and l10n/bundle.l10n.json holds
// exactly those strings. Read from the sources with the TypeScript parser, so the checks see code,
// not comments. Log lines stay in English on purpose (they are for whoever reads a bug report), and
// so does text src/core produces (outcomes, setting and ID problems, Vault's messages): it is data,
// shown inside localised sentences.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { getL10nJson } from '@vscode/l10n-dev';

const root = path.resolve(__dirname, '../../../..');
const extDir = path.join(root, 'src', 'ext');
/** Constants shared with the manifest and VS Code (command IDs, the output channel's name): not prose. */
const exempt = new Set(['names.ts']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const isL10nCall = (node: ts.Node): node is ts.CallExpression =>
  ts.isCallExpression(node) && /^(vscode\.)?l10n\.t$/.test(node.expression.getText());

/** A logger's method (this.log.info(…), output.channel.warn(…)): log lines are not translated. */
const isLogCall = (node: ts.Node): boolean =>
  ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)
  && ['trace', 'debug', 'info', 'warn', 'error'].includes(node.expression.name.text)
  && /(^|\.)(log|\w+Log|channel)$/.test(node.expression.expression.getText());

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return undefined;
}

/** Words a person reads: two words in a row, or one capitalised word ("Active", "History"). */
const looksLikeProse = (text: string) => /[A-Za-z]{2,}[,:;]? +[A-Za-z(]/.test(text) || /^[A-Z][a-z]+[.…!?]?$/.test(text.trim());

/** The literals in `source` that read as prose and reach the user without vscode.l10n.t. */
export function bypassingLiterals(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isL10nCall(node) || isLogCall(node) || ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    const text = literalText(node);
    if (text !== undefined && looksLikeProse(text)) {
      found.push(`${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText()}`);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

interface L10nCall {
  /** The message, when it is a literal (`l10n.t('…', …)` or `l10n.t({ message: '…', … })`). */
  message: string | undefined;
  /** How many arguments fill its placeholders. */
  args: number;
  /** The translator comment of the object form, joined as VS Code and the bundle key join it. */
  comment: string | undefined;
  where: string;
}

/** A string literal's text, or undefined for anything else. */
function stringLiteral(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** The object form's property `name`. */
function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const found = object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name);
  return found?.initializer;
}

/** Every l10n.t call: its message, the number of arguments given after (or with) it, and its comment. */
function l10nCalls(fileName: string, source: string): L10nCall[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const calls: L10nCall[] = [];
  const visit = (node: ts.Node): void => {
    if (isL10nCall(node)) {
      const where = `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const [first, ...rest] = node.arguments;
      if (first && ts.isObjectLiteralExpression(first)) {
        const args = property(first, 'args');
        const comment = property(first, 'comment');
        const lines = comment && ts.isArrayLiteralExpression(comment) ? comment.elements.map(stringLiteral) : [stringLiteral(comment)];
        calls.push({
          message: stringLiteral(property(first, 'message')),
          args: args && ts.isArrayLiteralExpression(args) ? args.elements.length : -1,
          comment: comment && lines.every((line) => line !== undefined) ? lines.join('') : undefined,
          where,
        });
      } else {
        calls.push({ message: stringLiteral(first), args: rest.length, comment: undefined, where });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return calls;
}

/** The placeholder count of a message: one more than its highest {n}. */
function placeholderCount(message: string): number {
  const placeholders = [...message.matchAll(/\{(\d+)\}/g)].map(([, n]) => Number(n));
  return placeholders.length ? Math.max(...placeholders) + 1 : 0;
}

/**
 * Placeholders a translator cannot place from the words around them ("{0} of {1} of {2}"): two or
 * more, with fewer than two words for each (and one more).
 */
function needsTranslatorComment(message: string): boolean {
  const placeholders = new Set(message.match(/\{\d+\}/g)).size;
  const words = (message.replace(/\{\d+\}/g, ' ').match(/[A-Za-z]{2,}/g) ?? []).length;
  return placeholders >= 2 && words < 2 * placeholders + 1;
}

const sources = sourceFiles(extDir).filter((file) => !exempt.has(path.basename(file)))
  .map((file) => ({ name: path.relative(root, file), text: fs.readFileSync(file, 'utf8') }));
const calls = sources.flatMap(({ name, text }) => l10nCalls(name, text));

describe('localisation of src/ext', () => {
  it('finds a literal that bypasses l10n.t, and none in a localised or logged one (the check can fail)', () => {
    const sample = [
      'import * as vscode from \'vscode\';',
      'void vscode.window.showInformationMessage(\'Signed in to the Vault.\');',
      'const label = `Active`;',
      'void vscode.window.showInformationMessage(vscode.l10n.t(\'Signed in to {0}.\', name));',
      'this.log.info(`signed in to ${name}`);',
      'const kind: \'group\' | \'Some Type\' = \'group\';',
    ].join('\n');
    assert.deepStrictEqual(bypassingLiterals('sample.ts', sample).map((line) => line.replace(/^sample\.ts:(\d+): .*/, '$1')), ['2', '3']);
  });

  it('sends every user-facing string through vscode.l10n.t', () => {
    assert.ok(sources.length > 20, 'the sources are read');
    assert.deepStrictEqual(sources.flatMap(({ name, text }) => bypassingLiterals(name, text)), []);
  });

  it('gives l10n.t only literal messages, with an argument for every placeholder', () => {
    assert.ok(calls.length > 100, `${calls.length} calls`);
    const wrong = calls.filter(({ message, args }) => message === undefined || placeholderCount(message) !== args);
    assert.deepStrictEqual(wrong.map(({ where, message }) => `${where}: ${message ?? '(not a literal)'}`), []);
  });

  it('tells translators what bare placeholders stand for, in a comment', () => {
    assert.ok(needsTranslatorComment('{0} of {1} of {2}') && !needsTranslatorComment('Could not sign in to {0}: {1}'), 'the rule tells them apart');
    const bare = calls.filter(({ message, comment }) => message !== undefined && needsTranslatorComment(message) && !comment);
    assert.deepStrictEqual(bare.map(({ where, message }) => `${where}: ${message}`), []);
  });

  it('ships l10n/bundle.l10n.json exactly as `npm run l10n` generates it from the code', async function () {
    this.timeout(60000); // the extractor parses every file with tree-sitter
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as unknown;
    const generated = await getL10nJson(sources.map(({ text }) => ({ extension: '.ts', contents: text })));
    assert.deepStrictEqual(bundle, generated, 'regenerate it: npm run l10n');
    // The same keys as this test reads from the code: a message, and after a slash its comment.
    const keys = calls.map(({ message, comment }) => (comment === undefined ? message : `${message ?? ''}/${comment}`));
    assert.deepStrictEqual(Object.keys(generated).sort(), [...new Set(keys)].sort());
  });
});
