import { CircleAlert, CircleCheck, X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorI18n } from '../../../shared/errors';
import { useToasts, type Toast } from '../stores/toasts';
import { useDialogStack } from '../stores/dialogs';
import { errorIssuesText } from '../features/editor/issue-text';
import { useTimeUnit } from '../features/editor/format';

/**
 * Rendered once by the shell and once inside the innermost open modal dialog (see Dialog); the
 * shell's copy steps aside while a dialog is open so each toast shows exactly once, on top.
 * The shell's stack is a popover (issue 19 #16): it lives in the browser's top layer, above every
 * sticky bar and stacking context; toasts stack, never overlap, at most three, and stay while the
 * pointer or keyboard focus is on them. It is anchored (CSS anchor positioning) to the shell's dock,
 * the empty bottom of the navigation column, never over a screen's content: toasts in the page's
 * bottom-right corner hid the buttons that live there (the revise form's Discard). The newest toast
 * sits lowest; if the dock is shorter than the stack (a low window), the stack scrolls in it. A
 * dialog's own copy sits in the same column (the shell's is under the backdrop), left of every
 * dialog, so it never covers a dialog's buttons either (it hid "Create brand" at the bottom-right).
 */
export function Toaster({ inDialog = false }: { inDialog?: boolean }) {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  const hold = useToasts((s) => s.hold);
  const dialogOpen = useDialogStack((s) => s.ids.length > 0);
  const ref = useRef<HTMLElement>(null);
  const hidden = dialogOpen && !inDialog;
  useEffect(() => {
    const el = ref.current as (HTMLElement & { showPopover?: () => void }) | null;
    if (!el || inDialog || !el.showPopover || el.matches(':popover-open')) return;
    el.showPopover();
  }, [hidden, inDialog]);
  useEffect(() => () => hold(false), [hold]);
  if (hidden) return null;
  return (
    <section
      ref={ref}
      popover={inDialog ? undefined : 'manual'}
      aria-label={t('common.notifications')}
      aria-live="polite"
      data-testid="toasts"
      onPointerEnter={() => hold(true)}
      onPointerLeave={() => hold(false)}
      onFocus={() => hold(true)}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && hold(false)}
      className={
        inDialog
          ? 'pointer-events-none fixed bottom-5 left-0 z-50 m-0 flex max-h-[calc(100vh-2.5rem)] w-60 flex-col gap-2 overflow-y-auto border-0 bg-transparent px-2 py-0 text-ink'
          : 'pointer-events-none fixed inset-auto z-50 m-0 flex flex-col-reverse gap-2 overflow-y-auto overscroll-contain border-0 bg-transparent px-2 pt-0 pb-2 text-ink [position-anchor:--toast-dock] [left:anchor(left)] [bottom:anchor(bottom)] [width:anchor-size(width)] [max-height:anchor-size(height)]'
      }
    >
      {(inDialog ? toasts : [...toasts].reverse()).map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </section>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const { t, i18n } = useTranslation();
  const { t: te } = useTranslation('translation', { keyPrefix: 'editor' });
  const unit = useTimeUnit((u) => u.unit);
  const dismiss = useToasts((s) => s.dismiss);
  const isError = toast.tone === 'error';
  const found = toast.tone === 'error' ? errorI18n(toast.error) : null;
  const reason = found && i18n.exists(found.key) ? found : null;
  // A timeline's problems in words — names and seconds, never the English with ids (issue 19 #13).
  const issues = toast.tone === 'error' && !reason ? errorIssuesText(te, toast.error, unit) : null;
  const Icon = isError ? CircleAlert : CircleCheck;
  return (
    <div
      role={isError ? 'alert' : 'status'}
      data-tone={toast.tone}
      className="pointer-events-auto flex items-start gap-3 rounded-xl border border-line-strong bg-overlay/95 p-3.5 pr-2 shadow-xl shadow-black/40 backdrop-blur"
    >
      <Icon aria-hidden className={`mt-0.5 size-4 shrink-0 ${isError ? 'text-danger' : 'text-success'}`} />
      <div className="min-w-0 flex-1 text-sm">
        {toast.tone === 'error' ? (
          <>
            <p className="font-medium text-ink">{t(`errors.${toast.error.code}`)}</p>
            {reason ? (
              <p className="mt-1 text-xs leading-relaxed text-ink-muted" dir="auto">
                {t(reason.key as 'errors.image.flat', reason.values)}
              </p>
            ) : issues ?? toast.error.message ? (
              <p className="mt-1 line-clamp-4 break-words text-xs leading-relaxed text-ink-muted" dir="auto">
                {issues ?? toast.error.message}
              </p>
            ) : null}
          </>
        ) : (
          <p className="font-medium text-ink">{t(toast.key, toast.values ?? {})}</p>
        )}
      </div>
      <button
        type="button"
        onClick={() => dismiss(toast.id)}
        aria-label={t('common.dismiss')}
        className="rounded-md p-1 text-ink-faint hover:bg-raised hover:text-ink"
      >
        <X aria-hidden className="size-3.5" />
      </button>
    </div>
  );
}
