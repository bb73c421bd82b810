// The server the editor and CLI benchmarks talk to: `cogsync serve` from the bundled CLI in its own process (so its
// memory is measured apart from the client's), with a database in a temp folder holding one dataset at the service's
// limits: 1,024 records of an 8-character key and a 1,000-character value, 1,032,192 bytes (the limit is 1 MiB).
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peakRssMiB } from './stats.js';

export const RECORDS = 1024;
export const VALUE_CHARS = 1000;
export const POOL = 'us-east-1:00000000-0000-4000-8000-0000000be001';
export const IDENTITY = 'us-east-1:00000000-0000-4000-8000-0000000be002';
export const DATASET = 'bench';

/** `key-0000` … `key-1023`: sorted order is index order, so a test can tell which row is where. */
export const recordKey = (i: number): string => `key-${String(i).padStart(4, '0')}`;

/** A readable value that never contains `key-` (the filter benchmark matches keys only). */
export function recordValue(i: number): string {
  const head = `{"level":${i},"name":"player ${i}","notes":"`;
  return head + 'lorem ipsum dolor sit amet '.repeat(40).slice(0, VALUE_CHARS - head.length - 2) + '"}';
}

export interface BenchServer {
  url: string;
  pid: number;
  /** Peak RSS of the server process so far, in MiB (undefined off Linux). */
  peakRss(): number | undefined;
  close(): Promise<void>;
}

function request(url: URL, method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes the 1,024 records with one ListRecords (for the session token) and one UpdateRecords. */
async function fill(url: URL): Promise<void> {
  const path = `/identitypools/${encodeURIComponent(POOL)}/identities/${encodeURIComponent(IDENTITY)}/datasets/${DATASET}`;
  const listed = await request(url, 'GET', `${path}/records`);
  if (listed.status !== 200) throw new Error(`bench server: ListRecords HTTP ${listed.status} ${listed.text.slice(0, 200)}`);
  const token = (JSON.parse(listed.text) as { SyncSessionToken: string }).SyncSessionToken;
  const patches = Array.from({ length: RECORDS }, (_, i) => ({ Op: 'replace', Key: recordKey(i), Value: recordValue(i), SyncCount: 0 }));
  const updated = await request(url, 'POST', path, JSON.stringify({ SyncSessionToken: token, RecordPatches: patches }));
  if (updated.status !== 200) throw new Error(`bench server: UpdateRecords HTTP ${updated.status} ${updated.text.slice(0, 200)}`);
}

/** Starts `node <cli> serve --port 0 --db <temp>` and fills the dataset. */
export async function startBenchServer(cli: string, env: NodeJS.ProcessEnv): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-bench-server-'));
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', join(dir, 'bench.db')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`cogsync serve did not start in 30 s: ${stderr}`)), 30_000);
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        const found = /listening on (http:\/\/\S+)/.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(new URL(found[1]));
        }
      });
      child.once('exit', (code) => reject(new Error(`cogsync serve exited with ${code}: ${stderr}`)));
    });
    await fill(url);
    const pid = child.pid!;
    return {
      url: url.origin,
      pid,
      peakRss: () => peakRssMiB(pid),
      async close() {
        child.kill('SIGTERM');
        await exited;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
