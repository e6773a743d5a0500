// API versions look like vYY.N with three releases a year (vault-api.md §1).

export interface ApiVersion {
  year: number;
  release: number;
}

export function parseVersion(text: string): ApiVersion | undefined {
  const match = /^v(\d{2})\.(\d)$/.exec(text);
  return match ? { year: Number(match[1]), release: Number(match[2]) } : undefined;
}

export function compareVersions(a: ApiVersion, b: ApiVersion): number {
  return a.year - b.year || a.release - b.release;
}

/** Every version from v21.1 (the oldest this simulator claims) to `latest`, oldest first. */
export function supportedVersions(latest: string): string[] {
  const last = parseVersion(latest);
  if (!last) throw new Error(`bad version ${latest}`);
  const versions: string[] = [];
  for (let year = 21; year <= last.year; year++) {
    for (let release = 1; release <= 3 && (year < last.year || release <= last.release); release++) versions.push(`v${year}.${release}`);
  }
  return versions;
}
