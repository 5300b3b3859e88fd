export * from './export';
export * from './graph';
export * from './media';
export * from './fonts';
export * from './escape';
export * from './expressions';
