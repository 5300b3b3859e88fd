export * from './model';
export * from './validate';
export * from './seed';
export * from './envelope';
export * from './layout';
export * from './plan';
export * from './compile';
export * from './frame-at';
