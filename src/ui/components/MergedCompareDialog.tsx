import React from 'react';
import { Box, Text } from 'ink';
import { sanitizeLine, sanitizePreview } from '../../util/sanitize.js';
import { fitToWidth, truncateToWidth } from '../../util/truncate.js';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type CommandId, type Keymap } from '../keymap.js';
import { compareMarker, stageableRows, type MergedComparison } from '../merged/merged-compare.js';
import { useTheme } from '../theme.js';

export interface MergedCompareDialogProps {
  comparison: MergedComparison;
  selected: number;
  keymap: Keymap;
  width: number;
  height: number;
  onMove(delta: number): void;
  onStage(all: boolean): void;
  onClose(): void;
}

const STATE_WORDS = { differs: 'differs', onlyMerged: 'merged only', onlyMain: 'main only', same: 'same' } as const;

/**
 * `C` on a merged dataset: key by key against its main dataset (≠ differs, + only in the
 * merged one, = same). `s` / `S` stage merged values into the main dataset; nothing is sent.
 */
/**
 * A value in the compare table: quoted, so an empty value differs from none (`–`), with control characters shown as
 * the records table shows them (`\e[31m`, `\n`), escaped once — JSON.stringify on top doubled every backslash.
 */
export function compareCell(value: string | undefined, width: number): string {
  return value === undefined ? '–' : `"${sanitizePreview(value, Math.max(1, width - 2))}"`;
}

export function MergedCompareDialog({ comparison, selected, keymap, width, height, onMove, onStage, onClose }: MergedCompareDialogProps) {
  const theme = useTheme();
  const rows = comparison.rows;
  useKeypress(
    (input, key) => {
      const is = (c: CommandId) => isCommand(keymap, c, input, key);
      if (is('compare.close')) onClose();
      else if (is('compare.stage')) onStage(false);
      else if (is('compare.stageAll')) onStage(true);
      else if (is('list.up')) onMove(-1);
      else if (is('list.down')) onMove(1);
      else if (is('list.pageUp')) onMove(-10);
      else if (is('list.pageDown')) onMove(10);
      else if (is('list.home')) onMove(-rows.length);
      else if (is('list.end')) onMove(rows.length);
      return true;
    },
    { priority: KeyPriority.High },
  );
  const inner = Math.max(30, width - 4);
  const listRows = Math.max(1, height - 6);
  const top = Math.max(0, Math.min(selected - Math.floor(listRows / 2), rows.length - listRows));
  const keyWidth = Math.max(8, Math.floor(inner * 0.25));
  const stateWidth = 11;
  const valueWidth = Math.max(6, Math.floor((inner - keyWidth - stateWidth - 6) / 2));
  const value = (v: string | undefined) => compareCell(v, valueWidth);
  const stageable = stageableRows(rows).length;
  const anyStaged = rows.some((r) => r.mainStaged);
  // `*`: the main dataset's value is an edit the user staged, compared as it will be once sent.
  const mainCell = (r: (typeof rows)[number]) => `${r.mainStaged ? '*' : ''}${value(r.main)}`;
  const k = (c: CommandId) => keyLabel(keymap, c);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width} height={height} paddingX={1}>
      <Text {...theme.title} wrap="truncate">
        {truncateToWidth(
          sanitizeLine(`Merged ${comparison.mainName}.…${comparison.sourceIdentityId.slice(-4)} vs ${comparison.mainName} · from identity ${comparison.sourceIdentityId}`),
          inner,
        )}
      </Text>
      <Text {...theme.muted} wrap="truncate">
        {truncateToWidth(`  ${fitToWidth('key', keyWidth)} ${fitToWidth('', stateWidth)} ${fitToWidth('merged value', valueWidth)} ${fitToWidth(`${sanitizeLine(comparison.mainName)} value`, valueWidth)}`, inner)}
      </Text>
      {rows.length === 0 ? <Text {...theme.muted}>both datasets are empty</Text> : null}
      {rows.slice(top, top + listRows).map((r, i) => {
        const isSelected = top + i === selected;
        const style = r.state === 'differs' ? theme.staged.modified : r.state === 'onlyMerged' ? theme.staged.added : r.state === 'same' ? theme.muted : undefined;
        const text = `${isSelected ? '›' : ' '}${compareMarker(r.state)} ${fitToWidth(sanitizeLine(r.key), keyWidth)} ${fitToWidth(STATE_WORDS[r.state], stateWidth)} ${fitToWidth(value(r.merged), valueWidth)} ${mainCell(r)}`;
        return (
          <Text key={r.key} wrap="truncate" {...style} {...(isSelected ? theme.selection : undefined)}>
            {truncateToWidth(text, inner)}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      <Text wrap="truncate">
        {truncateToWidth(
          `${stageable} ${stageable === 1 ? 'key' : 'keys'} would change ${sanitizeLine(comparison.mainName)}${anyStaged ? ' · * your staged value, not sent yet' : ''}`,
          inner,
        )}
      </Text>
      <Text {...theme.muted} wrap="truncate">
        {`${k('compare.stage')} stage this key · ${k('compare.stageAll')} stage all ${stageable} · ${k('compare.close')} close · staged changes are reviewed (c) before anything is sent`}
      </Text>
    </Box>
  );
}
