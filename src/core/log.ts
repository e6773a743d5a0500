// The logging contract of the core. Secrets are redacted here, at the logger, so that no call site
// can forget to: every session ID, password or token the core learns is added to the Redactor.

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const redactedMark = '«redacted»';
/** Strings shorter than this are never treated as secrets: redacting "1" would mangle every number. */
const shortestSecret = 4;

/** Remembers secrets and removes every occurrence of them (and of Authorization header values) from text. */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= shortestSecret) this.secrets.add(secret);
  }

  redact(text: string): string {
    let result = text.replace(/(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',}]+/gi, `$1$2${redactedMark}`);
    for (const secret of this.secrets) result = result.split(secret).join(redactedMark);
    return result;
  }
}

/** A Logger that writes to `sink` after redaction, each line prefixed by `prefix`. */
export function redactedLogger(sink: Logger, redactor: Redactor, prefix = ''): Logger {
  const write = (level: keyof Logger) => (message: string) => sink[level](redactor.redact(`${prefix}${message}`));
  return { trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** A Logger that writes to `sink` with a `[component]` prefix, after redaction. */
export function componentLogger(sink: Logger, redactor: Redactor, component: string): Logger {
  return redactedLogger(sink, redactor, `[${component}] `);
}

/** Discards everything: for callers that do not care about the core's log. */
export const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
