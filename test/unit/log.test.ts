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

  it('redacts the encodings Go, .NET, double URL-encoding, every-character escapes, entities and base64 produce', () => {
    const password = 'Correct horse/battery "staple" & <more>!é';
    const redactor = new Redactor();
    redactor.add(password);
    const unicode = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    const forms = [
      JSON.stringify(password).slice(1, -1).replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e'), // Go
      JSON.stringify(password).slice(1, -1).replace(/\\"/g, '\\u0022').replace(/[&<>'+é]/g, (c) => unicode(c).toUpperCase().replace('\\U', '\\u')), // .NET
      encodeURIComponent(encodeURIComponent(password)),
      encodeURIComponent(encodeURIComponent(password)).toLowerCase(),
      password.replace(/[\s\S]/g, unicode),
      password.replace(/[\s\S]/g, unicode).toUpperCase().replace(/\\U/g, '\\u'),
      [...password].map((c) => `&#${c.codePointAt(0)};`).join(''),
      [...password].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join(''),
      [...password].map((c) => `&#X${c.codePointAt(0)!.toString(16).toUpperCase()};`).join(''),
      password.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
    ];
    for (const form of forms) assert.strictEqual(redactor.redact(`<p>echo: ${form} :end</p>`), '<p>echo: «redacted» :end</p>', form);
    // Base64 of a longer text holding the password at any of the three alignments: no 4-character run of its own encoding is left.
    for (const before of ['', 'x', 'xy', 'xyz']) {
      for (const base64 of [Buffer.from(`${before}${password}tail`).toString('base64'), Buffer.from(`${before}${password}`).toString('base64url')]) {
        const redacted = redactor.redact(base64);
        assert.match(redacted, /«redacted»/, base64);
        assert.ok(redacted.replace('«redacted»', '').length <= 12, `${base64} → ${redacted}`);
      }
    }
  });

  it('redacts a session ID in another letter case, split across lines anywhere, or echoed in part', () => {
    const sessionId = '9F2CAB01E71A44D3B5C6D7E8F9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8';
    const redactor = new Redactor();
    redactor.add(sessionId);
    const wrapped = (at: number, lineBreak: string) => `${sessionId.slice(0, at)}${lineBreak}${sessionId.slice(at)}`;
    const forms = [
      sessionId.toLowerCase(), `${sessionId.slice(0, 32).toLowerCase()}${sessionId.slice(32)}`,
      ...[1, 11, 12, 13, 40, 63].flatMap((at) => [wrapped(at, '\n'), wrapped(at, '\r\n')]),
      sessionId.match(/.{1,10}/g)!.join('\r\n'),
      sessionId.slice(0, 12), sessionId.slice(0, 33), sessionId.slice(-12), sessionId.slice(-33).toLowerCase(),
    ];
    for (const form of forms) assert.strictEqual(redactor.redact(`[${form}]`), '[«redacted»]', JSON.stringify(form));
    // Fewer than 12 characters of it are not taken for it; a middle part that reaches neither end neither.
    assert.strictEqual(redactor.redact(`[${sessionId.slice(0, 11)}]`), `[${sessionId.slice(0, 11)}]`);
    // Text around an echo in part stays.
    assert.strictEqual(redactor.redact(`truncated id ${sessionId.slice(0, 20)}… ok`), 'truncated id «redacted»… ok');
  });

  it('never changes a job ID for a password of digits, and still redacts that password standing alone', () => {
    const redactor = new Redactor();
    redactor.add('104689');
    const text = 'job 1046892, job 2104689, job 104689 (password 104689), %22104689%22, \\u0022104689\\u0022, pw=104689&x';
    assert.strictEqual(redactor.redact(text),
      'job 1046892, job 2104689, job «redacted» (password «redacted»), %22«redacted»%22, \\u0022«redacted»\\u0022, pw=«redacted»&x');
    // Nor is a job ID that holds a longer digit password cut in part.
    const long = new Redactor();
    long.add('10468921046892');
    assert.strictEqual(long.redact('jobs 1046892 1046892104689210 and 10468921046892'), 'jobs 1046892 1046892104689210 and «redacted»');
  });

  it('removes a secret whole when another registered secret is part of it', () => {
    const redactor = new Redactor();
    redactor.add('abcd');
    redactor.add('xxabcdyy');
    assert.strictEqual(redactor.redact('1 xxabcdyy 2 abcd'), '1 «redacted» 2 «redacted»');
  });
});
