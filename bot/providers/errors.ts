// Provider errors (ky style): one class per way an upstream call fails. Messages carry the method and
// the URL without its query string; never a key or token.

function safeUrl(url: string): string {
  return url.replace(/\?.*$/, '');
}

export class ProviderError extends Error {
  readonly source: string;
  constructor(source: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.source = source;
  }
  /** Short reason for user-facing "tried …" lists. */
  get reason(): string {
    return this.message;
  }
}

export class ProviderHttpError extends ProviderError {
  readonly status: number;
  /** Retry-After in ms when the upstream sent one (429/503). */
  readonly retryAfterMs: number | null;
  constructor(source: string, method: string, url: string, status: number, retryAfterMs: number | null) {
    super(source, `${method} ${safeUrl(url)} answered HTTP ${status}`);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
  override get reason(): string {
    return `HTTP ${this.status}`;
  }
}

export class ProviderTimeoutError extends ProviderError {
  constructor(source: string, method: string, url: string, ms: number) {
    super(source, `${method} ${safeUrl(url)} timed out after ${ms} ms`);
  }
  override get reason(): string {
    return 'timeout';
  }
}

export class ProviderNetworkError extends ProviderError {
  constructor(source: string, method: string, url: string, code: string) {
    super(source, `${method} ${safeUrl(url)} failed: ${code}`);
  }
  override get reason(): string {
    return 'unreachable';
  }
}

export class ProviderSchemaError extends ProviderError {
  constructor(source: string, url: string, detail: string) {
    super(source, `${safeUrl(url)} returned unexpected data: ${detail.slice(0, 200)}`);
  }
  override get reason(): string {
    return 'bad data';
  }
}

/** The provider is parked after a failure or a 429 (we do not hammer it); no request was sent. */
export class ProviderParkedError extends ProviderError {
  constructor(source: string, until: number, cause: string) {
    super(source, `${source} parked until ${new Date(until).toISOString()} after ${cause}`);
    this.parkedReason = cause;
  }
  readonly parkedReason: string;
  override get reason(): string {
    return this.parkedReason;
  }
}
