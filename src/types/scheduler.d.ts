// The part of React's `scheduler` package cogsync uses (it ships no types).
declare module 'scheduler' {
  export const unstable_IdlePriority: number;
  export const unstable_LowPriority: number;
  export function unstable_scheduleCallback(priority: number, callback: () => void): unknown;
  export function unstable_cancelCallback(task: unknown): void;
}
