// Starts a real server process on 127.0.0.1 and waits until it answers HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  port: number;
  logs: () => string;
  stop: () => Promise<void>;
}

export async function startServer(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; port: number; readyPath?: string; timeoutMs?: number },
): Promise<RunningServer> {
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let logs = '';
  child.stdout!.on('data', (chunk) => (logs += chunk));
  child.stderr!.on('data', (chunk) => (logs += chunk));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  while (true) {
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode} before answering:\n${logs}`);
    try {
      await fetch(url + (options.readyPath ?? '/'), { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${command} did not answer on ${url} in time:\n${logs}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  return { url, port: options.port, logs: () => logs, stop };
}
