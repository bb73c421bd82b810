// The AWS layer's public surface: everything that talks to AWS or the local server.
export * from './clients.js';
export * from './connection-check.js';
export * from './errors.js';
export * from './paging.js';
export { RequestLog, requestLog, formatEntry, type RequestLogEntry, type RequestLogEvent, type RequestLogListener } from './request-log.js';
export { listProfiles, profileRegion, type ProfileSummary } from './shared-config.js';
