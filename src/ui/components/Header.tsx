import React from 'react';
import { Box, Text } from 'ink';
import type { ConnectionInfo, StagedCounts } from '../state/app-reducer.js';
import { useTheme } from '../theme.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { Spinner } from './Spinner.js';

export interface HeaderProps {
  connection: ConnectionInfo | null;
  /** Shown while no connection is established yet. */
  connecting?: string;
  staged: StagedCounts;
  /** Where the staged changes are when not (only) in the open dataset: ` in profile` (staged-where.ts). */
  stagedScope?: string;
  /** AWS calls in flight: the spinner shows only while this is above 0. */
  inFlight: number;
  /** Watch mode's state (`watch 5s · ok 12:01:03`), when it is on. */
  watch?: string;
}

/** `3 staged (1M 1+ 1-)`, or '' when nothing is staged. */
export function stagedLabel({ modified, added, removed }: StagedCounts): string {
  const total = modified + added + removed;
  return total === 0 ? '' : `${total} staged (${modified}M ${added}+ ${removed}-)`;
}

/**
 * `[RW] local · us-east-1 · http://127.0.0.1:4567      3 staged (1M 1+ 1-) ⠋` — the badge
 * letters, not their colour, say whether writes are allowed.
 */
export function Header({ connection, connecting, staged, stagedScope = '', inFlight, watch }: HeaderProps) {
  const theme = useTheme();
  const parts = connection
    ? [connection.name, connection.region, connection.endpoint ?? `cognito-sync.${connection.region}.amazonaws.com`]
    : [connecting ? `connecting to ${connecting}…` : 'no connection'];
  const badge = connection?.readOnly ? '[RO]' : '[RW]';
  const staging = stagedLabel(staged);
  return (
    <Box width="100%">
      <Box flexGrow={1} flexShrink={1}>
        <Text wrap="truncate">
          <Text {...(connection?.readOnly ? theme.badge.readOnly : theme.badge.readWrite)}>{connection ? badge : '[--]'}</Text>{' '}
          <Text {...theme.accent}>{sanitizeLine(parts[0])}</Text>
          <Text {...theme.muted}>{parts.slice(1).map((p) => ` · ${sanitizeLine(p)}`).join('')}</Text>
        </Text>
      </Box>
      <Box flexShrink={0}>
        {watch ? <Text {...(watch.includes('backing off') ? theme.status.warning : theme.status.info)}> {sanitizeLine(watch)}</Text> : null}
        {staging ? <Text {...theme.staged.modified}>{watch ? ' · ' : ' '}{staging}{stagedScope}</Text> : null}
        {inFlight > 0 ? (
          <Text>
            {' '}
            <Spinner />
          </Text>
        ) : null}
      </Box>
    </Box>
  );
}
