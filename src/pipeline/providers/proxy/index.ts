export { proxyFamily, type ProxyFamily, type ProxyFamilyOptions } from './family';
export * from './api';
export { reservationKey, runSpecFromStore, type RunVideoSpec } from './reservations';
export { defaultPollPolicy, type PollPolicy } from './jobs';
export type { TextVendor } from './text';
export { settleFailedRun } from './settle';
