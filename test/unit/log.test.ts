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
});
