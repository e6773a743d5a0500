// Every user-facing string of src/ext goes through vscode.l10n.t, and l10n/bundle.l10n.json holds
// exactly those strings. Read from the sources with the TypeScript parser, so the checks see code,
// not comments. Log lines stay in English on purpose (they are for whoever reads a bug report), and
// so does text src/core produces (outcomes, setting and ID problems, Vault's messages): it is data,
// shown inside localised sentences.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

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

/** Every l10n.t call's message and the number of arguments it is given after the message. */
function l10nCalls(fileName: string, source: string): { message: string | undefined; args: number; where: string }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const calls: { message: string | undefined; args: number; where: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (isL10nCall(node)) {
      const [first, ...rest] = node.arguments;
      const message = first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) ? first.text : undefined;
      calls.push({ message, args: rest.length, where: `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return calls;
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
    const wrong = calls.filter(({ message, args }) => {
      if (message === undefined) return true;
      const placeholders = [...message.matchAll(/\{(\d+)\}/g)].map(([, n]) => Number(n));
      return (placeholders.length ? Math.max(...placeholders) + 1 : 0) !== args;
    });
    assert.deepStrictEqual(wrong.map(({ where, message }) => `${where}: ${message ?? '(not a literal)'}`), []);
  });

  it('ships l10n/bundle.l10n.json with exactly the messages the code uses', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const used = new Set(calls.map(({ message }) => message));
    const hint = ' (regenerate it: npx @vscode/l10n-dev export --outDir ./l10n ./src/ext)';
    assert.deepStrictEqual(Object.keys(bundle).filter((key) => !used.has(key)), [], `strings the code no longer uses${hint}`);
    assert.deepStrictEqual([...used].filter((message) => message !== undefined && !(message in bundle)), [], `strings missing from the bundle${hint}`);
    for (const [key, value] of Object.entries(bundle)) assert.strictEqual(value, key, 'the English bundle maps each message to itself');
  });
});
