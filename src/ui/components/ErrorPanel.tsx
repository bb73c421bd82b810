import React from 'react';
import { Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import type { ErrorInfo } from '../state/dialogs.js';
import { useTheme } from '../theme.js';
import { sanitizeLine } from '../../util/sanitize.js';

export interface ErrorPanelProps {
  error: ErrorInfo;
  onDismiss(): void;
}

/**
 * `✗ AccessDeniedException: message · ListRecords · HTTP 403 · req 3f2a9c1e… · hint`: the
 * message right after the code, so a narrow terminal cuts the details, not the message.
 */
export function errorLine(error: ErrorInfo): string {
  const parts = [`${error.code}: ${error.message}`];
  if (error.operation) parts.push(error.operation);
  if (error.httpStatus) parts.push(`HTTP ${error.httpStatus}`);
  if (error.requestId) parts.push(`req ${error.requestId.length > 8 ? `${error.requestId.slice(0, 8)}…` : error.requestId}`);
  if (error.hint) parts.push(error.hint);
  return sanitizeLine(`✗ ${parts.join(' · ')}`);
}

/**
 * The sticky error line (UX.md §1.2 "Errors persist"): never times out; Esc dismisses it.
 * It is not modal: every other key still reaches the screen. All errors stay in :messages.
 */
export function ErrorPanel({ error, onDismiss }: ErrorPanelProps) {
  const theme = useTheme();
  useKeypress(
    (_input, key) => {
      // Esc, whatever app.back is bound to: the panel says so, and Backspace must not dismiss by accident.
      if (!key.escape) return false;
      onDismiss();
      return true;
    },
    { priority: KeyPriority.High },
  );
  return (
    <Text wrap="truncate">
      <Text {...theme.muted}>Esc </Text>
      <Text {...theme.status.error}>{errorLine(error)}</Text>
    </Text>
  );
}
