// The operations of the property test (property.test.ts): their types, fast-check generators with small alphabets
// so conflicts, tombstones and limits are frequent, and one directed sequence that reaches every outcome.
import fc from 'fast-check';

export const DATASETS = ['alpha', 'beta', 'gamma', 'full'] as const;
const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'ü'] as const;
// Values are generated as labels so a counterexample prints short; any two BIG_* push a dataset over 1 MiB.
export const VALUES: Record<string, string> = {
  empty: '',
  v: 'v',
  w: 'w',
  umlautEuro: 'ä€',
  BIG_X: 'x'.repeat(530_000),
  BIG_EURO: '€'.repeat(180_000), // 540,000 UTF-8 bytes
};
// Identity 0's "full" holds 1,023 records of 525 bytes (537,075): two more live keys pass the 1,024 limit, one BIG_*
// passes 1 MiB.
export const PREFILLED_RECORDS = 1023;
export const PREFILLED_VALUE = 'p'.repeat(520);
export const FILLER_DATASETS = 19; // identity 1 holds 19 datasets: a second new one passes the limit of 20

export type CountChoice = 'known' | 'fresh' | number;
export interface GenPatch {
  key: string;
  op: 'replace' | 'remove';
  value: string;
  removeWithValue: boolean;
  count: CountChoice;
  deviceDate: number | undefined;
}
export interface Target {
  identity: number;
  dataset: (typeof DATASETS)[number];
}
export type Op =
  | ({ kind: 'update'; device: number; patches: GenPatch[] } & Target)
  | ({ kind: 'badToken'; device: number; token: 'otherDataset' | 'otherIdentity' | 'malformed'; patches: GenPatch[] } & Target)
  | ({ kind: 'list'; device: number; from: 'zero' | 'cursor' | number; maxResults: number | undefined } & Target)
  | ({ kind: 'delete' } & Target)
  | ({ kind: 'describe' } & Target)
  | { kind: 'listDatasets'; identity: number; maxResults: number | undefined };

const countArb: fc.Arbitrary<CountChoice> = fc.oneof(
  { arbitrary: fc.constant('known' as const), weight: 4 },
  { arbitrary: fc.constant('fresh' as const), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 8 }), weight: 1 },
);
const patchArb: fc.Arbitrary<GenPatch> = fc.record({
  key: fc.constantFrom(...KEYS),
  op: fc.oneof({ arbitrary: fc.constant('replace' as const), weight: 2 }, { arbitrary: fc.constant('remove' as const), weight: 1 }),
  value: fc.oneof(
    { arbitrary: fc.constantFrom('empty', 'v', 'w', 'umlautEuro'), weight: 8 },
    { arbitrary: fc.constantFrom('BIG_X', 'BIG_EURO'), weight: 3 },
  ),
  removeWithValue: fc.boolean(),
  count: countArb,
  deviceDate: fc.option(fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }), { nil: undefined }),
});
const patchesArb = fc.oneof(
  { arbitrary: fc.uniqueArray(patchArb, { selector: (p) => p.key, minLength: 1, maxLength: 4 }), weight: 12 },
  { arbitrary: fc.constant([] as GenPatch[]), weight: 1 },
);
const targetArb = { identity: fc.integer({ min: 0, max: 1 }), dataset: fc.constantFrom(...DATASETS) };
const deviceArb = fc.integer({ min: 0, max: 3 });
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('update' as const), device: deviceArb, ...targetArb, patches: patchesArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('badToken' as const),
      device: deviceArb,
      ...targetArb,
      token: fc.constantFrom('otherDataset' as const, 'otherIdentity' as const, 'malformed' as const),
      patches: patchesArb,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('list' as const),
      device: deviceArb,
      ...targetArb,
      from: fc.oneof(
        { arbitrary: fc.constant('zero' as const), weight: 1 },
        { arbitrary: fc.constant('cursor' as const), weight: 2 },
        { arbitrary: fc.integer({ min: 0, max: 12 }), weight: 1 },
      ),
      maxResults: fc.constantFrom(undefined, 3, 500),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), ...targetArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('describe' as const), ...targetArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('listDatasets' as const),
      identity: fc.integer({ min: 0, max: 1 }),
      maxResults: fc.constantFrom(undefined, 1, 7),
    }),
  },
);

const patch = (key: string, op: GenPatch['op'], value: string, count: CountChoice): GenPatch => ({
  key,
  op,
  value,
  removeWithValue: false,
  count,
  deviceDate: undefined,
});

/**
 * Runs before the random sequences so that every outcome is reached on every run, whatever the seed: both limits of
 * the prefilled dataset, the dataset quota, a conflict, a tombstone, a deletion seen from a device's cursor, paging.
 */
export const DIRECTED_EXAMPLE: Op[] = [
  { kind: 'update', device: 0, identity: 0, dataset: 'full', patches: [patch('k0', 'replace', 'v', 'fresh'), patch('k1', 'replace', 'w', 'fresh')] },
  { kind: 'update', device: 0, identity: 0, dataset: 'full', patches: [patch('k0', 'replace', 'BIG_X', 'fresh')] },
  { kind: 'update', device: 1, identity: 1, dataset: 'alpha', patches: [patch('k0', 'replace', 'v', 'fresh')] },
  { kind: 'update', device: 2, identity: 1, dataset: 'beta', patches: [patch('k0', 'replace', 'v', 'fresh')] },
  { kind: 'list', device: 1, identity: 1, dataset: 'alpha', from: 'zero', maxResults: undefined },
  { kind: 'update', device: 3, identity: 1, dataset: 'alpha', patches: [patch('k0', 'remove', 'v', 'fresh'), patch('k1', 'replace', 'empty', 'fresh')] },
  { kind: 'update', device: 1, identity: 1, dataset: 'alpha', patches: [patch('k0', 'replace', 'w', 'known')] },
  { kind: 'list', device: 1, identity: 1, dataset: 'alpha', from: 'cursor', maxResults: 3 },
  { kind: 'delete', identity: 1, dataset: 'alpha' },
  { kind: 'list', device: 1, identity: 1, dataset: 'alpha', from: 'cursor', maxResults: undefined },
  { kind: 'describe', identity: 1, dataset: 'alpha' },
  { kind: 'update', device: 2, identity: 1, dataset: 'beta', patches: [patch('k0', 'replace', 'v', 'fresh')] },
  { kind: 'badToken', device: 0, identity: 0, dataset: 'gamma', token: 'malformed', patches: [patch('k2', 'replace', 'v', 'fresh')] },
  { kind: 'list', device: 0, identity: 0, dataset: 'full', from: 'zero', maxResults: 500 },
  { kind: 'listDatasets', identity: 1, maxResults: 7 },
];
