import React from 'react';
import { Box, Text } from 'ink';
import { useAppActions, useAppSettings, useAppState } from './contexts/app-state.js';
import { useKeypressContext } from './contexts/keypress.js';
import { currentKey, currentLocation, listAt } from './state/app-reducer.js';
import { isFiltering } from './state/filter.js';
import { breadcrumb, type Location } from './state/navigation.js';
import { footerCommands } from './state/selectors.js';
import { stagedScope } from './state/staged-where.js';
import { screenLayout } from './state/screen-layout.js';
import { useTheme } from './theme.js';
import { sanitizeLine } from '../util/sanitize.js';
import { Breadcrumbs } from './components/Breadcrumbs.js';
import { DialogManager } from './components/DialogManager.js';
import { conflictKeyHints } from './components/ConflictDialog.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { GlobalKeys } from './GlobalKeys.js';
import { PersistenceKeys } from './PersistenceKeys.js';
import { DebugKeys } from './DebugKeys.js';
import { mergedBanner } from './merged/merged-banner.js';
import { watchLabel } from './watch/watch-state.js';
import { useTickingClock } from './hooks/use-ticking-clock.js';
import { truncateToWidth } from '../util/truncate.js';
import { ConnectionsScreen } from './screens/ConnectionsScreen.js';
import { DatasetsScreen } from './screens/DatasetsScreen.js';
import { IdentitiesScreen } from './screens/IdentitiesScreen.js';
import { PoolsScreen } from './screens/PoolsScreen.js';
import { RecordsScreen } from './screens/RecordsScreen.js';

/** Dialogs that replace the screen (the others use the status line). */
const BODY_DIALOGS = new Set([
  'help', 'messages', 'confirm', 'typedConfirm', 'review', 'conflict', 'quit', 'history', 'connectionForm', 'inspector', 'timeline', 'mergedCompare',
]);

function Screen({ location, width }: { location: Location; width: number }) {
  switch (location.screen) {
    case 'connections': return <ConnectionsScreen width={width} />;
    case 'pools': return <PoolsScreen width={width} />;
    case 'identities': return <IdentitiesScreen width={width} />;
    case 'datasets': return <DatasetsScreen width={width} />;
    case 'records': return <RecordsScreen width={width} />;
  }
}

/**
 * The line above the footer: a status dialog (error, palette), else a notice, else a toast,
 * else the datasets screen's banner about merged datasets.
 */
function StatusLine({ width }: { width: number }) {
  const state = useAppState();
  const { toast } = useAppSettings();
  const theme = useTheme();
  if (state.dialog?.kind === 'error' || state.dialog?.kind === 'palette') {
    return <DialogManager slot="status" width={width} height={1} />;
  }
  if (state.notice) return <Text wrap="truncate" {...theme.status.warning}>{sanitizeLine(state.notice)}</Text>;
  if (toast) return <Text wrap="truncate" {...theme.status.success}>✓ {sanitizeLine(toast)}</Text>;
  const banner = currentLocation(state).screen === 'datasets' ? mergedBanner(listAt(state, currentKey(state)).rows) : undefined;
  if (banner) return <Text wrap="truncate" {...theme.status.info}>{sanitizeLine(banner)}</Text>;
  return <Text> </Text>;
}

export interface AppProps {
  columns: number;
  rows: number;
}

/**
 * Picks the screen and lays out the chrome. The root is `rows - 1` high: a full-height
 * root makes Ink 6 clear the screen and scrollback on every frame (UX.md pitfall 1).
 */
export function App({ columns, rows }: AppProps) {
  const state = useAppState();
  useAppActions(); // fail early outside the container
  const { keymap, e2e } = useAppSettings();
  const { ready } = useKeypressContext();
  const location = currentLocation(state);
  const list = listAt(state, currentKey(state));
  const bodyDialog = state.dialog !== null && BODY_DIALOGS.has(state.dialog.kind);
  const connecting = state.connection === null && location.screen !== 'connections' ? location.connection : undefined;
  const now = useTickingClock(state.watch.enabled && state.watch.status.phase === 'backoff');
  // The palette and an error live on the status line: kept at every size, or `:` opened a palette drawn nowhere.
  const statusDialog = state.dialog?.kind === 'palette' || state.dialog?.kind === 'error';
  const layout = screenLayout(columns, rows, { statusDialog });
  const bodyHeight = Math.min(state.viewport + 2, layout.bodyLimit); // column titles + rows + position line
  // The conflict dialog's key hints go on the footer line, under the status line (they were the dialog's last line,
  // above it, and the footer line stayed empty); without a footer line the dialog draws them itself if it has room.
  const dialogHints = state.dialog?.kind === 'conflict' && layout.footer ? conflictKeyHints(keymap, state.dialog.edit !== undefined) : undefined;
  return (
    // Clipped vertically only: every line is already cut to its box's width, and a horizontal clip made Ink re-slice
    // every line of every frame (slice-ansi), ~15% of a keypress's CPU.
    <Box flexDirection="column" height={Math.max(1, rows - 1)} width={columns} overflowY="hidden">
      {layout.tooSmall && layout.status ? (
        <Box flexShrink={0}>
          <StatusLine width={columns} />
        </Box>
      ) : null}
      {layout.tooSmall ? <Text wrap="wrap">{layout.tooSmall}</Text> : null}
      {/* Too small: everything stays mounted (nothing in progress is lost), hidden until the terminal grows. */}
      <Box flexDirection="column" flexShrink={0} display={layout.tooSmall ? 'none' : 'flex'}>
        {layout.header ? (
          <Header connection={state.connection} connecting={connecting} staged={state.staged} stagedScope={truncateToWidth(stagedScope(state.records, location.screen === 'records' ? currentKey(state) : undefined), Math.floor(columns / 3))} inFlight={state.inFlight} watch={truncateToWidth(watchLabel(state.watch, now), Math.floor(columns / 2))} />
        ) : null}
        {layout.breadcrumb ? <Breadcrumbs crumbs={breadcrumb(location)} width={columns} /> : null}
        <Box flexDirection="column" height={bodyHeight} flexShrink={0} overflowY="hidden">
          {/* The screen stays mounted under a dialog (its keys are swallowed by the dialog). */}
          <Box display={bodyDialog ? 'none' : 'flex'} flexDirection="column">
            <Screen key={currentKey(state)} location={location} width={columns} />
          </Box>
          {bodyDialog ? <DialogManager slot="body" width={columns} height={bodyHeight} footerHints={dialogHints !== undefined} /> : null}
        </Box>
        {layout.status && !layout.tooSmall ? <StatusLine width={columns} /> : null}
        {/* A body dialog lists its own keys; the screen's under it would not work. */}
        {layout.footer ? <Footer commands={bodyDialog ? [] : footerCommands(location, isFiltering(list.filter))} keymap={keymap} ready={e2e && ready} {...(dialogHints === undefined ? {} : { text: dialogHints })} /> : null}
      </Box>
      <GlobalKeys />
      <PersistenceKeys />
      <DebugKeys />
    </Box>
  );
}
