import React from 'react';
import { Box, Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type Keymap } from '../keymap.js';
import { addFormLayout, addKeyIssues, editorKey, switchField } from '../state/record-editor.js';
import type { RecordEditor, RecordsState } from '../state/records.js';
import { useTheme } from '../theme.js';
import { jsonHint } from '../../util/json-view.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { truncateToWidth } from '../../util/truncate.js';
import { TextFieldView } from './TextFieldView.js';

export interface RecordEditorPaneProps {
  records: RecordsState;
  editor: RecordEditor;
  keymap: Keymap;
  width: number;
  height: number;
  /** The editor as it is NOW (keys can arrive faster than renders). */
  current(): RecordEditor | null;
  onChange(editor: RecordEditor): void;
  onSubmit(): void;
  onCancel(): void;
}

/** One line under the key field: what is wrong with it, or what adding it will do. */
function keyStatus(records: RecordsState, key: string): { text: string; tone: 'error' | 'warning' | 'ok' } {
  const issues = addKeyIssues(records, key);
  const error = issues.find((i) => i.severity === 'error');
  if (error) return { text: `✗ ${error.message}`, tone: 'error' };
  const warning = issues.find((i) => i.severity === 'warning');
  if (warning) return { text: `⚠ ${warning.message}`, tone: 'warning' };
  const tomb = records.dataset.base.records.get(key);
  return { text: tomb ? `✓ adds back a removed key (sc ${tomb.syncCount})` : '✓ new key', tone: 'ok' };
}

/**
 * The inline editor in the detail pane: `e` edits a value, `a` adds a key and a value
 * (the key checked as you type). It owns the keyboard while open (High priority): Enter
 * stages, Esc cancels, Tab switches fields, everything else is text.
 */
export function RecordEditorPane(props: RecordEditorPaneProps) {
  const { records, editor, keymap, width, height, current, onChange, onSubmit, onCancel } = props;
  const theme = useTheme();
  useKeypress(
    (input, key) => {
      const now = current();
      if (!now) return false;
      if (isCommand(keymap, 'edit.submit', input, key)) onSubmit();
      else if (isCommand(keymap, 'edit.cancel', input, key)) onCancel();
      else if (isCommand(keymap, 'edit.nextField', input, key)) onChange(switchField(now));
      else {
        const next = editorKey(now, input, key);
        if (next) onChange(next);
      }
      return true;
    },
    { priority: KeyPriority.High, text: true },
  );
  const tone = { error: theme.status.error, warning: theme.status.warning, ok: theme.status.success } as const;
  const line = (text: string) => truncateToWidth(text, width);
  const help = line(
    `${keyLabel(keymap, 'edit.submit')} stage  ${editor.kind === 'add' ? `${keyLabel(keymap, 'edit.nextField')} key/value  ` : ''}${keyLabel(keymap, 'edit.cancel')} cancel`,
  );

  if (editor.kind === 'edit') {
    const hint = jsonHint(editor.field.text, editor.original);
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <Text wrap="truncate" {...theme.title}>{line(`edit ${sanitizeLine(editor.key)}`)}</Text>
        <TextFieldView field={editor.field} width={width} height={Math.max(1, height - 3)} focused />
        <Text wrap="truncate" {...(hint.kind === 'invalid' ? theme.status.warning : theme.status.success)}>{hint.message ? line(hint.message) : ' '}</Text>
        <Text wrap="truncate" {...theme.muted}>{help}</Text>
      </Box>
    );
  }
  const status = keyStatus(records, editor.key.text);
  const hint = jsonHint(editor.value.text);
  const layout = addFormLayout(height);
  // Every part a fixed number of lines, never shrunk: squeezed, they drew over each other.
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {layout.title ? <Box flexShrink={0}><Text wrap="truncate" {...theme.title}>add a record</Text></Box> : null}
      {layout.keyLabel ? <Box flexShrink={0}><Text wrap="truncate" {...theme.muted}>{layout.title ? 'key' : line('key (add a record)')}</Text></Box> : null}
      <Box flexShrink={0} height={layout.keyField} overflow="hidden">
        <TextFieldView field={editor.key} width={width} height={layout.keyField} focused={editor.focus === 'key'} />
      </Box>
      {/* Up to three lines: a limit message must be readable in a narrow pane. */}
      {layout.keyStatus ? (
        <Box flexShrink={0} height={layout.keyStatus} overflow="hidden">
          <Text wrap={layout.keyStatus > 1 ? 'wrap' : 'truncate'} {...tone[status.tone]}>{sanitizeLine(status.text)}</Text>
        </Box>
      ) : null}
      {layout.valueLabel ? <Box flexShrink={0}><Text wrap="truncate" {...theme.muted}>value</Text></Box> : null}
      <Box flexShrink={0} height={layout.valueField} overflow="hidden">
        <TextFieldView field={editor.value} width={width} height={layout.valueField} focused={editor.focus === 'value'} />
      </Box>
      {layout.hint ? <Box flexShrink={0}><Text wrap="truncate" {...(hint.kind === 'invalid' ? theme.status.warning : theme.status.success)}>{hint.message ? line(hint.message) : ' '}</Text></Box> : null}
      {layout.help ? <Box flexShrink={0}><Text wrap="truncate" {...theme.muted}>{help}</Text></Box> : null}
    </Box>
  );
}
