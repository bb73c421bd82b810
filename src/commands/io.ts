// Where a command writes and what it runs with. Commands never touch process.stdout or
// process.env directly, so tests run them in-process and read what they printed.

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
}

export function processIO(): CommandIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    terminalWidth: process.stdout.isTTY ? process.stdout.columns : undefined,
  };
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
