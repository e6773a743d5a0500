// Plural forms chosen by the language's own rules (Intl.PluralRules, CLDR): "1 job" is not the only
// singular there is. French says "0 tâche", and a language with forms for a few and for many has
// more than two. The forms are messages localised where they are written (each a vscode.l10n.t
// literal, so the l10n bundle finds them); a form a language needs and the message does not give is
// its `other` form.

export type PluralCategory = Intl.LDMLPluralRule;

/** The message's forms by CLDR category: `other` always, the rest where the message differs. */
export type PluralForms = { readonly other: string } & Partial<Record<Exclude<PluralCategory, 'other'>, string>>;

const rulesByLocale = new Map<string, Intl.PluralRules>();

function rulesFor(locale: string): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) {
    // A language Intl does not know falls back to the runtime's default rules.
    rules = new Intl.PluralRules(Intl.PluralRules.supportedLocalesOf([locale]).length ? locale : undefined);
    rulesByLocale.set(locale, rules);
  }
  return rules;
}

/** The form of `forms` that `locale`'s rules choose for `count`. */
export function pluralForm(locale: string, count: number, forms: PluralForms): string {
  return forms[rulesFor(locale).select(count)] ?? forms.other;
}
