/**
 * What `?` lists inside a list dialog (request inspector `i`, history `H`, sync timeline `t`): the dialog's own
 * commands, the list keys it takes, `/` when it filters, and `?` itself; nothing of the screen behind it (those keys
 * do nothing while the dialog is open). Pure: the dialogs draw it with HelpOverlay.
 */
import type { CommandId, Scope } from './keymap.js';

export type ListDialog = 'inspector' | 'history' | 'timeline' | 'messages';

const LIST_KEYS: readonly CommandId[] = ['list.up', 'list.down', 'list.pageUp', 'list.pageDown', 'list.home', 'list.end'];

export function dialogHelp(dialog: ListDialog, options: { filters: boolean }): { scopes: Scope[]; include: (id: CommandId) => boolean } {
  const taken = new Set<CommandId>([
    ...LIST_KEYS,
    // Enter opens a call in full; the history and the timeline show the selected row's details already.
    ...(dialog === 'inspector' ? (['list.open'] as const) : []),
    ...(options.filters ? (['app.filter'] as const) : []),
    'app.help',
  ]);
  return {
    scopes: [dialog, 'list', 'app'],
    include: (id) => id.startsWith(`${dialog}.`) || taken.has(id),
  };
}
