// One whole `list-records` process against the bench server, timed from spawn to exit: `cogsync list-records` (the
// bundled CLI) or `aws cognito-sync list-records` (the AWS CLI, when it is on PATH). Both print the same JSON.
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { DATASET, IDENTITY, POOL, RECORDS } from './bench-server.js';

/**
 * The environment both CLIs run with: fake static keys (the local server accepts any signature), no shared config
 * files, and a private COGSYNC_HOME: nothing real is read or touched.
 *
 * Without NODE_EXTRA_CA_CERTS: when it is set, Node 20 builds its whole root certificate store and reads that file at
 * every process start, before any of our code runs (~36 ms on the bench VM, whose image sets it; a one-certificate
 * file still costs ~17 ms). The benchmarks talk plain HTTP to 127.0.0.1, and the AWS CLI (Python) never reads the
 * variable, so it would only add a tax of this machine to one side of each ratio. The editor suite also times a
 * series with the caller's value (extraCaCerts) and prints it beside the goal row.
 */
export function benchEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    COGSYNC_HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIDCOGSYNCBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-not-real',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/nonexistent/cogsync-bench-aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/cogsync-bench-aws-credentials',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_PAGER: '',
  };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** The caller's NODE_EXTRA_CA_CERTS, which benchEnv leaves out (undefined when not set). */
export const extraCaCerts = (): string | undefined => process.env.NODE_EXTRA_CA_CERTS || undefined;

const args = (endpoint: string) => [
  'list-records',
  '--identity-pool-id', POOL,
  '--identity-id', IDENTITY,
  '--dataset-name', DATASET,
  '--max-results', String(RECORDS),
  '--endpoint-url', endpoint,
];

/** Whether `aws` runs here (CI may not have it: the ratio rows are then left out). */
export function awsCliAvailable(env: NodeJS.ProcessEnv): boolean {
  const probe = spawnSync('aws', ['--version'], { env, encoding: 'utf8' });
  return probe.status === 0;
}

/** Runs the command, checks it listed every record, and resolves with its wall time in ms. */
function timeProcess(file: string, argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = performance.now() - started;
      if (code !== 0) return reject(new Error(`${file} ${argv[0]} exited with ${code}: ${err.slice(0, 500)}`));
      const listed = (JSON.parse(Buffer.concat(out).toString('utf8')) as { Records?: unknown[] }).Records?.length;
      if (listed !== RECORDS) return reject(new Error(`${file} listed ${listed} records, expected ${RECORDS}`));
      resolve(elapsed);
    });
  });
}

export const timeCogsyncList = (cli: string, endpoint: string, env: NodeJS.ProcessEnv): Promise<number> =>
  timeProcess(process.execPath, [cli, ...args(endpoint)], env);

export const timeAwsList = (endpoint: string, env: NodeJS.ProcessEnv): Promise<number> =>
  timeProcess('aws', ['cognito-sync', ...args(endpoint), '--output', 'json'], env);
