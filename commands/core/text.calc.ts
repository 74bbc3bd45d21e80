// Small text helpers shared by the model matcher, the look-alike domain checks and the HTTP surfaces.

/** Levenshtein distance (insert, delete, substitute = 1). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * The path of an HTTP request target, or null when it is no valid origin-form or absolute URL
 * (`GET http://[ HTTP/1.1` must answer 400, not throw).
 */
export function requestPath(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://x').pathname;
  } catch {
    return null;
  }
}
