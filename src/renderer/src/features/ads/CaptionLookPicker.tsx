import { useEffect, useState } from 'react';
import { Check } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { TextRasterView } from '../../../../shared/domain/editor';
import { CaptionLook, DEFAULT_ACCENT, type TextSpec } from '../../../../shared/timeline';
import { api } from '../../api/client';

/**
 * The caption looks as pictures, under the brief's summary in the chat (issue 16): each is a
 * sample caption drawn by the text engine the ads use (editor/textRasters — the same renderer and
 * cache as the export) in the brand's highlight colour, so what the creator picks is what the ad shows. Picking one answers the
 * chat like the length and format buttons do ("Captions: boxed"), and the brief keeps it.
 */
export function CaptionLookPicker({ current, accent = DEFAULT_ACCENT, disabled, onPick }: { current: CaptionLook; accent?: string; disabled: boolean; onPick(look: CaptionLook): void }) {
  const { t } = useTranslation();
  const sample = t('ads.chat.captionLooks.sample');
  const [pictures, setPictures] = useState<Partial<Record<CaptionLook, TextRasterView>>>({});

  useEffect(() => {
    let live = true;
    // A word mid-line is the spoken one: the looks differ most in how they show it.
    const highlight = Math.min(2, sample.trim().split(/\s+/u).length - 1);
    const spec = (look: CaptionLook): TextSpec => ({
      text: sample, role: 'caption', look, fontSize: 44, minFontSize: 30, maxWidth: 300, maxHeight: 150, maxLines: 2, lineHeightEm: 1.22, paddingEm: 0.22, protect: false,
      align: 'center', color: '#FFFFFF', background: '#000000', backgroundOpacity: 0.6, accent, highlight,
    });
    void api.editor
      .textRasters({ specs: CaptionLook.options.map(spec) })
      .then((views) => live && setPictures(Object.fromEntries(CaptionLook.options.map((look, i) => [look, views[i]]))))
      .catch(() => undefined); // The names still say which is which.
    return () => {
      live = false;
    };
  }, [sample, accent]);

  return (
    <div className="mt-2 w-full max-w-[92%]" data-testid="caption-looks">
      <p id="caption-looks-label" className="mb-1.5 px-1 text-xs font-medium text-ink-muted">
        {t('ads.chat.captionLooks.title')}
      </p>
      <div role="radiogroup" aria-labelledby="caption-looks-label" className="grid grid-cols-3 gap-2">
        {CaptionLook.options.map((look) => {
          const picked = look === current;
          const picture = pictures[look];
          return (
            <button
              key={look}
              type="button"
              role="radio"
              aria-checked={picked}
              disabled={disabled}
              onClick={() => !picked && onPick(look)}
              data-testid={`caption-look-${look}`}
              className={`flex flex-col overflow-hidden rounded-xl border text-left transition-colors disabled:opacity-60 ${picked ? 'border-accent ring-2 ring-accent/40' : 'border-line hover:border-line-strong'}`}
            >
              <span className="flex h-20 items-center justify-center bg-gradient-to-br from-[#3a4a5c] to-[#1d2630] px-2">
                {picture ? <img src={picture.url} alt="" className="max-h-16 max-w-full object-contain" data-testid="caption-look-picture" /> : null}
              </span>
              <span className="flex items-center gap-1 bg-raised px-2 py-1.5 text-xs font-medium text-ink">
                {t(`ads.chat.captionLooks.${look}`)}
                {picked ? <Check aria-hidden className="ml-auto size-3.5 text-accent" /> : null}
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
