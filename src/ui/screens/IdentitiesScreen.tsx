import React, { useMemo } from 'react';
import type { IdentityRow } from '../data/rows.js';
import type { Column } from '../components/Table.js';
import { formatTime, timeWidth, type DateFormat } from '../../util/format.js';
import { useDateFormat } from '../contexts/app-state.js';
import { BrowseScreen } from './BrowseScreen.js';

const columns = (format: DateFormat): readonly Column<IdentityRow>[] => [
  { title: 'identity', width: 'flex', truncate: 'middle', value: (r) => r.id },
  { title: 'created', width: timeWidth({ format }), value: (r) => formatTime(r.created, { format }) },
  { title: 'modified', width: timeWidth({ format }), value: (r) => formatTime(r.lastModified, { format }) },
  { title: 'logins', width: 'flex', value: (r) => (r.logins.length ? r.logins.join(', ') : 'unauthenticated') },
];

/** Identities of a pool, a page at a time ("N loaded, more…"; the next page loads at the end). */
export function IdentitiesScreen({ width }: { width: number }) {
  const dateFormat = useDateFormat();
  const cols = useMemo(() => columns(dateFormat), [dateFormat]);
  return <BrowseScreen<IdentityRow> columns={cols} noun="identities" width={width} />;
}
