export * from './media-store';
export * from './data-dir';
export * from './sniff';
export * from './read-head';
