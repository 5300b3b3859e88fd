import type { ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';

export function EmptyState({ icon: Icon, title, body, action }: { icon: LucideIcon; title: string; body: string; action?: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center px-6 py-20 text-center">
      <div className="relative mb-6">
        <div aria-hidden className="absolute -inset-10 -z-10 bg-[radial-gradient(closest-side,var(--color-accent-soft),transparent)]" />
        <div className="flex size-16 items-center justify-center rounded-2xl border border-line-strong bg-gradient-to-b from-overlay to-raised">
          <Icon aria-hidden className="size-7 text-accent" strokeWidth={1.75} />
        </div>
      </div>
      <h2 className="text-lg font-semibold tracking-tight text-ink">{title}</h2>
      <p className="mt-2 text-sm leading-relaxed text-ink-muted">{body}</p>
      {action ? <div className="mt-6">{action}</div> : null}
    </div>
  );
}
