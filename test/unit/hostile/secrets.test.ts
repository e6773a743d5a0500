// A server that sends the password and the session ID back in every encoding (raw and in other letter
// cases, wrapped across lines, half echoed, form-encoded, percent-encoded once and twice, JSON-escaped
// as JavaScript, Go and .NET write it, every character \u-escaped, HTML-escaped with named, decimal
// and hex entities, base64 at each alignment), in sign-in failures, proxy pages, batch and per-item
// Vault errors, status errors and page links. Everything the run produces is scanned: log lines,
// thrown errors, outcome messages (what diagnostics and notifications show). No secret, and no
// 12-character piece of one in any encoding, may appear.
import * as assert from 'assert';
import { cancelJobs, describeOutcome } from '../../../src/core/cancel';
import { VaultClient } from '../../../src/core/vault';
import { captureLog } from '../helpers/capture';
import { startHostile, vaultJson, type HostileServer } from './server';
import { cancelPath, requestedIds, statusPath, vaultFailure } from './vaultLike';

const password = 'Correct horse/battery "staple" & <more>!';
const sessionId = '9F2CAB01E71A44D3B5C6D7E8F9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8';

function encodings(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  return [
    secret,
    new URLSearchParams({ s: secret }).toString().slice(2),
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()),
    percent.replace(/!/g, '%21'),
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
    secret.toLowerCase(),
    secret.toUpperCase(),
    `${secret.slice(0, 17)}\n${secret.slice(17)}`,
    `${secret.slice(0, 5)}\r\n${secret.slice(5, 30)}\r\n${secret.slice(30)}`,
    secret.slice(0, 20), // half echoed: its start, and its end
    secret.slice(-20),
    JSON.stringify(secret).slice(1, -1).replace(/[<>&]/g, unicodeEscape), // Go
    JSON.stringify(secret).slice(1, -1).replace(/\\"/g, '"').replace(/[<>&'"+]/g, (c) => unicodeEscape(c).toUpperCase().replace('\\U', '\\u')), // .NET
    encodeURIComponent(percent),
    secret.replace(/[\s\S]/g, unicodeEscape),
    [...secret].map((c) => `&#${c.codePointAt(0)};`).join(''),
    [...secret].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join(''),
    ...['', 'x', 'xy'].map((before) => Buffer.from(`${before}${secret}`).toString('base64')),
  ];
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Each encoding of each secret, as a server echoing them would write them. */
const echo = (...secrets: string[]) => secrets.flatMap(encodings).join(' | ');

function leaks(text: string, secret: string): string[] {
  const found: string[] = [];
  for (const form of encodings(secret)) {
    for (let i = 0; i + 12 <= form.length; i++) if (text.includes(form.slice(i, i + 12))) found.push(form.slice(i, i + 12));
  }
  return found;
}

describe('hostile servers: secrets echoed back in every encoding never come out', () => {
  let server: HostileServer;
  beforeEach(async () => {
    server = await startHostile();
  });
  afterEach(() => server.close());

  it('scans logs, thrown errors and outcome messages of a whole run', async () => {
    let signIns = 0;
    server.route('POST', /\/auth$/, (request, res) => {
      switch (signIns++) {
        case 0: return vaultJson(res, { responseStatus: 'FAILURE', errorType: 'AUTHENTICATION_FAILED', errors: [{ type: 'USERNAME_OR_PASSWORD_INCORRECT', message: `bad form ${request.body} | ${echo(password)}` }] });
        case 1: return res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<html><title>${password}</title>${request.body} ${echo(password)}</html>`);
        case 2: return vaultJson(res, { responseStatus: 'FAILURE', errors: [{ type: 'UNEXPECTED_ERROR', message: echo(password) }] }, 500);
        default: return vaultJson(res, { responseStatus: 'SUCCESS', sessionId, userId: 5, vaultId: 1, vaultIds: [{ id: 1, name: 'Echo', url: `https://${server.dns}` }] });
      }
    });
    let batches = 0;
    server.route('POST', cancelPath, (request, res) => {
      const ids = requestedIds(request);
      switch (batches++) {
        // A proxy page that starts with the session ID: its preview is cut at 60 characters.
        case 0: return res.writeHead(200, { 'Content-Type': 'text/html' }).end(`${sessionId} ${echo(sessionId, password)}`);
        case 1: return vaultFailure(res, 'INSUFFICIENT_ACCESS', echo(sessionId, password));
        default: return vaultJson(res, { responseStatus: 'SUCCESS', data: ids.map((id) => ({ responseStatus: 'FAILURE', errors: { type: 'INVALID_DATA', message: `Job [${id}] ${echo(sessionId)}` } })) });
      }
    });
    server.route('GET', statusPath, (_request, res) => vaultFailure(res, 'UNEXPECTED_ERROR', echo(sessionId, password)));
    // A page link that carries the session ID across the 200-character cut of its error message.
    server.route('GET', /monitors/, (_request, res) => vaultJson(res, { responseStatus: 'SUCCESS', responseDetails: { total: 9, offset: 0, limit: 1, next_page: `https://elsewhere.example/${'x'.repeat(160)}?s=${sessionId}` }, jobs: [{ job_id: 1 }] }));

    const capture = captureLog();
    const client = new VaultClient({ dns: server.dns, logger: capture.logger, timeoutMs: 2_000, backoffBaseMs: 5, retries: 0 });
    const texts: string[] = [];
    /** Records what a failing call throws, and checks that it did fail. */
    const failing = async (call: Promise<unknown>) => {
      const error = await call.then(() => undefined, (e: unknown) => e as Error);
      assert.ok(error instanceof Error, 'the call failed');
      texts.push(String(error), error.message, error.stack ?? '', JSON.stringify(error));
    };
    for (let attempt = 0; attempt < 3; attempt++) await failing(client.signIn('admin@echo.example', password));
    await client.signIn('admin@echo.example', password);
    await failing(client.listAll('monitors'));

    const ids = [3_000_001, 3_000_002, 3_000_003, 3_000_004, 3_000_005, 3_000_006];
    const result = await cancelJobs(client, ids, { batchSize: 2, concurrency: 1, maxRetries: 0, logger: capture.logger });
    texts.push(...[...result.outcomes.values()].flatMap((o) => [describeOutcome(o), JSON.stringify(o)]));
    assert.deepStrictEqual([...result.outcomes.values()].map((o) => o.kind), ['unknown', 'unknown', 'failed', 'failed', 'notEligible', 'notEligible']);

    const everything = [...capture.lines, ...texts].join('\n');
    assert.strictEqual(server.count(/\/auth$/), 4);
    assert.ok(server.count(statusPath) > 0, 'the status errors were read too');
    assert.ok((everything.match(/«redacted»/g) ?? []).length > 50, 'the echoes reached the messages, redacted');
    assert.match(everything, /starting "«redacted» «redacted»/, 'the proxy page preview is redacted before it is cut');
    assert.match(everything, /\?s=«redacted»/, 'the page link is redacted before it is cut');
    assert.deepStrictEqual(leaks(everything, password), [], 'password');
    assert.deepStrictEqual(leaks(everything, sessionId), [], 'session ID');
  });
});
