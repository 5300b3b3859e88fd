import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import type { LucideIcon } from 'lucide-react';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

const variants: Record<Variant, string> = {
  primary:
    'bg-accent-fill text-white shadow-[0_1px_0_0_rgb(255_255_255/0.15)_inset,0_8px_24px_-8px_var(--color-accent)] hover:bg-accent-strong',
  secondary: 'bg-raised text-ink border border-line hover:border-line-strong hover:bg-overlay',
  ghost: 'text-ink-muted hover:text-ink hover:bg-raised',
  danger: 'bg-danger-fill text-white hover:brightness-90',
};

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: 'sm' | 'md';
  icon?: LucideIcon;
  children?: ReactNode;
  ref?: Ref<HTMLButtonElement>;
}

export function Button({ variant = 'secondary', size = 'md', icon: Icon, className = '', children, type = 'button', ...rest }: ButtonProps) {
  const sizing = size === 'sm' ? 'h-8 px-3 text-[13px] gap-1.5' : 'h-10 px-4 text-sm gap-2';
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center rounded-lg font-medium whitespace-nowrap transition-colors duration-150 disabled:pointer-events-none disabled:opacity-50 ${sizing} ${variants[variant]} ${className}`}
      {...rest}
    >
      {Icon ? <Icon aria-hidden className={size === 'sm' ? 'size-3.5' : 'size-4'} strokeWidth={2} /> : null}
      {children}
    </button>
  );
}

/** A square button with only an icon; `label` is required because it is the accessible name. */
export function IconButton({
  icon: Icon,
  label,
  className = '',
  tone = 'default',
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> & { icon: LucideIcon; label: string; tone?: 'default' | 'danger' }) {
  const toneClass = tone === 'danger' ? 'hover:text-danger hover:bg-danger-soft' : 'hover:text-ink hover:bg-overlay';
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={`inline-flex size-8 items-center justify-center rounded-lg text-ink-muted transition-colors ${toneClass} ${className}`}
      {...rest}
    >
      <Icon aria-hidden className="size-4" strokeWidth={2} />
    </button>
  );
}
