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

/** `✗ AccessDeniedException · ListRecords · req 3f2a9c1e… : message (hint) (Esc dismiss)`. */
export function errorLine(error: ErrorInfo): string {
  const parts = [error.code];
  if (error.operation) parts.push(error.operation);
  if (error.httpStatus) parts.push(`HTTP ${error.httpStatus}`);
  if (error.requestId) parts.push(`req ${error.requestId.length > 8 ? `${error.requestId.slice(0, 8)}…` : error.requestId}`);
  const hint = error.hint ? ` (${error.hint})` : '';
  return sanitizeLine(`✗ ${parts.join(' · ')} : ${error.message}${hint}`);
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
      <Text {...theme.status.error}>{errorLine(error)}</Text>
      <Text {...theme.muted}>  (Esc dismiss)</Text>
    </Text>
  );
}
