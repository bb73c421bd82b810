import React from 'react';
import { Text } from 'ink';
import type { Crumb } from '../state/navigation.js';
import { useTheme } from '../theme.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { truncateToWidth } from '../../util/truncate.js';

/** `us-east-1:…5556`: identity ids are long and differ at the end. */
export function shortId(id: string): string {
  const colon = id.indexOf(':');
  if (colon < 0 || id.length <= colon + 1 + 8) return id;
  return `${id.slice(0, colon + 1)}…${id.slice(-4)}`;
}

export interface BreadcrumbsProps {
  crumbs: readonly Crumb[];
  width: number;
}

/** `local › demo-pool › us-east-1:…5556 › settings`, always on screen (UX.md §1.2). */
export function Breadcrumbs({ crumbs, width }: BreadcrumbsProps) {
  const theme = useTheme();
  const labels = crumbs.map((c) => sanitizeLine(c.kind === 'identity' ? shortId(c.label) : c.label));
  const line = truncateToWidth(labels.join(' › '), width, 'start');
  // The connection's name takes its accent colour (red when protected), as in the header;
  // when the line was cut from the start the name is gone and nothing is coloured.
  const head = crumbs[0]?.kind === 'connection' && line.startsWith(labels[0]) ? labels[0] : '';
  return (
    <Text wrap="truncate" {...theme.title}>
      {head ? <Text {...theme.accent}>{head}</Text> : null}
      {line.slice(head.length)}
    </Text>
  );
}
