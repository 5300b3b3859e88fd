// music-tempo (MIT, no dependencies) ships JavaScript without type declarations.
declare module 'music-tempo' {
  export default class MusicTempo {
    constructor(audioData: Float32Array | number[], params?: { minBeatInterval?: number; maxBeatInterval?: number; expiryTime?: number; hopSize?: number; bufferSize?: number });
    tempo: string | number;
    beats: number[];
  }
}
