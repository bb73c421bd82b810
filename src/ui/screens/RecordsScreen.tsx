import React from 'react';
import type { RecordRow } from '../data/rows.js';
import type { Column } from '../components/Table.js';
import { useTheme } from '../theme.js';
import { formatTime } from '../../util/format.js';
import { BrowseScreen } from './BrowseScreen.js';

const COLUMNS: readonly Column<RecordRow>[] = [
  { title: 'key', width: 'flex', value: (r) => r.id },
  // Raw value (the table sanitizes only what fits, so a 1 MB value stays cheap); "" is shown quoted.
  { title: 'value', width: 'flex', value: (r) => (r.value === undefined ? '(removed)' : r.value === '' ? '""' : r.value) },
  { title: 'sc', width: 5, align: 'right', value: (r) => String(r.syncCount) },
  { title: 'modified', width: 16, value: (r) => formatTime(r.lastModified) },
  { title: 'by', width: 14, value: (r) => r.lastModifiedBy ?? '–' },
];

/**
 * PLACEHOLDER, read-only: the records of a dataset. The records feature (detail pane,
 * editing, review, conflicts) replaces this screen; `-` marks a tombstone.
 */
export function RecordsScreen({ width }: { width: number }) {
  const theme = useTheme();
  return (
    <BrowseScreen<RecordRow>
      columns={COLUMNS}
      noun="records"
      width={width}
      marker={(r) => (r.value === undefined ? '-' : ' ')}
      rowStyle={(r) => (r.value === undefined ? theme.staged.removed : undefined)}
    />
  );
}
