export * from './binaries';
export * from './capabilities';
export * from './probe';
export * from './progress';
export * from './run';
