/**
 * The add / edit connection form of the connections screen as plain data: text fields for
 * name, profile, region and endpoint, choices for kind and accent, two switches, a focus,
 * and the checks that run before saving. Never a credential field: an AWS connection names
 * a profile and the credential chain does the rest.
 */
import type { Key } from 'ink';
import { ACCENT_COLOURS, type AccentColour, type SavedConnection } from '../../config/schema.js';
import { isReservedConnectionName, reservedNameError } from '../../config/reserved-name.js';
import { applyKey, textField, type TextField } from './text-field.js';

export const FORM_FIELDS = ['name', 'kind', 'profile', 'region', 'endpointUrl', 'deviceId', 'readOnly', 'protected', 'accent'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
type TextFieldName = 'name' | 'profile' | 'region' | 'endpointUrl' | 'deviceId';
const TEXT_FIELDS: readonly FormField[] = ['name', 'profile', 'region', 'endpointUrl', 'deviceId'];

export type ConnectionTest =
  | { readonly status: 'running' }
  | { readonly status: 'ok'; readonly summary: string }
  | { readonly status: 'failed'; readonly message: string };

export interface ConnectionForm {
  readonly mode: 'add' | 'edit';
  /** The saved name being edited (renaming keeps its recent places). */
  readonly original?: string;
  readonly text: Readonly<Record<TextFieldName, TextField>>;
  readonly kind: 'local' | 'aws';
  readonly readOnly: boolean;
  readonly protected: boolean;
  readonly accent: AccentColour;
  readonly focus: FormField;
  /** Per field, shown under it after a save attempt (or as you type once shown). */
  readonly errors: Readonly<Partial<Record<FormField, string>>>;
  readonly test?: ConnectionTest;
}

export function newConnectionForm(existing?: SavedConnection): ConnectionForm {
  return {
    mode: existing ? 'edit' : 'add',
    ...(existing ? { original: existing.name } : {}),
    text: {
      name: textField(existing?.name ?? ''),
      profile: textField(existing?.profile ?? ''),
      region: textField(existing?.region ?? ''),
      endpointUrl: textField(existing?.endpointUrl ?? ''),
      deviceId: textField(existing?.deviceId ?? ''),
    },
    kind: existing?.kind ?? 'aws',
    readOnly: existing?.readOnly ?? false,
    protected: existing?.protected ?? false,
    accent: existing?.accent ?? 'default',
    focus: 'name',
    errors: {},
  };
}

export const isTextField = (field: FormField): field is TextFieldName => TEXT_FIELDS.includes(field);

/** Fields that mean something for this kind: a local connection has no profile. */
export function visibleFields(form: ConnectionForm): FormField[] {
  return FORM_FIELDS.filter((f) => !(form.kind === 'local' && f === 'profile'));
}

export function moveFocus(form: ConnectionForm, delta: 1 | -1): ConnectionForm {
  const fields = visibleFields(form);
  const at = Math.max(0, fields.indexOf(form.focus));
  return { ...form, focus: fields[(at + delta + fields.length) % fields.length] };
}

/** Space or ←/→ on a choice or switch: the next value (← the previous one). */
export function cycle(form: ConnectionForm, delta: 1 | -1 = 1): ConnectionForm {
  switch (form.focus) {
    case 'kind':
      return { ...form, kind: form.kind === 'aws' ? 'local' : 'aws', test: undefined };
    case 'readOnly':
      return { ...form, readOnly: !form.readOnly };
    case 'protected':
      // Production connections start read-only (UX.md §1.2); the user may still turn it off.
      return { ...form, protected: !form.protected, readOnly: !form.protected ? true : form.readOnly };
    case 'accent': {
      const i = ACCENT_COLOURS.indexOf(form.accent);
      return { ...form, accent: ACCENT_COLOURS[(i + delta + ACCENT_COLOURS.length) % ACCENT_COLOURS.length] };
    }
    default:
      return form;
  }
}

/** Typing into the focused text field; undefined when the key is not for the field. */
export function typeInto(form: ConnectionForm, input: string, key: Key): ConnectionForm | undefined {
  if (!isTextField(form.focus)) return undefined;
  const field = applyKey(form.text[form.focus], input, key);
  if (!field) return undefined;
  const next = { ...form, text: { ...form.text, [form.focus]: field }, test: undefined };
  // Errors already shown follow the typing, so a fixed field stops complaining at once.
  return Object.keys(form.errors).length > 0 ? { ...next, errors: checkForm(next, []).errors } : next;
}

const REGION = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const NAME_MAX = 64;

function checkEndpoint(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL (e.g. http://127.0.0.1:4567)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
  if (url.username || url.password) return 'must not contain a user name or password';
  return undefined;
}

/**
 * Checks every field; on success the connection to save. `takenNames` are the other
 * connections' names (the edited one's own name excluded by the caller).
 */
export function checkForm(form: ConnectionForm, takenNames: readonly string[]): { connection?: SavedConnection; errors: Partial<Record<FormField, string>> } {
  const errors: Partial<Record<FormField, string>> = {};
  const name = form.text.name.text.trim();
  const profile = form.text.profile.text.trim();
  const region = form.text.region.text.trim();
  const endpointUrl = form.text.endpointUrl.text.trim();
  const deviceId = form.text.deviceId.text.trim();
  if (name === '') errors.name = 'a name is required';
  else if (name.length > NAME_MAX) errors.name = `at most ${NAME_MAX} characters`;
  else if (/[\u0000-\u001f\u007f]/.test(name)) errors.name = 'no control characters';
  else if (isReservedConnectionName(name)) errors.name = reservedNameError();
  else if (takenNames.includes(name)) errors.name = `a connection named '${name}' already exists`;
  if (form.kind === 'aws' && profile !== '' && /\s/.test(profile)) errors.profile = 'a profile name has no spaces';
  if (region !== '' && !REGION.test(region)) errors.region = 'regions look like us-east-1';
  if (endpointUrl !== '') {
    const problem = checkEndpoint(endpointUrl);
    if (problem) errors.endpointUrl = problem;
  }
  if (deviceId.length > 256) errors.deviceId = 'at most 256 characters';
  else if (/[\u0000-\u001f\u007f]/.test(deviceId)) errors.deviceId = 'no control characters';
  if (Object.keys(errors).length > 0) return { errors };
  const connection: SavedConnection = {
    name,
    kind: form.kind,
    ...(form.kind === 'aws' && profile ? { profile } : {}),
    ...(region ? { region } : {}),
    ...(endpointUrl ? { endpointUrl: endpointUrl.replace(/\/+$/, '') } : {}),
    ...(deviceId ? { deviceId } : {}),
    // A protected connection is read-only unless told otherwise, so "writable" must be said.
    ...(form.readOnly ? { readOnly: true } : form.protected ? { readOnly: false } : {}),
    ...(form.protected ? { protected: true } : {}),
    ...(form.accent !== 'default' ? { accent: form.accent } : {}),
  };
  return { connection, errors };
}
