// One axios-based HTTP client per upstream: base URL from config, descriptive User-Agent, a hard
// per-request deadline, and failures mapped onto the provider error classes.
import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { ZodType } from 'zod';
import { ProviderHttpError, ProviderNetworkError, ProviderSchemaError, ProviderTimeoutError } from './errors.js';

export interface HttpClientOptions {
  source: string;
  baseUrl: string;
  userAgent: string;
  headers?: Record<string, string>;
  /** Counts every request sent, for tests and /metrics. */
  onRequest?: (source: string, path: string) => void;
  /** Redirects to follow (default 3); 0 for hosts where a redirect could lead anywhere. */
  maxRedirects?: number;
  /** Largest body accepted (default 5 MB; the phishing lists are larger). */
  maxContentLength?: number;
}

export interface GetOptions {
  timeoutMs: number;
  params?: Record<string, string>;
}

/** A GET-only client that returns the body as text or schema-checked JSON. */
export class HttpClient {
  readonly source: string;
  private readonly axios: AxiosInstance;
  private readonly onRequest: HttpClientOptions['onRequest'];

  constructor(opts: HttpClientOptions) {
    this.source = opts.source;
    this.onRequest = opts.onRequest;
    this.axios = axios.create({
      baseURL: opts.baseUrl.replace(/\/+$/, ''),
      headers: { 'User-Agent': opts.userAgent, Accept: 'application/json, text/plain', ...opts.headers },
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      maxRedirects: opts.maxRedirects ?? 3,
      maxContentLength: opts.maxContentLength ?? 5_000_000,
      validateStatus: () => true,
      proxy: false,
    });
  }

  /** GET a path and return the raw body; throws a Provider*Error on any failure. */
  async text(path: string, opts: GetOptions): Promise<string> {
    const url = `${this.axios.defaults.baseURL ?? ''}${path}`;
    this.onRequest?.(this.source, path);
    let res;
    try {
      res = await this.axios.get<string>(path, {
        timeout: opts.timeoutMs,
        signal: AbortSignal.timeout(opts.timeoutMs),
        ...(opts.params ? { params: opts.params } : {}),
      });
    } catch (err) {
      if (err instanceof AxiosError) {
        if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' || err.code === 'ERR_CANCELED') {
          throw new ProviderTimeoutError(this.source, 'GET', url, opts.timeoutMs);
        }
        throw new ProviderNetworkError(this.source, 'GET', url, err.code ?? 'network error');
      }
      throw new ProviderNetworkError(this.source, 'GET', url, 'network error');
    }
    if (res.status < 200 || res.status >= 300) {
      throw new ProviderHttpError(this.source, 'GET', url, res.status, parseRetryAfter(res.headers['retry-after']));
    }
    return typeof res.data === 'string' ? res.data : String(res.data);
  }

  /** GET a path, parse JSON and check it against a zod schema. */
  async json<T>(path: string, schema: ZodType<T>, opts: GetOptions): Promise<T> {
    const body = await this.text(path, opts);
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      throw new ProviderSchemaError(this.source, path, 'malformed JSON');
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new ProviderSchemaError(
        this.source,
        path,
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    return parsed.data;
  }
}

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function parseRetryAfter(value: unknown): number | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}
