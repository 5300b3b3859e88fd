/** Small overlapping colour swatches. */
export function ColorDots({ colors, size = 'sm' }: { colors: string[]; size?: 'sm' | 'md' }) {
  if (colors.length === 0) return null;
  const dim = size === 'sm' ? 'size-4' : 'size-6';
  return (
    <span className="flex shrink-0 -space-x-1.5" aria-hidden>
      {colors.slice(0, 6).map((color, i) => (
        <span
          key={`${color}-${i}`}
          className={`${dim} rounded-full ring-2 ring-surface`}
          style={{ backgroundColor: color }}
        />
      ))}
    </span>
  );
}
