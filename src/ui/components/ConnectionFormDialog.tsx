import React from 'react';
import { Box, Text } from 'ink';
import { sanitizeLine } from '../../util/sanitize.js';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type Keymap } from '../keymap.js';
import { isTextField, visibleFields, type ConnectionForm, type FormField } from '../state/connection-form.js';
import { useTheme } from '../theme.js';
import { TextFieldView } from './TextFieldView.js';

export interface ConnectionFormDialogProps {
  form: ConnectionForm;
  keymap: Keymap;
  width: number;
  onFocus(delta: 1 | -1): void;
  onToggle(delta: 1 | -1): void;
  /** A key for the focused text field; false when it is not text. */
  onType(input: string, key: Parameters<Parameters<typeof useKeypress>[0]>[1]): boolean;
  onSave(): void;
  onCancel(): void;
  onTest(): void;
}

const LABELS: Record<FormField, string> = {
  name: 'name', kind: 'kind', profile: 'AWS profile', region: 'region', endpointUrl: 'endpoint URL', deviceId: 'device id',
  readOnly: 'read-only', protected: 'protected', accent: 'accent colour',
};

const HINTS: Partial<Record<FormField, string>> = {
  profile: 'from ~/.aws; empty: the default credential chain',
  region: 'empty: from the profile / AWS_REGION',
  endpointUrl: 'empty: AWS (or the embedded local server)',
  deviceId: 'sent as DeviceId (LastModifiedBy); empty: preferences.deviceId or none',
  kind: 'aws: AWS and the credential chain · local: a cogsync server at the endpoint',
  protected: 'production: starts read-only, dataset name typed to commit',
};

/**
 * Add / edit a saved connection. No field holds a credential: an AWS connection names a
 * profile, and the credential chain supplies the keys when connecting.
 */
export function ConnectionFormDialog(props: ConnectionFormDialogProps) {
  const { form, keymap, width, onFocus, onToggle, onType, onSave, onCancel, onTest } = props;
  const theme = useTheme();
  useKeypress(
    (input, key) => {
      const is = (c: Parameters<typeof isCommand>[1]) => isCommand(keymap, c, input, key);
      if (is('form.save')) onSave();
      else if (is('form.cancel')) onCancel();
      else if (is('form.test')) onTest();
      else if (is('form.next')) onFocus(1);
      else if (is('form.prev')) onFocus(-1);
      else if (!isTextField(form.focus) && is('form.toggle')) onToggle(1);
      else if (!isTextField(form.focus) && is('form.toggleBack')) onToggle(-1);
      else onType(input, key);
      return true;
    },
    { priority: KeyPriority.High, text: isTextField(form.focus) },
  );
  // '› ' + the longest label + a space before the field.
  const labelWidth = 2 + Math.max(...Object.values(LABELS).map((l) => l.length)) + 1;
  const fieldWidth = Math.max(10, Math.min(width, 80) - labelWidth - 6);
  const value = (field: FormField): string => {
    switch (field) {
      // The chosen value in ‹ ›, as for accent; the other one only in the hint (`aws  (‹ local ›)` read as local).
      case 'kind': return `‹ ${form.kind} ›`;
      case 'readOnly': return form.readOnly ? '[x] yes' : '[ ] no';
      case 'protected': return form.protected ? '[x] yes' : '[ ] no';
      case 'accent': return `‹ ${form.accent} ›`;
      default: return '';
    }
  };
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={Math.min(width, 80)} paddingX={1}>
      <Text {...theme.title} wrap="truncate">
        {form.mode === 'add' ? 'Add a connection' : `Edit connection ${sanitizeLine(form.original ?? '')}`}
      </Text>
      {visibleFields(form).map((field) => {
        const focused = form.focus === field;
        const error = form.errors[field];
        return (
          <Box key={field} flexDirection="column">
            <Box>
              <Text {...(focused ? theme.key : theme.muted)}>{`${focused ? '›' : ' '} ${LABELS[field]}`.padEnd(labelWidth)}</Text>
              {isTextField(field) ? (
                <TextFieldView field={form.text[field]} width={fieldWidth} height={1} focused={focused} />
              ) : (
                <Text {...(focused ? theme.selection : undefined)}>{value(field)}</Text>
              )}
            </Box>
            {error ? (
              <Text {...theme.status.error} wrap="truncate">{`${' '.repeat(labelWidth)}✗ ${sanitizeLine(error)}`}</Text>
            ) : focused && HINTS[field] ? (
              <Text {...theme.muted} wrap="truncate">{`${' '.repeat(labelWidth)}${HINTS[field]}`}</Text>
            ) : null}
          </Box>
        );
      })}
      {form.test ? (
        <Text wrap="truncate" {...(form.test.status === 'failed' ? theme.status.error : form.test.status === 'ok' ? theme.status.success : theme.muted)}>
          {form.test.status === 'running' ? 'Testing…' : form.test.status === 'ok' ? `✓ ${sanitizeLine(form.test.summary)}` : `✗ ${sanitizeLine(form.test.message)}`}
        </Text>
      ) : null}
      <Text {...theme.muted} wrap="truncate">
        {keyLabel(keymap, 'form.save')} save · {keyLabel(keymap, 'form.next')} next · {keyLabel(keymap, 'form.toggle')} change · {keyLabel(keymap, 'form.test')} test · {keyLabel(keymap, 'form.cancel')} cancel
      </Text>
    </Box>
  );
}
