/**
 * Watch mode's polling loop, without React or the SDK: polls one at a time (the next is
 * scheduled only after the previous settles), waits `intervalMs` between polls, and backs
 * off exponentially (capped) after errors and throttling. The clock and timers are injected,
 * so tests drive it with a fake timer and see every state it goes through.
 */

/** What a poll reports back. `skipped`: nothing was asked (e.g. a commit is running). */
export type PollOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'skipped' }
  | { readonly kind: 'error'; readonly throttled: boolean; readonly message: string };

export type SchedulerPhase = 'stopped' | 'waiting' | 'polling' | 'backoff';

export interface SchedulerStatus {
  readonly phase: SchedulerPhase;
  /** Failed polls in a row (0 after a success). */
  readonly failures: number;
  /** The last failure was throttling (429, TooManyRequests, LimitExceeded…). */
  readonly throttled: boolean;
  readonly lastError?: string;
  /** Epoch ms of the last poll that finished (ok or error). */
  readonly lastPollAt?: number;
  /** Epoch ms of the next poll, while waiting or backing off. */
  readonly nextPollAt?: number;
  /** The wait before the next poll. */
  readonly delayMs?: number;
}

export interface TimerApi {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: TimerApi = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    // A watch timer must not keep the process alive after the editor quits.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const DEFAULT_WATCH_INTERVAL_MS = 5_000;
/** Backoff never waits longer than this (unless the interval itself is longer). */
export const DEFAULT_MAX_BACKOFF_MS = 60_000;

/** interval × 2^failures, capped at `maxMs` (and never below the interval). */
export function backoffDelay(intervalMs: number, failures: number, maxMs: number = DEFAULT_MAX_BACKOFF_MS): number {
  if (failures <= 0) return intervalMs;
  const cap = Math.max(intervalMs, maxMs);
  // 2^failures overflows to Infinity long after the cap; Math.min keeps it finite.
  return Math.min(cap, intervalMs * 2 ** Math.min(failures, 30));
}

export interface PollSchedulerOptions {
  intervalMs: number;
  maxBackoffMs?: number;
  timers?: TimerApi;
  poll(): Promise<PollOutcome>;
  /** Every status change (phase, failures, next poll time). */
  onStatus?(status: SchedulerStatus): void;
}

export class PollScheduler {
  private intervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly timers: TimerApi;
  private readonly poll: () => Promise<PollOutcome>;
  private readonly onStatus: (status: SchedulerStatus) => void;
  private handle: unknown;
  /** Bumped by start/stop: a poll that settles after a stop or restart is ignored. */
  private generation = 0;
  private current: SchedulerStatus = { phase: 'stopped', failures: 0, throttled: false };

  constructor(options: PollSchedulerOptions) {
    checkInterval(options.intervalMs);
    this.intervalMs = options.intervalMs;
    this.maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    this.timers = options.timers ?? realTimers;
    this.poll = options.poll;
    this.onStatus = options.onStatus ?? (() => undefined);
  }

  status(): SchedulerStatus {
    return this.current;
  }

  get running(): boolean {
    return this.current.phase !== 'stopped';
  }

  /** Starts polling: the first poll after one interval, or at once with `immediately`. */
  start({ immediately = false }: { immediately?: boolean } = {}): void {
    this.cancelTimer();
    this.generation++;
    this.set({ phase: 'waiting', failures: 0, throttled: false, lastPollAt: this.current.lastPollAt });
    this.schedule(immediately ? 0 : this.intervalMs, 'waiting');
  }

  stop(): void {
    this.cancelTimer();
    this.generation++;
    if (this.current.phase !== 'stopped') this.set({ ...this.current, phase: 'stopped', nextPollAt: undefined, delayMs: undefined });
  }

  /** A new interval applies from the next wait (a running backoff is recomputed). */
  setInterval(intervalMs: number): void {
    checkInterval(intervalMs);
    this.intervalMs = intervalMs;
    if (this.current.phase === 'waiting' || this.current.phase === 'backoff') {
      this.cancelTimer();
      const phase = this.current.phase;
      this.schedule(backoffDelay(intervalMs, this.current.failures, this.maxBackoffMs), phase);
    }
  }

  private schedule(delayMs: number, phase: 'waiting' | 'backoff'): void {
    const generation = this.generation;
    this.set({ ...this.current, phase, delayMs, nextPollAt: this.timers.now() + delayMs });
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      if (generation === this.generation) void this.runPoll(generation);
    }, delayMs);
  }

  private async runPoll(generation: number): Promise<void> {
    this.set({ ...this.current, phase: 'polling', nextPollAt: undefined, delayMs: undefined });
    let outcome: PollOutcome;
    try {
      outcome = await this.poll();
    } catch (error) {
      // The poll function should report errors as outcomes; a throw is one too.
      outcome = { kind: 'error', throttled: false, message: error instanceof Error ? error.message : String(error) };
    }
    if (generation !== this.generation) return;
    const now = this.timers.now();
    if (outcome.kind === 'error') {
      const failures = this.current.failures + 1;
      this.set({ phase: 'backoff', failures, throttled: outcome.throttled, lastError: outcome.message, lastPollAt: now });
      this.schedule(backoffDelay(this.intervalMs, failures, this.maxBackoffMs), 'backoff');
      return;
    }
    const lastPollAt = outcome.kind === 'ok' ? now : this.current.lastPollAt;
    // A skipped poll keeps the failure count: skipping proves nothing about the server.
    const failures = outcome.kind === 'ok' ? 0 : this.current.failures;
    this.set({ phase: 'waiting', failures, throttled: outcome.kind === 'ok' ? false : this.current.throttled, lastError: outcome.kind === 'ok' ? undefined : this.current.lastError, lastPollAt });
    this.schedule(backoffDelay(this.intervalMs, failures, this.maxBackoffMs), failures > 0 ? 'backoff' : 'waiting');
  }

  private cancelTimer(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private set(status: SchedulerStatus): void {
    this.current = status;
    this.onStatus(status);
  }
}

function checkInterval(ms: number): void {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`watch interval must be a positive number of milliseconds, got ${ms}`);
}

/** Error codes AWS uses for throttling; 429 is throttling whatever the code. */
const THROTTLING_CODES = new Set([
  'ThrottlingException', 'Throttling', 'TooManyRequestsException', 'LimitExceededException', 'RequestLimitExceeded',
  'LambdaThrottledException', 'SlowDown', 'RequestThrottled', 'ProvisionedThroughputExceededException',
]);

export function isThrottling(code: string | undefined, httpStatus: number | undefined): boolean {
  return httpStatus === 429 || (code !== undefined && THROTTLING_CODES.has(code));
}
