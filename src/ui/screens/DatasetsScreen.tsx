import React, { useMemo } from 'react';
import type { DatasetRow } from '../data/rows.js';
import type { Column } from '../components/Table.js';
import { formatBytes, formatTime, timeWidth, type DateFormat } from '../../util/format.js';
import { useDateFormat } from '../contexts/app-state.js';
import { parseMergedName } from '../merged/merged-compare.js';
import { BrowseScreen } from './BrowseScreen.js';

const columns = (format: DateFormat): readonly Column<DatasetRow>[] => [
  { title: 'dataset', width: 'flex', value: (r) => r.id },
  { title: 'records', width: 7, align: 'right', value: (r) => (r.numRecords === undefined ? '–' : String(r.numRecords)) },
  { title: 'size', width: 8, align: 'right', value: (r) => formatBytes(r.dataStorage) },
  { title: 'modified', width: timeWidth({ format }), value: (r) => formatTime(r.lastModified, { format }) },
  { title: 'by', width: 'flex', value: (r) => r.lastModifiedBy ?? '–' },
];

/** `m`: a dataset merged in from another identity (`name.<identity id>`, SERVICE.md §3.6). */
export const mergedMarker = (row: DatasetRow): string => (parseMergedName(row.id) ? 'm' : ' ');

/**
 * Datasets of an identity (ListDatasets): name, records, size, last modified and by whom.
 * Merged datasets are marked `m`; the status line names them (see mergedBanner).
 */
export function DatasetsScreen({ width }: { width: number }) {
  const dateFormat = useDateFormat();
  const cols = useMemo(() => columns(dateFormat), [dateFormat]);
  return <BrowseScreen<DatasetRow> columns={cols} noun="datasets" width={width} marker={mergedMarker} />;
}
