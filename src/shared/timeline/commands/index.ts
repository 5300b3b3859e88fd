export * from './types';
export * from './apply';
export * from './history';
export * from './snap';
export { locate, sortedMain, clipEnd, clipLength, type Located } from './locate';
export { freshId, allIds } from './ids';
export { captionIds, styleAllCaptions } from './captions';
export { deleteMany, moveMany } from './many';
