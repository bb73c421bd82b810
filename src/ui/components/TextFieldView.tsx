import React from 'react';
import { Box, Text } from 'ink';
import { fieldLines, type TextField } from '../state/text-field.js';
import { useTheme } from '../theme.js';

export interface TextFieldViewProps {
  field: TextField;
  width: number;
  /** Lines the field may take (it wraps, and scrolls to the cursor). */
  height: number;
  /** Draws the cursor (an inverse cell) only on the focused field. */
  focused: boolean;
}

/** A text field (state/text-field.ts) drawn wrapped; untrusted text is shown escaped. */
export function TextFieldView({ field, width, height, focused }: TextFieldViewProps) {
  const theme = useTheme();
  const lines = fieldLines(field, width, height);
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate" {...(focused ? undefined : theme.muted)}>
          {line.before}
          {line.cursor !== undefined ? focused ? <Text inverse>{line.cursor}</Text> : line.cursor : null}
          {line.after}
        </Text>
      ))}
    </Box>
  );
}
