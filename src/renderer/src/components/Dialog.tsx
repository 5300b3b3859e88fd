import { useEffect, useId, useRef, type ReactNode } from 'react';
import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { IconButton } from './Button';
import { Toaster } from './Toaster';
import { useDialogStack } from '../stores/dialogs';

interface DialogProps {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  onClose(): void;
  /** While busy, Escape and the close button do nothing (a save or delete is in flight). */
  busy?: boolean;
  size?: 'sm' | 'md' | 'lg';
  children?: ReactNode;
  footer?: ReactNode;
}

const widths = { sm: 'max-w-md', md: 'max-w-xl', lg: 'max-w-2xl' } as const;

const enabled = (el: HTMLElement) => !el.matches(':disabled') && el.getClientRects().length > 0;

/**
 * Where focus starts (issue 19 #13: it started on ×): an element marked `data-autofocus`, else the
 * first field of the body (the checked radio of a group), else the footer's primary action (its
 * last button), else the close button.
 */
function initialFocus(dialog: HTMLDialogElement): HTMLElement | null {
  const all = (sel: string) => [...dialog.querySelectorAll<HTMLElement>(sel)].filter(enabled);
  return (
    all('[data-autofocus]')[0] ??
    all('[data-dialog-body] :is(input:not([type=hidden]), select, textarea, [role=radio][aria-checked=true])')[0] ??
    all('[data-dialog-footer] button').at(-1) ??
    null
  );
}

/**
 * The platform's modal <dialog>: focus moves in and is contained, the page behind is inert, and
 * Escape closes it — no focus-trap library needed.
 */
export function Dialog({ open, title, description, onClose, busy = false, size = 'md', children, footer }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  const layerId = useId();
  const innermost = useDialogStack((s) => s.ids[s.ids.length - 1] === layerId);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      dialog.showModal();
      initialFocus(dialog)?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Closed (Escape, ×, Cancel, done) or unmounted: focus goes back to what opened the dialog,
  // not to the page's body.
  useEffect(() => {
    if (!open) return;
    return () => {
      const back = opener.current;
      opener.current = null;
      if (back?.isConnected) back.focus();
    };
  }, [open]);

  useEffect(() => {
    if (!open) return;
    useDialogStack.setState((s) => ({ ids: [...s.ids, layerId] }));
    return () => useDialogStack.setState((s) => ({ ids: s.ids.filter((id) => id !== layerId) }));
  }, [open, layerId]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${widths[size]} overflow-hidden rounded-2xl border border-line bg-surface p-0 text-ink shadow-2xl shadow-black/60`}
    >
      {open ? (
        <div className="flex max-h-[85vh] flex-col">
          <header className="flex items-start justify-between gap-4 border-b border-line px-6 pt-5 pb-4">
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold tracking-tight" dir="auto">
                {title}
              </h2>
              {description ? (
                <p id={descriptionId} className="mt-1 text-sm text-ink-muted">
                  {description}
                </p>
              ) : null}
            </div>
            <IconButton icon={X} label={t('common.close')} onClick={onClose} disabled={busy} className="-mr-2 -mt-1" />
          </header>
          <div className="overflow-y-auto px-6 py-5" data-dialog-body>
            {children}
          </div>
          {footer ? (
            <footer className="flex justify-end gap-2 border-t border-line bg-canvas/40 px-6 py-4" data-dialog-footer>
              {footer}
            </footer>
          ) : null}
          {innermost ? <Toaster inDialog /> : null}
        </div>
      ) : null}
    </dialog>
  );
}
