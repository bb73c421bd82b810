// How commands get their SDK client: lazily (the SDK loads only when a command runs), and
// replaceable in tests.
import type { CommandIO, GlobalFlags } from './io.js';
import type { ServiceSession } from './service-session.js';

export type OpenSession = (io: CommandIO, globals: GlobalFlags) => Promise<ServiceSession>;

export const openSessionLazily: OpenSession = async (io, globals) => {
  const { openServiceSession } = await import('./service-session.js');
  return openServiceSession(io, globals);
};
