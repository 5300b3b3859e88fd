export * from './brand';
export * from './asset';
export * from './settings';
export * from './desktop';
