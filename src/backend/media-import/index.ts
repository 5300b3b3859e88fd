export * from './import-image';
export * from './stage-source';
export * from './orientation';
