// Where a command writes and what it runs with. Commands never touch process.stdout or
// process.env directly, so tests run them in-process and read what they printed.
import { ExitCode } from './errors.js';

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Columns of the terminal when stdout is one; the table format assumes 80 otherwise. */
  terminalWidth?: number;
}

/** Options every scripted command takes, with the AWS CLI's names. */
export interface GlobalFlags {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  /** json (default), text or table. */
  output?: string;
  /** `--query`: a JMESPath expression applied to the answer before it is printed. */
  query?: string;
  /** Requests and responses on stderr, secrets removed. */
  debug?: boolean;
  /** `--log FILE`: every AWS call appended as one JSON line (the request log's entries). */
  log?: string;
  /** `--cli-read-timeout` / `--cli-connect-timeout`, in seconds; 0 waits as long as it takes. */
  readTimeout?: number;
  connectTimeout?: number;
  /** `--ca-bundle FILE`: the certificates HTTPS is checked against. */
  caBundle?: string;
  /** `--no-verify-ssl`: false; HTTPS certificates are then not checked. */
  verifySsl?: boolean;
}

export function processIO(): CommandIO {
  watchStdout();
  return {
    stdout: (text) => void (stdoutState === 'open' && process.stdout.write(text)),
    stderr: (text) => void (stderrOpen && process.stderr.write(text)),
    env: process.env,
    cwd: process.cwd(),
    terminalWidth: process.stdout.isTTY ? process.stdout.columns : undefined,
  };
}

let stdoutState: 'unwatched' | 'open' | 'closed' = 'unwatched';
/** False once stderr's reader went away (`--debug 2>&1 | head -1`): diagnostics nobody reads are dropped. */
let stderrOpen = true;

/**
 * A reader that stops early (`cogsync list-records … | head -1`) closes the pipe: the rest of the output is not
 * wanted, so it is dropped quietly and the command ends as it would have (the AWS CLI ignores a broken pipe too).
 * Any other failure to write (a full disk) loses the output: one line on stderr, and exit 255 instead of a stack.
 */
function watchStdout(): void {
  if (stdoutState !== 'unwatched') return;
  stdoutState = 'open';
  process.stderr.on('error', () => {
    stderrOpen = false;
  });
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    stdoutState = 'closed';
    if (error.code === 'EPIPE') return;
    if (stderrOpen) process.stderr.write(`cogsync: cannot write the output: ${error.message}\n`);
    // The command sets its own exit code when it ends; a lost answer must not look like success.
    process.once('exit', (code) => {
      if (code === 0) process.exitCode = ExitCode.Other;
    });
  });
}

/** An IO that records everything, for tests and for callers that post-process output. */
export function captureIO(overrides: Partial<CommandIO> = {}): CommandIO & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    env: process.env,
    cwd: process.cwd(),
    ...overrides,
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
