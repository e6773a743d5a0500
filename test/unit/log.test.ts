import * as assert from 'assert';
import { Redactor, componentLogger, type Logger } from '../../src/core/log';

describe('log redaction', () => {
  const lines: string[] = [];
  const sink: Logger = {
    trace: (m) => lines.push(`trace ${m}`), debug: (m) => lines.push(`debug ${m}`), info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`),
  };
  beforeEach(() => lines.splice(0));

  it('removes every registered secret and keeps the rest of the line', () => {
    const redactor = new Redactor();
    redactor.add('9F2CAB01E71A');
    redactor.add('hunter2!');
    componentLogger(sink, redactor, 'auth').info('session 9F2CAB01E71A for password hunter2! (again 9F2CAB01E71A)');
    assert.deepStrictEqual(lines, ['info [auth] session «redacted» for password «redacted» (again «redacted»)']);
  });

  it('redacts Authorization header values it was never told about', () => {
    const redactor = new Redactor();
    assert.strictEqual(redactor.redact('{"Authorization":"Bearer veeva-vault-abc"}'), '{"Authorization":"Bearer «redacted»"}');
    assert.strictEqual(redactor.redact('authorization: 0123abcd next'), 'authorization: «redacted» next');
  });

  it('ignores strings too short to be secrets', () => {
    const redactor = new Redactor();
    redactor.add('12');
    assert.strictEqual(redactor.redact('job 1234 of 12'), 'job 1234 of 12');
  });

  it('redacts a secret in every encoding a server could echo it in', () => {
    const password = 'Correct horse/battery "staple" & more!é';
    const redactor = new Redactor();
    redactor.add(password);
    const forms = [
      password,
      new URLSearchParams({ password }).toString().slice('password='.length), // Correct+horse%2Fbattery+%22staple%22+%26+more%21%C3%A9
      encodeURIComponent(password),
      encodeURIComponent(password).replace(/!/g, '%21'),
      encodeURIComponent(password).replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()),
      JSON.stringify(password).slice(1, -1),
      JSON.stringify(password).slice(1, -1).replace('/', '\\/').replace('é', '\\u00e9'),
      JSON.stringify(password).slice(1, -1).replace('/', '\\/').replace('é', '\\u00E9'),
      'Correct horse/battery &quot;staple&quot; &amp; more!é',
    ];
    for (const form of forms) {
      const redacted = redactor.redact(`<p>echo: ${form} :end</p>`);
      assert.strictEqual(redacted, '<p>echo: «redacted» :end</p>', form);
    }
  });

  it('removes a secret whole when another registered secret is part of it', () => {
    const redactor = new Redactor();
    redactor.add('abcd');
    redactor.add('xxabcdyy');
    assert.strictEqual(redactor.redact('1 xxabcdyy 2 abcd'), '1 «redacted» 2 «redacted»');
  });
});
