// The watch poller without React or a network: a fake clock and timers, polls resolved by
// the test, so every wait, backoff and stop is checked exactly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, isThrottling, PollScheduler, type PollOutcome, type SchedulerStatus, type TimerApi } from '../../src/ui/watch/scheduler.js';
import { initialWatch, watchLabel, watchReducer, datasetWatch, MAX_BATCHES } from '../../src/ui/watch/watch-state.js';

class FakeTimers implements TimerApi {
  time = 1_000_000;
  private next = 1;
  readonly pending = new Map<number, { at: number; run: () => void }>();
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = this.next++;
    this.pending.set(id, { at: this.time + ms, run });
    return id;
  };
  clearTimeout = (handle: unknown) => void this.pending.delete(handle as number);
  /** Moves the clock, running timers that come due (in order). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
      await flush();
    }
    this.time = end;
  }
  /** The single pending timer's delay from now. */
  waitMs(): number {
    const all = [...this.pending.values()];
    assert.equal(all.length, 1, 'exactly one timer pending');
    return all[0].at - this.time;
  }
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function rig(outcomes: Array<PollOutcome | Error>, intervalMs = 100) {
  const timers = new FakeTimers();
  const statuses: SchedulerStatus[] = [];
  let polls = 0;
  const scheduler = new PollScheduler({
    intervalMs,
    maxBackoffMs: 1_000,
    timers,
    onStatus: (s) => statuses.push(s),
    poll: async () => {
      const next = outcomes[Math.min(polls, outcomes.length - 1)];
      polls++;
      if (next instanceof Error) throw next;
      return next;
    },
  });
  return { timers, statuses, scheduler, polls: () => polls };
}

const ok: PollOutcome = { kind: 'ok' };
const fail = (throttled = false): PollOutcome => ({ kind: 'error', throttled, message: throttled ? 'TooManyRequestsException' : 'boom' });

test('backoffDelay doubles per failure and is capped (never below the interval)', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((f) => backoffDelay(100, f, 1_000)), [100, 200, 400, 800, 1_000, 1_000]);
  assert.equal(backoffDelay(5_000, 3, 1_000), 5_000);
  assert.equal(backoffDelay(100, 10_000, 60_000), 60_000);
});

test('polls once per interval, one at a time, and stops', async () => {
  const r = rig([ok]);
  r.scheduler.start();
  assert.equal(r.scheduler.status().phase, 'waiting');
  assert.equal(r.timers.waitMs(), 100);
  await r.timers.advance(99);
  assert.equal(r.polls(), 0);
  await r.timers.advance(1);
  assert.equal(r.polls(), 1);
  await r.timers.advance(300);
  assert.equal(r.polls(), 4);
  assert.equal(r.scheduler.status().lastPollAt, r.timers.time);
  r.scheduler.stop();
  assert.equal(r.scheduler.status().phase, 'stopped');
  assert.equal(r.timers.pending.size, 0);
  await r.timers.advance(1_000);
  assert.equal(r.polls(), 4);
});

test('start({immediately}) polls at once', async () => {
  const r = rig([ok]);
  r.scheduler.start({ immediately: true });
  await r.timers.advance(0);
  assert.equal(r.polls(), 1);
});

test('errors back off exponentially up to the cap, throttling is named, a success resets', async () => {
  const r = rig([fail(), fail(true), fail(true), fail(), fail(), fail(), ok, ok]);
  r.scheduler.start();
  const waits: number[] = [];
  for (let i = 0; i < 7; i++) {
    await r.timers.advance(r.timers.waitMs());
    waits.push(r.timers.waitMs());
  }
  assert.deepEqual(waits, [200, 400, 800, 1_000, 1_000, 1_000, 100]);
  const throttled = r.statuses.find((s) => s.phase === 'backoff' && s.failures === 2);
  assert.equal(throttled?.throttled, true);
  assert.equal(throttled?.lastError, 'TooManyRequestsException');
  const after = r.scheduler.status();
  assert.equal(after.phase, 'waiting');
  assert.equal(after.failures, 0);
  assert.equal(after.lastError, undefined);
});

test('a poll that throws counts as an error; a skipped poll keeps the failure count', async () => {
  const r = rig([new Error('kaput'), { kind: 'skipped' }, ok]);
  r.scheduler.start();
  await r.timers.advance(100);
  assert.equal(r.scheduler.status().phase, 'backoff');
  assert.equal(r.scheduler.status().lastError, 'kaput');
  await r.timers.advance(200);
  assert.equal(r.scheduler.status().failures, 1, 'skipping proves nothing');
  assert.equal(r.timers.waitMs(), 200);
  await r.timers.advance(200);
  assert.equal(r.scheduler.status().failures, 0);
});

test('a poll settling after stop() is ignored and schedules nothing', async () => {
  const timers = new FakeTimers();
  let release!: (o: PollOutcome) => void;
  const scheduler = new PollScheduler({ intervalMs: 50, timers, poll: () => new Promise((r) => (release = r)) });
  scheduler.start();
  await timers.advance(50);
  assert.equal(scheduler.status().phase, 'polling');
  scheduler.stop();
  release(fail());
  await flush();
  assert.equal(scheduler.status().phase, 'stopped');
  assert.equal(timers.pending.size, 0);
});

test('setInterval applies to the wait in progress; bad intervals are refused', async () => {
  const r = rig([ok]);
  r.scheduler.start();
  r.scheduler.setInterval(30);
  assert.equal(r.timers.waitMs(), 30);
  assert.throws(() => r.scheduler.setInterval(0), /positive/);
  assert.throws(() => new PollScheduler({ intervalMs: Number.NaN, poll: async () => ok }), /positive/);
});

test('isThrottling: 429 or an AWS throttling code', () => {
  assert.equal(isThrottling('TooManyRequestsException', 429), true);
  assert.equal(isThrottling('LimitExceededException', 400), true);
  assert.equal(isThrottling(undefined, 429), true);
  assert.equal(isThrottling('ResourceConflictException', 409), false);
});

test('watch state: observed batches mark keys (latest per key), labels say the phase', () => {
  let s = initialWatch({ enabled: true, intervalMs: 2_000 });
  s = watchReducer(s, { type: 'observed', recordsKey: 'k', at: 10, datasetSyncCount: 5, records: [{ key: 'a', value: '1', syncCount: 5, lastModifiedBy: 'dev-2' }] });
  s = watchReducer(s, { type: 'observed', recordsKey: 'k', at: 20, datasetSyncCount: 6, records: [{ key: 'a', syncCount: 6 }, { key: 'b', value: '', syncCount: 6 }] });
  const w = datasetWatch(s, 'k');
  assert.deepEqual([...w.changed.keys()], ['a', 'b']);
  assert.equal(w.changed.get('a')?.removed, true);
  assert.equal(w.changed.get('b')?.removed, false, '"" is a value, not a remove');
  assert.deepEqual(w.batches.map((b) => b.datasetSyncCount), [5, 6]);
  assert.equal(watchReducer(s, { type: 'observed', recordsKey: 'k', at: 30, datasetSyncCount: 6, records: [] }), s);
  assert.equal(datasetWatch(s, 'other').changed.size, 0);
  for (let i = 0; i < MAX_BATCHES + 5; i++) s = watchReducer(s, { type: 'observed', recordsKey: 'k', at: i, datasetSyncCount: 7 + i, records: [{ key: 'c', value: 'x', syncCount: 7 + i }] });
  assert.equal(datasetWatch(s, 'k').batches.length, MAX_BATCHES);

  assert.equal(watchLabel(initialWatch()), '');
  const backoff = watchReducer(s, { type: 'status', status: { phase: 'backoff', failures: 3, throttled: true, lastError: 'TooManyRequestsException', nextPollAt: 5_000 } });
  assert.equal(watchLabel(backoff, 1_000), 'watch 2s · backing off (throttled ×3) · retry in 4s · TooManyRequestsException');
  assert.match(watchLabel(watchReducer(s, { type: 'status', status: { phase: 'polling', failures: 0, throttled: false } })), /polling…/);
  assert.equal(watchReducer(s, { type: 'toggle' }).enabled, false);
  assert.equal(watchReducer(s, { type: 'configure', intervalMs: 100 }).intervalMs, 100);
});
