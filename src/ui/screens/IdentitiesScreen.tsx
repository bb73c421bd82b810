import React from 'react';
import type { IdentityRow } from '../data/rows.js';
import type { Column } from '../components/Table.js';
import { formatTime } from '../../util/format.js';
import { BrowseScreen } from './BrowseScreen.js';

const COLUMNS: readonly Column<IdentityRow>[] = [
  { title: 'identity', width: 'flex', truncate: 'middle', value: (r) => r.id },
  { title: 'created', width: 16, value: (r) => formatTime(r.created) },
  { title: 'modified', width: 16, value: (r) => formatTime(r.lastModified) },
  { title: 'logins', width: 'flex', value: (r) => (r.logins.length ? r.logins.join(', ') : 'unauthenticated') },
];

/** Identities of a pool, a page at a time ("N loaded, more…"; the next page loads at the end). */
export function IdentitiesScreen({ width }: { width: number }) {
  return <BrowseScreen<IdentityRow> columns={COLUMNS} noun="identities" width={width} />;
}
