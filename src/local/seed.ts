// The demo data set (`cogsync serve --seed demo`): one pool with identities and datasets
// that exercise what the editor must handle. Written through the same store functions as
// the API, batch by batch, so sync counts, sizes and LastModifiedBy are realistic.
import { deleteDataset } from './store-datasets.js';
import { createPool, ensurePoolAndIdentity, findPool } from './store-identity.js';
import { mergeIdentities } from './store-merge.js';
import { decodeRecord, updateRecords, type PatchInput } from './store-records.js';
import type { Store } from './store.js';
import type { DatasetRef } from './tokens.js';

export const DEMO_POOL_ID = 'us-east-1:de300000-0000-4000-8000-000000000001';
export const DEMO_POOL_NAME = 'demo-pool';
export const DEMO_IDENTITIES = {
  /** profile (JSON, multi-line, unicode, ANSI, tombstone, two devices), game-state (300), inventory (~1,000 records, ~900 KB) */
  alice: 'us-east-1:de300000-0000-4000-8000-00000000a11c',
  /** small datasets: an empty-string value, a tombstone, a write attributed by x-amz-Client-Context */
  bob: 'us-east-1:de300000-0000-4000-8000-000000000b0b',
  /** no datasets */
  carol: 'us-east-1:de300000-0000-4000-8000-0000000ca201',
} as const;
/** Merged into alice, leaving `profile.<dave>` and MergedDatasetNames on alice's profile. */
export const DEMO_MERGED_IDENTITY = 'us-east-1:de300000-0000-4000-8000-00000000da7e';
export const DEMO_DEVICES = { phone: 'phone-7f3a2c', tablet: 'tablet-91c2e8' } as const;

export interface DemoSeed {
  poolId: string;
  identities: typeof DEMO_IDENTITIES;
  /** false when the demo pool already existed and nothing was written */
  created: boolean;
}

const DAY = 24 * 60 * 60 * 1000;

/** Patches that write `values` (null = remove) at the counts the keys have now. */
class DatasetWriter {
  private readonly counts = new Map<string, number>();
  constructor(
    private readonly store: Store,
    private readonly ref: DatasetRef,
  ) {}

  write(values: Record<string, string | null>, by: string, deviceMs?: number): void {
    const patches: PatchInput[] = Object.entries(values).map(([key, value]) => ({
      op: value === null ? 'remove' : 'replace',
      key,
      value: value ?? undefined,
      syncCount: this.counts.get(key) ?? 0,
      deviceModifiedMs: deviceMs,
    }));
    const written = updateRecords(this.store, this.ref, patches, by).records.map(decodeRecord);
    for (const record of written) this.counts.set(record.Key, record.SyncCount!);
  }
}

const BIO = [
  'Alice started playing in 2019 and has not stopped since.',
  '',
  'Favourite levels:',
  ...Array.from({ length: 24 }, (_, i) => `  - level ${String(i * 7 + 3).padStart(3, '0')}: ${'★'.repeat((i % 3) + 1)} (cleared in ${90 + i * 13} s)`),
  '',
  'Notes to self: try the hard mode on the desert map; the boss at level 210 needs the ice shield.',
  'This value is long and spans many lines, so the detail pane must wrap and scroll it.',
].join('\n');

function inventoryValue(i: number): string {
  const item = { id: i, name: `item-${i}`, rarity: ['common', 'rare', 'epic', 'legendary'][i % 4], stack: (i * 37) % 99 };
  const text = JSON.stringify(item);
  // Pad to ~880 bytes so 1,000 records make ~900 KB, close to the 1 MB dataset limit.
  return `${text}|${'x'.repeat(880 - text.length - 1)}`;
}

/** Creates the demo pool and its data, unless a pool with the demo id already exists. */
export function seedDemo(store: Store): DemoSeed {
  const result: DemoSeed = { poolId: DEMO_POOL_ID, identities: DEMO_IDENTITIES, created: false };
  if (findPool(store, DEMO_POOL_ID)) return result;
  const start = store.now() - 7 * DAY;
  let tick = start;
  // Each write lands a few hours after the previous one, so dates differ in the editor.
  const clock = () => tick;
  const later = (hours: number) => {
    tick += hours * 60 * 60 * 1000;
  };
  store.transaction(() =>
    store.withClock(clock, () => {
      createPool(store, { id: DEMO_POOL_ID, region: 'us-east-1', name: DEMO_POOL_NAME, allowUnauthenticated: true, definition: {} });
      for (const id of [...Object.values(DEMO_IDENTITIES), DEMO_MERGED_IDENTITY]) {
        later(0.5);
        ensurePoolAndIdentity(store, DEMO_POOL_ID, id);
      }
      const ref = (identityId: string, datasetName: string): DatasetRef => ({ poolId: DEMO_POOL_ID, identityId, datasetName });
      const { phone, tablet } = DEMO_DEVICES;

      const profile = new DatasetWriter(store, ref(DEMO_IDENTITIES.alice, 'profile'));
      later(1);
      profile.write(
        {
          displayName: 'Alice',
          settings: JSON.stringify({ theme: 'dark', volume: 0.8, notifications: { email: true, push: false } }),
          '名前': 'アリス',
          oldNickname: 'ally',
          highScore: '3100',
        },
        phone,
        tick - 60_000,
      );
      later(5);
      profile.write(
        {
          bio: BIO,
          'emoji-ключ': '🎮🏆✨ café naïve Zoë — “quoted” ünïcödé',
          motd: '\u001b[31mALERT\u001b[0m: maintenance tonight\u0007 (this value carries ANSI escapes)',
          oldNickname: null,
        },
        tablet,
        tick - 30_000,
      );
      later(20);
      profile.write(
        { settings: JSON.stringify({ theme: 'light', volume: 0.5, notifications: { email: true, push: true } }, null, 2), highScore: '4200' },
        phone,
        tick,
      );

      const game = new DatasetWriter(store, ref(DEMO_IDENTITIES.alice, 'game-state'));
      for (let batch = 0; batch < 3; batch++) {
        later(2);
        const values: Record<string, string> = {};
        for (let i = batch * 100 + 1; i <= batch * 100 + 100; i++) {
          values[`level-${String(i).padStart(3, '0')}`] = JSON.stringify({ stars: i % 4, bestTimeSeconds: 60 + ((i * 17) % 240), unlocked: true });
        }
        game.write(values, batch % 2 === 0 ? phone : tablet);
      }
      later(3);
      game.write({ 'level-007': JSON.stringify({ stars: 3, bestTimeSeconds: 41, unlocked: true }), 'level-150': null }, tablet);

      const inventory = new DatasetWriter(store, ref(DEMO_IDENTITIES.alice, 'inventory'));
      for (let batch = 0; batch < 2; batch++) {
        later(4);
        const values: Record<string, string> = {};
        for (let i = batch * 500 + 1; i <= batch * 500 + 500; i++) values[`item-${String(i).padStart(4, '0')}`] = inventoryValue(i);
        inventory.write(values, phone);
      }

      later(6);
      const bobProfile = new DatasetWriter(store, ref(DEMO_IDENTITIES.bob, 'profile'));
      bobProfile.write({ displayName: 'Bob', level: '12' }, store.accountId);
      later(1);
      bobProfile.write({ level: '13', installation: 'written by a device named in x-amz-Client-Context' }, 'android-install-5d1e');
      const notes = new DatasetWriter(store, ref(DEMO_IDENTITIES.bob, 'notes'));
      later(2);
      notes.write({ todo: 'buy milk', empty: '', scratch: 'temporary' }, store.accountId);
      later(1);
      notes.write({ scratch: null }, store.accountId);
      const oldSave = new DatasetWriter(store, ref(DEMO_IDENTITIES.bob, 'old-save'));
      later(1);
      oldSave.write({ slot1: 'deleted later' }, store.accountId);
      later(1);
      deleteDataset(store, ref(DEMO_IDENTITIES.bob, 'old-save'));

      later(3);
      new DatasetWriter(store, ref(DEMO_MERGED_IDENTITY, 'profile')).write({ displayName: 'Alice (old phone)', highScore: '2500' }, phone);
      later(1);
      mergeIdentities(store, DEMO_POOL_ID, DEMO_MERGED_IDENTITY, DEMO_IDENTITIES.alice);
    }),
  );
  result.created = true;
  return result;
}
