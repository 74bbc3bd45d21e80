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
  /**
   * Hosts a redirect may lead to besides the base URL's own (default: none). Never an IP literal
   * or localhost: a configured upstream cannot bounce us onto the loopback or a private network.
   */
  redirectTo?: (host: string) => boolean;
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
    const own = hostOf(opts.baseUrl);
    const others = opts.redirectTo;
    this.axios = axios.create({
      // Node's http stack (redirect checks below, size limits); the bundle leaves out axios's fetch adapter.
      adapter: 'http',
      // follow-redirects calls this before each hop; throwing ends the request (a network error).
      beforeRedirect: (options: { hostname?: string; host?: string; port?: string | number }) => {
        const host = (options.hostname ?? options.host ?? '').toLowerCase();
        const sameHost = host === own.hostname && String(options.port ?? '') === own.port;
        if (sameHost) return;
        if (others && !isAddressLiteral(host) && others(host)) return;
        throw new Error(`redirect to another host refused (${host})`);
      },
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

function hostOf(url: string): { hostname: string; port: string } {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'https:' ? '' : '');
    return { hostname: u.hostname.toLowerCase().replace(/^\[|\]$/g, ''), port };
  } catch {
    return { hostname: '', port: '' };
  }
}

/** IP literals (v4, v6, decimal/hex forms) and localhost names. */
export function isAddressLiteral(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h.includes(':') ||
    /^[\d.]+$/.test(h) ||
    /^0x[0-9a-f]+$/.test(h) ||
    h === ''
  );
}

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function parseRetryAfter(value: unknown): number | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}
