import { Fragment } from 'react';

/** A filesystem path that wraps after separators instead of mid-name. */
export function PathText({ path, className = '', testId }: { path: string; className?: string; testId?: string }) {
  const parts = path.split(/(?<=[/\\])/);
  return (
    <code className={`font-mono text-[13px] ${className}`} title={path} data-testid={testId}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          <wbr />
        </Fragment>
      ))}
    </code>
  );
}
