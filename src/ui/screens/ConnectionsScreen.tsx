import React from 'react';
import type { ConnectionRow } from '../data/rows.js';
import type { Column } from '../components/Table.js';
import { BrowseScreen } from './BrowseScreen.js';

const COLUMNS: readonly Column<ConnectionRow>[] = [
  { title: 'connection', width: 'flex', value: (r) => r.id },
  { title: 'type', width: 6, value: (r) => r.type },
  { title: 'region', width: 14, value: (r) => r.region ?? '–' },
  { title: 'detail', width: 'flex', value: (r) => (r.endpoint ? `${r.detail} · ${r.endpoint}` : r.detail) },
];

/** The embedded local server, given connections and AWS profiles; Enter connects. */
export function ConnectionsScreen({ width }: { width: number }) {
  return <BrowseScreen<ConnectionRow> columns={COLUMNS} noun="connections" width={width} />;
}
