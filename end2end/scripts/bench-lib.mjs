// Shared by the HTTP benchmarks: time one request, and measure a case sequentially
// (latency quantiles) and with concurrent clients (throughput). Figures only.

export const SEQUENTIAL = 200;
export const CONCURRENCY = 8;
export const SECONDS = 3;

async function once(run) {
  const start = performance.now();
  const response = await run();
  const bytes = (await response.arrayBuffer()).byteLength;
  if (!response.ok && response.status !== 304) throw new Error(`${response.status} from ${response.url}`);
  return [performance.now() - start, bytes];
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** p50 and p99 of SEQUENTIAL requests, requests per second from CONCURRENCY clients, body bytes. */
export async function measure(run) {
  for (let i = 0; i < 10; i++) await once(run); // warm up
  const times = [];
  let bytes = 0;
  for (let i = 0; i < SEQUENTIAL; i++) {
    const [ms, size] = await once(run);
    times.push(ms);
    bytes = size;
  }
  times.sort((a, b) => a - b);
  let done = 0;
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await once(run);
        done++;
      }
    }),
  );
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), perSecond: done / SECONDS, bytes };
}

export const ms = (x) => `${x.toFixed(2)} ms`.padStart(10);
