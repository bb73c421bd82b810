import React, { useMemo } from 'react';
import type { PoolRow } from '../data/rows.js';
import type { Column } from '../components/Table.js';
import { formatBytes, formatTime, timeWidth, type DateFormat } from '../../util/format.js';
import { useDateFormat } from '../contexts/app-state.js';
import { BrowseScreen } from './BrowseScreen.js';

const columns = (format: DateFormat): readonly Column<PoolRow>[] => [
  { title: 'pool', width: 'flex', value: (r) => r.name || '(no name)' },
  { title: 'id', width: 'flex', truncate: 'middle', value: (r) => r.id },
  { title: 'storage', width: 8, align: 'right', value: (r) => formatBytes(r.dataStorage) },
  { title: 'sessions', width: 8, align: 'right', value: (r) => (r.syncSessions === undefined ? '–' : String(r.syncSessions)) },
  { title: 'modified', width: timeWidth({ format }), value: (r) => formatTime(r.lastModified, { format }) },
];

/** Identity pools (ListIdentityPools) with Cognito Sync usage (ListIdentityPoolUsage). */
export function PoolsScreen({ width }: { width: number }) {
  const dateFormat = useDateFormat();
  const cols = useMemo(() => columns(dateFormat), [dateFormat]);
  return <BrowseScreen<PoolRow> columns={cols} noun="identity pools" width={width} />;
}
