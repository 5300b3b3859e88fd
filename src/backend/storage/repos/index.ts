export * from './brands';
export * from './assets';
export * from './settings';
