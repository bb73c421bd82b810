// Runs the scripted commands in-process against a real local server, with a throwaway
// COGSYNC_HOME and fake AWS credentials: never the real home directory or real AWS.
import { tempHome } from '../../helpers/home.js';
import { captureIO, type CommandIO, type GlobalFlags } from '../../../src/commands/io.js';
import { runOperation, type OperationRequest } from '../../../src/commands/run-operation.js';

const home = tempHome('cogsync-commands-');
process.on('exit', () => home.cleanup());

/** The environment every run gets (and the credential chain reads from process.env). */
export const SAFE_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  COGSYNC_HOME: home.dir,
  HOME: home.dir,
  AWS_ACCESS_KEY_ID: 'AKIDTESTCOGSYNC',
  AWS_SECRET_ACCESS_KEY: 'test-secret-not-real',
  AWS_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/nonexistent/cogsync-test-aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/cogsync-test-aws-credentials',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_DEFAULT_OUTPUT', 'AWS_DEFAULT_REGION']) delete process.env[name];
Object.assign(process.env, SAFE_ENV);

export interface Ran {
  code: number;
  out: string;
  err: string;
  json<T = Record<string, unknown>>(): T;
}

export type Captured = CommandIO & { out: () => string; err: () => string };

export function newIO(env: NodeJS.ProcessEnv = SAFE_ENV): Captured {
  return captureIO({ env: { ...env } });
}

export async function finish(io: Captured, code: number): Promise<Ran> {
  return { code, out: io.out(), err: io.err(), json: <T>() => JSON.parse(io.out()) as T };
}

/** One operation: options by member name, globals merged over `--endpoint-url url`. */
export async function op(
  url: string,
  operation: string,
  options: OperationRequest['options'],
  extra: Partial<Omit<OperationRequest, 'operation' | 'options' | 'globals'>> & { globals?: GlobalFlags; env?: NodeJS.ProcessEnv } = {},
): Promise<Ran> {
  const io = newIO(extra.env);
  const { globals, env: _env, ...rest } = extra;
  const code = await runOperation({ operation, options, ...rest, globals: { endpointUrl: url, ...globals } }, io);
  return finish(io, code);
}
