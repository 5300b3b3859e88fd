/** Timecode `mm:ss:ff` at the project fps (frames, not milliseconds: editors think in frames). */
export function timecode(frame: number, fps: number): string {
  const f = Math.max(0, Math.round(frame));
  const s = Math.floor(f / fps);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 60))}:${pad(s % 60)}:${pad(f % fps)}`;
}

export const seconds = (frames: number, fps: number) => (frames / fps).toFixed(2);
