import { memo } from 'react';

/** Mirrored peak envelope of the part of a file a clip plays (source seconds fromS…toS). */
export const Waveform = memo(function Waveform({ peaks, perSecond, fromS, toS, width, color }: { peaks: number[]; perSecond: number; fromS: number; toS: number; width: number; color: string }) {
  const cols = Math.max(1, Math.min(Math.floor(width / 2), 1200));
  const pts: string[] = [];
  const bottom: string[] = [];
  for (let i = 0; i <= cols; i++) {
    const t0 = fromS + ((toS - fromS) * i) / cols;
    const t1 = fromS + ((toS - fromS) * (i + 1)) / cols;
    let m = 0;
    for (let k = Math.floor(t0 * perSecond); k <= Math.floor(t1 * perSecond) && k < peaks.length; k++) m = Math.max(m, peaks[k] ?? 0);
    const x = ((i / cols) * 100).toFixed(2);
    pts.push(`${x},${(50 - m * 46).toFixed(1)}`);
    bottom.unshift(`${x},${(50 + m * 46).toFixed(1)}`);
  }
  return (
    <svg aria-hidden className="pointer-events-none absolute inset-0 size-full" viewBox="0 0 100 100" preserveAspectRatio="none">
      <polygon points={[...pts, ...bottom].join(' ')} fill={color} />
    </svg>
  );
});
