import * as assert from 'assert';
import { pluralForm } from '../../src/core/plural';

describe('plural forms (Intl.PluralRules)', () => {
  const jobs = { one: '{0} job', other: '{0} jobs' };

  it('takes English\'s one for 1 only', () => {
    assert.deepStrictEqual([0, 1, 2, 21].map((n) => pluralForm('en', n, jobs)), ['{0} jobs', '{0} job', '{0} jobs', '{0} jobs']);
  });

  it('follows the language\'s rules where they are not English\'s: French counts 0 as one', () => {
    assert.strictEqual(pluralForm('fr', 0, { one: 'une', other: 'plusieurs' }), 'une');
  });

  it('takes a form a language needs when the message gives it, else the message\'s other form', () => {
    const polish = { one: 'zadanie', few: 'zadania', many: 'zadań', other: 'zadania (ułamek)' };
    assert.deepStrictEqual([1, 3, 5, 22, 25].map((n) => pluralForm('pl', n, polish)), ['zadanie', 'zadania', 'zadań', 'zadania', 'zadań']);
    assert.strictEqual(pluralForm('pl', 5, jobs), '{0} jobs');
    assert.strictEqual(pluralForm('ru', 21, jobs), '{0} job', 'Russian\'s one covers 21, which is why no form spells the number');
  });

  it('uses the runtime\'s rules for a language Intl does not know', () => {
    assert.strictEqual(pluralForm('qaa-x-unknown', 2, jobs), '{0} jobs');
  });
});
