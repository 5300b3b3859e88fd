import { LoaderCircle } from 'lucide-react';

export function Spinner({ className = 'size-4', label }: { className?: string; label?: string }) {
  return (
    <LoaderCircle
      className={`animate-spin text-ink-muted ${className}`}
      aria-hidden={label ? undefined : true}
      aria-label={label}
      role={label ? 'status' : undefined}
    />
  );
}
