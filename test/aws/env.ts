// Test helpers for the AWS layer: temp AWS config files and scoped environment changes,
// so no test reads the real ~/.aws or leaks variables into the next test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AwsFiles {
  dir: string;
  configFile: string;
  credentialsFile: string;
  cleanup(): void;
}

let counter = 0;

/**
 * Writes a config and a credentials file in a fresh temp folder. Unique paths every time:
 * the SDK caches shared files by path for the life of the process.
 */
export function writeAwsFiles(config: string, credentials: string): AwsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-aws-'));
  counter++;
  const configFile = join(dir, `config-${counter}`);
  const credentialsFile = join(dir, `credentials-${counter}`);
  writeFileSync(configFile, config);
  writeFileSync(credentialsFile, credentials);
  return { dir, configFile, credentialsFile, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const AWS_VARS = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_ACCOUNT_ID',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_COGNITO_SYNC',
  'AWS_ENDPOINT_URL_COGNITO_IDENTITY',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
] as const;

/**
 * A clean AWS environment for the duration of `fn`: every AWS_* variable above removed,
 * files pointed at nonexistent paths, instance metadata off (no 1 s IMDS probe), then
 * `vars` applied. Restores the previous values afterwards.
 */
export async function withAwsEnv<T>(vars: Partial<Record<(typeof AWS_VARS)[number], string>>, fn: () => T | Promise<T>): Promise<T> {
  const saved = new Map<string, string | undefined>();
  for (const name of AWS_VARS) {
    saved.set(name, process.env[name]);
    delete process.env[name];
  }
  process.env.AWS_CONFIG_FILE = '/nonexistent/cogsync-test-aws-config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/cogsync-test-aws-credentials';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** A plain env object for the pure resolvers (no process.env involved). */
export function cleanEnv(vars: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    AWS_CONFIG_FILE: '/nonexistent/cogsync-test-aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/cogsync-test-aws-credentials',
    HOME: '/nonexistent/home',
    ...vars,
  };
}
