export * from './export';
export * from './graph';
export * from './media';
export * from './escape';
export * from './expressions';
