// A bounded loop client for 127.0.0.1: a fixed number of GETs at a fixed concurrency over
// keep-alive connections, stopped by a time limit whatever happens. Loopback only.
import http from 'node:http';
import { now, percentile } from './stats.js';

export interface LoadRun {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Every request's latency, for percentiles pooled over several runs. */
  latencies: number[];
}

export async function load(
  url: string,
  options: { count: number; concurrency: number; headers?: Record<string, string>; timeLimitMs?: number },
): Promise<LoadRun> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`the load client only targets 127.0.0.1, not ${target.hostname}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const deadline = Date.now() + (options.timeLimitMs ?? 60_000);
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = now();
      const req = http.get(url, { agent, headers: options.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(now() - started);
          if (res.statusCode !== 200) errors++;
          resolve();
        });
      });
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
  const worker = async () => {
    while (next < options.count && Date.now() < deadline) {
      next++;
      await one();
    }
  };
  const started = now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (now() - started) / 1000;
  agent.destroy();
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    latencies,
  };
}
