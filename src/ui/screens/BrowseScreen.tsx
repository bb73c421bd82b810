import React from 'react';
import { useAppActions, useAppSettings, useAppState } from '../contexts/app-state.js';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, type CommandId } from '../keymap.js';
import type { Row } from '../data/rows.js';
import { currentKey, listAt } from '../state/app-reducer.js';
import { windowRows, type ListState } from '../state/list.js';
import { positionLabel, type WindowMove } from '../state/table-window.js';
import type { TextStyle } from '../theme.js';
import { formatCount } from '../../util/truncate.js';
import { FilterBar } from '../components/FilterBar.js';
import { Table, type Column } from '../components/Table.js';

const MOVES: ReadonlyArray<[CommandId, WindowMove]> = [
  ['list.up', 'up'], ['list.down', 'down'], ['list.pageUp', 'pageUp'], ['list.pageDown', 'pageDown'],
  ['list.home', 'home'], ['list.end', 'end'],
];

export interface BrowseScreenProps<R extends Row> {
  columns: readonly Column<R>[];
  /** What the list holds, for "no datasets". */
  noun: string;
  width: number;
  marker?: (row: R) => string;
  rowStyle?: (row: R) => TextStyle | undefined;
}

/** `41–70 of 1,024 · 60 loaded, more…`, `· loading…`. */
export function listPosition(list: ListState): string {
  const parts = [positionLabel(list.window)];
  if (list.nextToken !== undefined) parts.push(`${formatCount(list.rows.length)} loaded, more…`);
  if (list.status === 'loading' || list.loadingMore) parts.push('loading…');
  return parts.join(' · ');
}

function emptyText(list: ListState, noun: string): string {
  if (list.status === 'loading' || list.status === 'idle') return 'loading…';
  if (list.status === 'error') return `could not list ${noun} (r retries)`;
  if (list.rows.length > 0) return 'nothing matches the filter';
  return `no ${noun}`;
}

/**
 * A list screen of the current location: the windowed table, its filter bar, and the list
 * keys (Normal priority). Global keys (`/`, `r`, Esc…) are handled by GlobalKeys below it.
 */
export function BrowseScreen<R extends Row>({ columns, noun, width, marker, rowStyle }: BrowseScreenProps<R>) {
  const state = useAppState();
  const actions = useAppActions();
  const { keymap } = useAppSettings();
  const list = listAt(state, currentKey(state));
  useKeypress(
    (input, key) => {
      for (const [command, move] of MOVES) {
        if (isCommand(keymap, command, input, key)) {
          actions.move(move);
          return true;
        }
      }
      if (isCommand(keymap, 'list.open', input, key)) {
        actions.open();
        return true;
      }
      return false;
    },
    { priority: KeyPriority.Normal },
  );
  return (
    <Table<R>
      columns={columns}
      rows={windowRows(list) as Array<{ row: R; position: number }>}
      selected={list.window.selected}
      viewport={state.viewport}
      width={width}
      position={listPosition(list)}
      empty={emptyText(list, noun)}
      marker={marker}
      rowStyle={rowStyle}
      rowKey={(r) => r.id}
      right={
        <FilterBar
          filter={list.filter}
          matched={list.visible.length}
          total={list.rows.length}
          maxWidth={Math.max(10, Math.floor(width / 3))}
          onEdit={actions.editFilter}
          onCommit={actions.commitFilter}
          onEscape={actions.back}
        />
      }
    />
  );
}
