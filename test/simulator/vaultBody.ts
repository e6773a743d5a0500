// Vault answer bodies (vault-api.md §4.1) and request-body parsing shared by the routes.

export type VaultBody = { responseStatus: string } & Record<string, unknown>;

export function success(fields: Record<string, unknown> = {}): VaultBody {
  return { responseStatus: 'SUCCESS', ...fields };
}

export function failure(type: string, message: string, extra: Record<string, unknown> = {}): VaultBody {
  return { responseStatus: 'FAILURE', errors: [{ type, message }], ...extra };
}

export const invalidSession = (): VaultBody => failure('INVALID_SESSION_ID', 'Invalid or expired session ID.');

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Fields of an `application/x-www-form-urlencoded` or `multipart/form-data` body. */
export function parseForm(contentType: string | undefined, body: string): Map<string, string> {
  const fields = new Map<string, string>();
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (mediaType(contentType) === 'multipart/form-data' && boundary) {
    for (const part of body.split(`--${boundary}`)) {
      const split = part.indexOf('\r\n\r\n');
      const name = /name="([^"]*)"/i.exec(part.slice(0, split))?.[1];
      if (split >= 0 && name !== undefined) fields.set(name, part.slice(split + 4).replace(/\r\n$/, ''));
    }
  } else {
    for (const [name, value] of new URLSearchParams(body)) fields.set(name, value);
  }
  return fields;
}
