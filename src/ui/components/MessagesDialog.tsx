import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type Keymap } from '../keymap.js';
import type { ErrorInfo } from '../state/dialogs.js';
import { messagesView, messageText } from '../state/messages-view.js';
import { useTheme } from '../theme.js';
import { dialogHelp } from '../dialog-help.js';
import { HelpOverlay } from './HelpOverlay.js';
import type { DateFormat } from '../../util/format.js';

export interface MessagesDialogProps {
  /** AppState.messages: oldest first. */
  messages: readonly ErrorInfo[];
  keymap: Keymap;
  width: number;
  height: number;
  dateFormat?: DateFormat;
  /** `y`: the selected message's text. */
  onCopy(text: string): void;
  onClose(): void;
}

/**
 * `:messages`: every error of this run, newest first and whole (wrapped, the request id in full), where the error
 * line shows one cut to a row. ↑/↓ select, `y` copies the selected one, Esc or `q` closes. Modal.
 */
export function MessagesDialog({ messages, keymap, width, height, dateFormat, onCopy, onClose }: MessagesDialogProps) {
  const theme = useTheme();
  // The selected message by its place from the oldest: an error that arrives meanwhile (watch mode) goes on top
  // without moving the selection to another message.
  const [fromOldest, setFromOldest] = useState(messages.length - 1);
  const [top, setTop] = useState(0);
  const [help, setHelp] = useState(false);
  const texts = [...messages].reverse().map((m) => messageText(m, dateFormat));
  const room = Math.max(1, height - 2);
  const at = Math.max(0, Math.min(texts.length - 1, messages.length - 1 - fromOldest));
  const view = messagesView(texts, at, top, width, room);
  if (view.top !== top) setTop(view.top);
  // A page is as many messages as are on screen now.
  const page = Math.max(1, new Set(view.rows.map((r) => r.index)).size - 1);
  const moveTo = (next: number) => setFromOldest(messages.length - 1 - Math.max(0, Math.min(texts.length - 1, next)));
  useKeypress(
    (input, key) => {
      const is = (id: Parameters<typeof isCommand>[1]) => isCommand(keymap, id, input, key);
      if (is('messages.close')) onClose();
      else if (is('app.help')) setHelp(true);
      else if (is('messages.copy') && texts.length > 0) onCopy(texts[at]);
      else if (is('list.down')) moveTo(at + 1);
      else if (is('list.up')) moveTo(at - 1);
      else if (is('list.pageDown')) moveTo(at + page);
      else if (is('list.pageUp')) moveTo(at - page);
      else if (is('list.home')) moveTo(0);
      else if (is('list.end')) moveTo(texts.length - 1);
      return true;
    },
    { priority: KeyPriority.High, isActive: !help },
  );
  if (help) {
    const { scopes, include } = dialogHelp('messages', { filters: false });
    return <HelpOverlay scopes={scopes} include={include} keymap={keymap} width={width} height={height} onClose={() => setHelp(false)} />;
  }
  const keys = `${keyLabel(keymap, 'list.up')}/${keyLabel(keymap, 'list.down')} select · ${keyLabel(keymap, 'messages.copy')} copy · ${keyLabel(keymap, 'messages.close')} close · ${keyLabel(keymap, 'app.help')} help`;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate" {...theme.accent}>
        {texts.length === 0 ? 'Messages — no error this run' : `Messages — ${texts.length} ${texts.length === 1 ? 'error' : 'errors'} this run, newest first`}
      </Text>
      <Box flexDirection="column" height={room} overflowY="hidden">
        {view.rows.map((row, i) => (
          <Text key={i} wrap="truncate" {...(row.selected ? theme.status.error : theme.muted)}>
            {row.text}
          </Text>
        ))}
      </Box>
      <Text wrap="truncate" {...theme.muted}>
        {keys}
      </Text>
    </Box>
  );
}
