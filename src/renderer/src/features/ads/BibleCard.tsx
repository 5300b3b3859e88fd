import { useState } from 'react';
import { Palette, Pencil } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { CreativeBibleDoc, type AdProjectView } from '../../../../shared/domain/ads';
import { Button } from '../../components/Button';
import { controlClass } from '../../components/Field';
import { useAds } from './store';

type Bible = NonNullable<AdProjectView['bible']>;
const textFields = ['brandStyle', 'vibe', 'lighting', 'camera', 'motion'] as const;

function BibleEditor({ bible, onDone }: { bible: Bible; onDone(): void }) {
  const { t } = useTranslation();
  const saveBible = useAds((s) => s.saveBible);
  const busy = useAds((s) => s.busy === 'bible');
  const [doc, setDoc] = useState<CreativeBibleDoc>({
    brandStyle: bible.brandStyle,
    vibe: bible.vibe,
    colors: bible.colors,
    lighting: bible.lighting,
    camera: bible.camera,
    motion: bible.motion,
    energyLevel: bible.energyLevel,
  });
  const valid = CreativeBibleDoc.safeParse(doc).success;
  const setColor = (i: number, v: string) => setDoc((d) => ({ ...d, colors: d.colors.map((c, k) => (k === i ? v : c)) }));
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={async (e) => {
        e.preventDefault();
        if (valid && (await saveBible(doc))) onDone();
      }}
    >
      <fieldset>
        <legend className="mb-2 text-[13px] font-medium">{t('ads.bible.colors')}</legend>
        <div className="flex flex-wrap gap-3">
          {doc.colors.map((c, i) => (
            <div key={i} className="flex items-center gap-2 rounded-lg border border-line bg-canvas p-1.5 pr-2">
              <input type="color" aria-label={t('ads.bible.color', { index: i + 1 })} value={/^#[0-9a-f]{6}$/iu.test(c) ? c : '#000000'} onChange={(e) => setColor(i, e.target.value.toUpperCase())} className="size-8 cursor-pointer rounded-md border-0 bg-transparent p-0" />
              <input aria-label={t('ads.bible.colorHex', { index: i + 1 })} value={c} maxLength={7} onChange={(e) => setColor(i, e.target.value)} className={`${controlClass} h-8 w-24 font-mono text-xs`} />
            </div>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-2 gap-3">
        {textFields.map((f) => (
          <label key={f} className="flex flex-col gap-1.5 text-[13px] font-medium">
            {t(`ads.bible.${f}`)}
            <input value={doc[f]} maxLength={f === 'brandStyle' || f === 'vibe' ? 200 : 300} onChange={(e) => setDoc((d) => ({ ...d, [f]: e.target.value }))} className={`${controlClass} h-9 font-normal`} />
          </label>
        ))}
        <label className="flex flex-col gap-1.5 text-[13px] font-medium">
          {t('ads.bible.energy')} · {t('ads.bible.energyValue', { value: doc.energyLevel })}
          <input type="range" min={1} max={10} value={doc.energyLevel} onChange={(e) => setDoc((d) => ({ ...d, energyLevel: Number(e.target.value) }))} className="h-9 accent-[var(--color-accent)]" />
        </label>
      </div>
      {!valid ? (
        <p className="text-xs text-danger" role="alert">
          {t('ads.bible.invalid')}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onDone} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" disabled={!valid || busy}>
          {busy ? t('common.saving') : t('ads.bible.save')}
        </Button>
      </div>
    </form>
  );
}

export function BibleCard({ project, locked }: { project: AdProjectView; locked: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const bible = project.bible;
  if (!bible) return null;
  return (
    <section className="rounded-2xl border border-line bg-surface p-5" aria-labelledby="bible-title" data-testid="bible-card">
      <div className="mb-4 flex items-start justify-between gap-4">
        <div>
          <h2 id="bible-title" className="flex items-center gap-2 text-[15px] font-semibold tracking-tight">
            <Palette aria-hidden className="size-4 text-accent" /> {t('ads.bible.title')}
          </h2>
          <p className="mt-1 text-[13px] text-ink-muted">{t('ads.bible.hint', { brand: project.brandName })}</p>
        </div>
        {!editing && !locked ? (
          <Button size="sm" icon={Pencil} onClick={() => setEditing(true)}>
            {t('ads.bible.edit')}
          </Button>
        ) : null}
      </div>
      {editing ? (
        <BibleEditor bible={bible} onDone={() => setEditing(false)} />
      ) : (
        <>
          <ul className="mb-4 flex gap-2" aria-label={t('ads.bible.colors')} data-testid="bible-colors">
            {bible.colors.map((c, i) => (
              <li key={i} className="flex flex-col items-center gap-1">
                <span className="block h-10 w-14 rounded-lg border border-white/10" style={{ background: c }} />
                <span className="font-mono text-[11px] text-ink-muted">{c}</span>
              </li>
            ))}
          </ul>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-[13px]">
            {textFields.map((f) => (
              <div key={f}>
                <dt className="text-xs text-ink-faint">{t(`ads.bible.${f}`)}</dt>
                <dd className="mt-0.5 text-ink">{bible[f]}</dd>
              </div>
            ))}
            <div>
              <dt className="text-xs text-ink-faint">{t('ads.bible.energy')}</dt>
              <dd className="mt-1 flex items-center gap-2">
                <span className="h-1.5 w-28 overflow-hidden rounded-full bg-raised">
                  <span className="block h-full rounded-full bg-accent" style={{ width: `${bible.energyLevel * 10}%` }} />
                </span>
                <span className="text-ink">{t('ads.bible.energyValue', { value: bible.energyLevel })}</span>
              </dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
