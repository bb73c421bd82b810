// Sends one SDK command with retries OFF for this call only, whatever the client's
// maxAttempts. UpdateRecords must never be resent behind our back: a resend after a lost
// reply would hit a 409 against our own write, and a resend after a 5xx could double-write
// what another device wrote in between. Two layers, both on the command's own middleware
// stack (the client is shared and untouched):
//  1. the client's `retryMiddleware` is overridden by a pass-through for this command;
//  2. a guard inside the retry loop refuses any second attempt, rethrowing the first
//     error without touching the network, in case a future SDK renames the retry step.
type AnyCommand = { middlewareStack: { add: (mw: unknown, options: Record<string, unknown>) => void } };

/** Adds the one-attempt middlewares to a command (before it is sent). */
export function withoutRetries<C>(command: C): C {
  const stack = (command as unknown as AnyCommand).middlewareStack;
  stack.add((next: (args: unknown) => Promise<unknown>) => (args: unknown) => next(args), {
    name: 'retryMiddleware',
    tags: ['RETRY'],
    step: 'finalizeRequest',
    priority: 'high',
    override: true,
  });
  let attempts = 0;
  let firstError: unknown;
  stack.add(
    (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
      attempts++;
      if (attempts > 1) throw firstError;
      try {
        return await next(args);
      } catch (error) {
        firstError = error;
        throw error;
      }
    },
    { name: 'cogsyncSingleAttemptGuard', step: 'finalizeRequest', priority: 'low', override: true },
  );
  return command;
}
