// The pure sync engine: dataset model with staging and undo, patches, limits, conflicts.
export * from './types.js';
export * from './records.js';
export * from './dataset.js';
export * from './patches.js';
export * from './limits.js';
export * from './conflicts.js';
