// Drives the editor in a real pseudo-terminal for the benchmarks. Unlike test/helpers/pty.ts, which polls, this one
// checks the output on every chunk node-pty delivers, so a latency is "key written → the chunk that completed the
// expected text arrived", with no polling interval added.
import { performance } from 'node:perf_hooks';
import { stripVTControlCharacters } from 'node:util';
import pty from 'node-pty';

interface Waiter {
  since: number;
  matches: (text: string) => boolean;
  resolve: (at: number) => void;
}

export class PtyDriver {
  readonly pid: number;
  readonly startedAt: number;
  readonly exited: Promise<number>;
  private output = '';
  private waiter: Waiter | undefined;
  private readonly child: pty.IPty;

  constructor(file: string, args: string[], env: NodeJS.ProcessEnv, size = { cols: 100, rows: 30 }) {
    this.startedAt = performance.now();
    this.child = pty.spawn(file, args, { name: 'xterm-color', ...size, env: env as Record<string, string> });
    this.pid = this.child.pid;
    this.exited = new Promise((resolve) => this.child.onExit(({ exitCode }) => resolve(exitCode)));
    this.child.onData((chunk) => {
      const at = performance.now();
      this.output += chunk;
      const w = this.waiter;
      if (w && w.matches(stripVTControlCharacters(this.output.slice(w.since)))) {
        this.waiter = undefined;
        w.resolve(at);
      }
    });
  }

  /** A position in the raw output; `waitFor` searches only after it. */
  mark(): number {
    return this.output.length;
  }

  /** The ANSI-stripped output after `since`. */
  textSince(since: number): string {
    return stripVTControlCharacters(this.output.slice(since));
  }

  /**
   * Resolves with the performance.now() of the chunk after which the stripped output past `since` satisfies
   * `matches`; rejects after `ms` with the tail of the output.
   */
  waitFor(matches: (text: string) => boolean, since: number, ms = 10_000): Promise<number> {
    if (matches(this.textSince(since))) return Promise.resolve(performance.now());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`timed out after ${ms} ms; output past the mark:\n${this.textSince(since).slice(-2500)}`));
      }, ms);
      this.waiter = {
        since,
        matches,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
    });
  }

  /** Writes `key` and resolves with the milliseconds until the output shows `expected`. */
  async press(key: string, expected: (text: string) => boolean, ms = 10_000): Promise<number> {
    const since = this.mark();
    const sent = performance.now();
    const arrived = this.waitFor(expected, since, ms);
    this.child.write(key);
    return (await arrived) - sent;
  }

  write(data: string): void {
    this.child.write(data);
  }

  kill(signal = 'SIGKILL'): void {
    try {
      this.child.kill(signal);
    } catch {
      // already gone
    }
  }
}
