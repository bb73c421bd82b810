// Every list screen shows at least one row when the terminal has room for one (the chrome goes first, line by line),
// and below 20×4 one line says the terminal is too small, with its size. At 20×5 the records screen showed no row:
// the header, breadcrumb, status line and footer took the lines and Ink squeezed the table to nothing.
import { after, before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { stripVTControlCharacters } from 'node:util';
import { startAppRig, type AppRig } from '../helpers/app-rig.js';
import { until } from '../helpers/ink.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';
import { currentLocation } from '../../src/ui/state/app-reducer.js';
import { MIN_COLUMNS, MIN_ROWS, screenLayout } from '../../src/ui/state/screen-layout.js';
import { columnWidths } from '../../src/ui/components/Table.js';
import type { DeepLink } from '../../src/ui/state/navigation.js';

const ALICE = DEMO_IDENTITIES.alice;

describe('screenLayout (pure)', () => {
  test('the list keeps its titles, one row and position line; chrome goes footer, breadcrumb, header, status', () => {
    const kept = (c: number, r: number) => {
      const l = screenLayout(c, r);
      return [l.tooSmall ? 'small' : 'ok', ...(['header', 'breadcrumb', 'status', 'footer'] as const).filter((k) => l[k]), l.viewport];
    };
    assert.deepEqual(kept(80, 24), ['ok', 'header', 'breadcrumb', 'status', 'footer', 17]);
    assert.deepEqual(kept(80, 8), ['ok', 'header', 'breadcrumb', 'status', 'footer', 1]);
    assert.deepEqual(kept(80, 7), ['ok', 'header', 'breadcrumb', 'status', 1]);
    assert.deepEqual(kept(30, 6), ['ok', 'header', 'status', 1]);
    assert.deepEqual(kept(20, 5), ['ok', 'status', 1]);
    assert.deepEqual(kept(20, 4), ['ok', 1]);
    assert.deepEqual(kept(20, 3), ['small', 1]);
    assert.deepEqual(kept(19, 24), ['small', 17]);
    assert.equal(screenLayout(10, 3).tooSmall, `10×3 too small: needs ${MIN_COLUMNS}×${MIN_ROWS}`);
    for (const [c, r] of [[0, 0], [1, 1], [-1, 2], [5, 100]]) assert.ok(screenLayout(c, r).tooSmall, `${c}×${r}`);
    // What is kept never takes more than the root (rows - 1).
    for (let r = MIN_ROWS; r < 12; r++) {
      const l = screenLayout(40, r);
      const lines = [l.header, l.breadcrumb, l.status, l.footer].filter(Boolean).length + l.viewport + 2;
      assert.ok(lines <= r - 1, `${r} rows: ${lines} lines`);
    }
  });
});

describe('list screens in a tiny terminal (ink-testing-library)', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer({ seed: 'demo' }); });
  after(async () => { await server.close(); });

  const lines = (rig: AppRig) => stripVTControlCharacters(rig.frame()).split('\n');
  async function open(columns: number, rows: number, deepLink?: DeepLink): Promise<AppRig> {
    const rig = await startAppRig({ server, columns, rows, ...(deepLink ? { deepLink } : {}) });
    await rig.waitForIdle();
    return rig;
  }
  /** One selected row is drawn, and nothing past the terminal's size. */
  async function assertRowShown(rig: AppRig, columns: number, rows: number, what: string): Promise<void> {
    await rig.waitForText(/^›/m);
    const shown = lines(rig);
    assert.ok(shown.filter((l) => l !== '').length <= rows - 1, `${what}: ${shown.length} lines\n${shown.join('\n')}`);
    for (const l of shown) assert.ok(l.length <= columns, `${what}: '${l}' is wider than ${columns}`);
    assert.doesNotMatch(rig.frame(), /too small/, what);
  }

  const SCREENS: Array<[string, DeepLink | undefined]> = [
    ['pools', undefined],
    ['identities', { pool: DEMO_POOL_ID }],
    ['datasets', { pool: DEMO_POOL_ID, identity: ALICE }],
    ['records', { pool: DEMO_POOL_ID, identity: ALICE, dataset: 'profile' }],
  ];
  for (const [columns, rows] of [[20, 5], [30, 6], [20, 4], [40, 8]] as const) {
    it(`${columns}×${rows}: pools, identities, datasets and records each show a row`, async () => {
      for (const [screen, link] of SCREENS) {
        const rig = await open(columns, rows, link);
        try {
          assert.equal(currentLocation(rig.state()).screen, screen);
          await assertRowShown(rig, columns, rows, `${screen} at ${columns}×${rows}`);
        } finally {
          await rig.close();
        }
      }
    });
  }

  it('20×5: the connections screen shows a row; the status line still says what : typed', async () => {
    const rig = await open(20, 5);
    try {
      await rig.press(':');
      await rig.type('conn');
      await rig.waitForText(':conn');
      await rig.press('\r');
      await rig.waitForIdle();
      assert.equal(currentLocation(rig.state()).screen, 'connections');
      await assertRowShown(rig, 20, 5, 'connections');
      assert.match(rig.frame(), /^›  local/m);
    } finally {
      await rig.close();
    }
  });

  it('20×4 and 10×3: `:` shows the palette (the list or the size line gives way) and runs what is typed', async () => {
    for (const [columns, rows] of [[20, 4], [10, 3]] as const) {
      const rig = await open(columns, rows, { pool: DEMO_POOL_ID, identity: ALICE, dataset: 'profile' });
      try {
        await rig.press(':');
        // It was open but drawn nowhere (no status line at this size): typed keys were lost, Enter did nothing.
        await rig.waitForText(/^: /m);
        assert.ok(lines(rig).filter((l) => l !== '').length <= rows - 1, `${columns}×${rows}: ${rig.frame()}`);
        // At 20×4 the list keeps its selected row and position line under the palette; the column titles give way.
        if (rows >= MIN_ROWS) {
          const [row, position, palette, ...rest] = lines(rig);
          assert.match(row, /^› /, rig.frame());
          assert.match(position, /^1–1 of 7\b/, rig.frame());
          assert.match(palette, /^: /, rig.frame());
          assert.deepEqual(rest.filter((l) => l !== ''), [], rig.frame());
        }
        await rig.type('conn');
        await rig.waitForText(/^:conn/m);
        await rig.press('\r');
        await until(() => currentLocation(rig.state()).screen === 'connections', rig.frame);
      } finally {
        await rig.close();
      }
    }
  });

  it('10×3 and 19×24: one line with the size instead of the screen; the keys still work (q quits)', async () => {
    for (const [columns, rows] of [[10, 3], [19, 24]] as const) {
      const rig = await open(columns, rows, { pool: DEMO_POOL_ID, identity: ALICE, dataset: 'profile' });
      try {
        const text = lines(rig).join('');
        assert.match(text, new RegExp(`^${columns}×${rows} too`));
        assert.doesNotMatch(rig.frame(), /^›/m);
        await rig.press('q');
        await until(() => rig.exited(), rig.frame);
      } finally {
        await rig.close();
      }
    }
  });
});

describe('columnWidths in a narrow terminal', () => {
  test('the first column keeps 10 columns, taken from the last ones first; wide tables are unchanged', () => {
    const cols = [
      { title: 'name', width: 'flex' as const, value: () => '' },
      { title: 'type', width: 6, value: () => '' },
      { title: 'region', width: 14, value: () => '' },
      { title: 'detail', width: 'flex' as const, value: () => '' },
    ];
    assert.deepEqual(columnWidths(cols, 20), [10, 4, 0, 0]);
    assert.deepEqual(columnWidths(cols, 30), [10, 6, 8, 0]);
    assert.deepEqual(columnWidths(cols, 100), [37, 6, 14, 37]);
    assert.deepEqual(columnWidths(cols, 5), [0, 0, 0, 0]);
    assert.deepEqual(columnWidths([{ title: 'k', width: 4, value: () => '' }, { title: 'v', width: 'flex' as const, value: () => '' }], 12), [8, 0]);
  });
});
