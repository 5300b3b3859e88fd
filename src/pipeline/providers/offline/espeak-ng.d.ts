// espeak-ng (npm) ships an Emscripten module factory without type declarations.
declare module 'espeak-ng' {
  const factory: (opts: { arguments: string[]; print?: (s: string) => void; printErr?: (s: string) => void }) => Promise<{ FS: { readFile(path: string): Uint8Array } }>;
  export default factory;
}
