// Every test runs offline: any socket that would leave the loopback interface fails at once.
// Fakes of external APIs are real servers on 127.0.0.1 (see test/fakes/).
const net = require('node:net');

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;
const originalConnect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function connect(...args) {
  let host;
  const first = args[0];
  if (Array.isArray(first)) {
    host = first[0] && first[0].host;
  } else if (first && typeof first === 'object') {
    if (first.path) return originalConnect.apply(this, args); // unix socket
    host = first.host;
  } else if (typeof first === 'number' || /^\d+$/.test(String(first))) {
    host = typeof args[1] === 'string' ? args[1] : 'localhost';
  } else if (typeof first === 'string') {
    return originalConnect.apply(this, args); // unix socket path
  }
  host = host === undefined ? 'localhost' : String(host).replace(/^\[|\]$/g, '');
  if (!LOOPBACK.test(host)) {
    const error = new Error(`test guard: connection to ${host} refused (tests stay on 127.0.0.1)`);
    error.code = 'ETESTNETWORK';
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return originalConnect.apply(this, args);
};

// Defaults so that no code path under test can reach a real API even if a test forgets to set a URL.
for (const name of [
  'MEMPOOL_API_URL',
  'COINGECKO_API_URL',
  'BLOCKCHAIN_INFO_URL',
  'KRAKEN_API_URL',
  'COINBASE_API_URL',
]) {
  if (!process.env[name]) process.env[name] = 'http://127.0.0.1:9';
}
if (process.env.NEWS_FEEDS === undefined) process.env.NEWS_FEEDS = '';
delete process.env.DISCORD_TOKEN;
delete process.env.TELEGRAM_BOT_TOKEN;
