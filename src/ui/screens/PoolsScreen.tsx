import React from 'react';
import type { PoolRow } from '../data/rows.js';
import type { Column } from '../components/Table.js';
import { formatBytes, formatTime } from '../../util/format.js';
import { BrowseScreen } from './BrowseScreen.js';

const COLUMNS: readonly Column<PoolRow>[] = [
  { title: 'pool', width: 'flex', value: (r) => r.name || '(no name)' },
  { title: 'id', width: 'flex', truncate: 'middle', value: (r) => r.id },
  { title: 'storage', width: 8, align: 'right', value: (r) => formatBytes(r.dataStorage) },
  { title: 'sessions', width: 8, align: 'right', value: (r) => (r.syncSessions === undefined ? '–' : String(r.syncSessions)) },
  { title: 'modified', width: 16, value: (r) => formatTime(r.lastModified) },
];

/** Identity pools (ListIdentityPools) with Cognito Sync usage (ListIdentityPoolUsage). */
export function PoolsScreen({ width }: { width: number }) {
  return <BrowseScreen<PoolRow> columns={COLUMNS} noun="identity pools" width={width} />;
}
