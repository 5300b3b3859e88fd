import type { ReactNode } from 'react';

/**
 * One layout grid for the page screens (issue 19 #15): Brands, a brand, Ads, Batch, Settings and
 * Account all start their content at the same x (the frame is the same width everywhere; a screen
 * that reads better narrow keeps its column narrow inside it, left-aligned, so the edge never moves).
 */
export function Page({ children, className = '', column = 'max-w-none', testId }: { children: ReactNode; className?: string; column?: 'max-w-none' | 'max-w-4xl' | 'max-w-3xl'; testId?: string }) {
  return (
    <div className="mx-auto w-full max-w-6xl px-10 py-10" data-page-frame>
      <div className={`${column} ${className}`} data-testid={testId}>
        {children}
      </div>
    </div>
  );
}
