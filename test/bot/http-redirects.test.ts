// Redirects from a configured upstream: followed on its own host, refused to any other (the
// loopback on another port stands in for "anywhere"), allowed only to the hosts a source names.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient, isAddressLiteral } from '../../bot/providers/http.js';
import { ProviderNetworkError } from '../../bot/providers/errors.js';

let target: Server;
let origin: Server;
let targetHits = 0;
let targetPort = 0;
let originPort = 0;

beforeAll(async () => {
  target = createServer((_req, res) => {
    targetHits++;
    res.end('secret');
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  targetPort = (target.address() as AddressInfo).port;
  origin = createServer((req, res) => {
    if (req.url === '/away') res.writeHead(302, { location: `http://127.0.0.1:${targetPort}/x` }).end();
    else if (req.url === '/localhost') res.writeHead(302, { location: `http://localhost:${targetPort}/x` }).end();
    else if (req.url === '/here') res.writeHead(301, { location: '/there' }).end();
    else res.end('ok');
  });
  await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
  originPort = (origin.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => target.close(() => r()));
  await new Promise<void>((r) => origin.close(() => r()));
});

const client = (redirectTo?: (h: string) => boolean) =>
  new HttpClient({
    source: 'test',
    baseUrl: `http://127.0.0.1:${originPort}`,
    userAgent: 'test',
    ...(redirectTo ? { redirectTo } : {}),
  });

test('a redirect on the same host is followed', async () => {
  expect(await client().text('/here', { timeoutMs: 2000 })).toBe('ok');
});

test('a redirect to another host or port is refused and nothing reaches it', async () => {
  await expect(client().text('/away', { timeoutMs: 2000 })).rejects.toBeInstanceOf(ProviderNetworkError);
  await expect(client(() => true).text('/localhost', { timeoutMs: 2000 })).rejects.toBeInstanceOf(ProviderNetworkError);
  expect(targetHits).toBe(0);
});

test('address literals are never redirect targets, whatever a source allows', () => {
  for (const h of ['127.0.0.1', '[::1]', '::1', 'localhost', 'a.localhost', '2130706433', '0x7f000001', '10.0.0.1'])
    expect(isAddressLiteral(h)).toBe(true);
  for (const h of ['rdap.verisign.com', 'rdap.nic.io']) expect(isAddressLiteral(h)).toBe(false);
});
