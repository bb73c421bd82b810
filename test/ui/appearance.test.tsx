// Preferences that change how the editor looks: the light/dark palette, the per-connection
// accent colour (header, breadcrumbs; protected connections stay red), NO_COLOR and the
// colour preference over both. Colours are asserted on raw frames (escape codes kept).
import '../helpers/force-color.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { render } from 'ink-testing-library';
import '../helpers/ink.js';
import { Header } from '../../src/ui/components/Header.js';
import { Breadcrumbs } from '../../src/ui/components/Breadcrumbs.js';
import { createTheme, themeFor, ThemeContext, type Theme } from '../../src/ui/theme.js';
import { displayPreferences } from '../../src/ui/AppContainer.js';
import { NO_STAGED, type ConnectionInfo } from '../../src/ui/state/app-reducer.js';
import { breadcrumb } from '../../src/ui/state/navigation.js';
import { openEditorStorage } from '../../src/ui/data/editor-storage.js';
import { tempHome } from '../helpers/home.js';

const conn: ConnectionInfo = { name: 'staging', kind: 'local', region: 'us-east-1', endpoint: 'http://127.0.0.1:1', readOnly: false };

/** Every colour a theme uses, role by role. */
const colours = (t: Theme): string[] =>
  JSON.stringify(t).match(/"color":"[^"]+"/g)?.map((m) => m.slice(9, -1)) ?? [];

function raw(tree: React.ReactElement, theme: Theme): string {
  const r = render(<ThemeContext.Provider value={theme}>{tree}</ThemeContext.Provider>);
  const frame = r.lastFrame() ?? '';
  r.unmount();
  return frame;
}

describe('light and dark palettes', () => {
  it('the light palette avoids colours that wash out on white; the dark one keeps its roles', () => {
    const light = createTheme({ mode: 'light' });
    const dark = createTheme({ mode: 'dark' });
    for (const c of colours(light)) assert.doesNotMatch(c, /yellow|cyan|white|Bright|gray|grey/i, `light uses ${c}`);
    assert.ok(colours(dark).includes('yellow'), 'dark: yellow for warnings and modified keys');
    assert.notDeepEqual(colours(light), colours(dark));
    assert.equal(light.status.warning.color, 'magenta');
    assert.equal(light.staged.modified.color, 'magenta');
    assert.equal(light.border, 'black');
    assert.equal(createTheme().status.warning.color, 'yellow', 'dark is the default');
  });

  it('NO_COLOR / the colour preference off win over the palette: attributes only', () => {
    for (const mode of ['light', 'dark'] as const) {
      const plain = themeFor({ noColor: true, mode, connection: { accent: 'green' } });
      assert.deepEqual(colours(plain), [], mode);
      assert.equal(plain.border, undefined);
      assert.equal(plain.accent.bold, true);
    }
  });

  it('the stored preference is read once, a given one wins, and a broken store means defaults', () => {
    const home = tempHome('cogsync-appearance-');
    try {
      const storage = openEditorStorage({ env: { COGSYNC_HOME: home.dir } });
      assert.deepEqual(displayPreferences(undefined, storage), { theme: 'dark', dateFormat: 'local' });
      storage.config.setPreference('theme', 'light');
      storage.config.setPreference('dateFormat', 'iso');
      assert.deepEqual(displayPreferences(undefined, storage), { theme: 'light', dateFormat: 'iso' });
      assert.deepEqual(displayPreferences({ theme: 'dark' }, storage), { theme: 'dark', dateFormat: 'iso' });
      const broken = { ...storage, config: { preferences: () => { throw new Error('EACCES'); } } } as unknown as typeof storage;
      assert.deepEqual(displayPreferences(undefined, broken), { theme: 'dark', dateFormat: 'local' });
      storage.drafts.dispose();
    } finally {
      home.cleanup();
    }
  });
});

describe('per-connection accent colour', () => {
  it('colours the connection name in the header and the breadcrumb', () => {
    const crumbs = breadcrumb({ screen: 'datasets', connection: 'staging', poolId: 'p', poolName: 'pool', identityId: 'i' });
    const theme = themeFor({ noColor: false, mode: 'dark', connection: { accent: 'green' } });
    const header = raw(<Header connection={{ ...conn, accent: 'green' }} staged={NO_STAGED} inFlight={0} />, theme);
    assert.match(header.replace(/\u001b\[1m/g, ''), /\u001b\[32mstaging\u001b\[39m/, JSON.stringify(header));
    const line = raw(<Breadcrumbs crumbs={crumbs} width={80} />, theme);
    assert.match(line.replace(/\u001b\[1m/g, ''), /\u001b\[32mstaging\u001b\[39m › pool › i/);
  });

  it('defaults to the palette accent; light turns yellow and cyan accents into readable ones', () => {
    assert.equal(themeFor({ noColor: false, mode: 'dark', connection: {} }).accent.color, 'cyan');
    assert.equal(themeFor({ noColor: false, mode: 'light', connection: {} }).accent.color, 'blue');
    assert.equal(themeFor({ noColor: false, mode: 'light', connection: { accent: 'yellow' } }).accent.color, 'magenta');
    assert.equal(themeFor({ noColor: false, mode: 'dark', connection: { accent: 'yellow' } }).accent.color, 'yellow');
    assert.equal(themeFor({ noColor: false, mode: 'light', connection: { accent: 'green' } }).accent.color, 'green');
  });

  it('a protected connection stays red whatever accent it was given', () => {
    const theme = themeFor({ noColor: false, mode: 'light', connection: { protected: true, accent: 'green' } });
    assert.equal(theme.accent.color, 'red');
    const crumbs = breadcrumb({ screen: 'pools', connection: 'prod' });
    assert.match(raw(<Breadcrumbs crumbs={crumbs} width={80} />, theme).replace(/\u001b\[1m/g, ''), /\u001b\[31mprod/);
    assert.doesNotMatch(raw(<Breadcrumbs crumbs={crumbs} width={80} />, theme), /\u001b\[32m/);
  });

  it('a breadcrumb cut from the start colours nothing, and the text is unchanged', () => {
    const crumbs = breadcrumb({ screen: 'datasets', connection: 'c'.repeat(80), poolId: 'p', poolName: 'pool', identityId: 'i' });
    const theme = themeFor({ noColor: false, connection: { accent: 'green' } });
    const line = raw(<Breadcrumbs crumbs={crumbs} width={30} />, theme);
    assert.doesNotMatch(line, /\u001b\[32m/);
    assert.ok(line.includes('› pool › i'));
  });
});
