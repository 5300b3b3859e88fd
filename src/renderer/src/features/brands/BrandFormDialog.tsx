import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Brand } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextArea, TextField } from '../../components/Field';
import { useBrands } from '../../stores/brands';
import { ColorSwatchesInput, isHex, maxColors } from './ColorSwatchesInput';
import { LogoField, type LogoChoice } from './LogoField';

const nameMax = 120;

interface Props {
  open: boolean;
  /** Absent: create a new brand. */
  brand?: Brand;
  onClose(): void;
  onSaved(brand: Brand): void;
}

export function BrandFormDialog(props: Props) {
  // Remount the form each time it opens so it starts from the brand's current values.
  return props.open ? <BrandForm key={props.brand?.id ?? 'new'} {...props} /> : null;
}

function BrandForm({ open, brand, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const create = useBrands((s) => s.create);
  const update = useBrands((s) => s.update);
  const saveLogo = useBrands((s) => s.saveLogo);
  // Once saved (a new brand whose logo was then refused), later saves update that brand.
  const [savedBrand, setSavedBrand] = useState<Brand | undefined>(brand);
  const [logo, setLogo] = useState<LogoChoice>({ kind: 'keep' });
  const [logoError, setLogoError] = useState<AppErrorShape | null>(null);
  const [name, setName] = useState(brand?.name ?? '');
  const [description, setDescription] = useState(brand?.description ?? '');
  const [guidelines, setGuidelines] = useState(brand?.guidelines ?? '');
  const [colors, setColors] = useState<string[]>(brand?.colors ?? []);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const colorsLabelId = useId();
  const colorsHintId = useId();
  const formId = useId();

  const nameError = !name.trim() ? t('brands.form.nameRequired') : name.trim().length > nameMax ? t('brands.form.nameTooLong', { max: nameMax }) : null;
  const colorsError = colors.some((c) => !isHex(c)) ? t('brands.form.invalidHex') : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (nameError || colorsError || saving) return;
    setSaving(true);
    const fields = { name: name.trim(), description, guidelines, colors };
    let saved = savedBrand ? await update({ id: savedBrand.id, ...fields }) : await create(fields);
    if (saved && logo.kind !== 'keep') {
      // The brand is saved first (a new brand needs its id); a refused logo keeps the form open
      // with the reason under the field, everything else already saved.
      setSavedBrand(saved);
      const result = await saveLogo(saved.id, logo.kind === 'file' ? logo.file : null);
      if ('error' in result) {
        setLogoError(result.error);
        setSaving(false);
        return;
      }
      saved = result.brand;
    }
    setSaving(false);
    if (saved) onSaved(saved);
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={saving}
      size="lg"
      title={savedBrand ? t('brands.form.editTitle') : t('brands.form.createTitle')}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form={formId} disabled={saving}>
            {saving ? t('common.saving') : savedBrand ? t('common.save') : t('brands.form.create')}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => void submit(e)} noValidate className="flex flex-col gap-5">
        <TextField
          label={t('brands.form.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('brands.form.namePlaceholder')}
          error={touched ? nameError : null}
          dir="auto"
          autoFocus
          maxLength={nameMax + 20}
          name="name"
        />
        <TextArea
          label={t('brands.form.description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder={t('brands.form.descriptionPlaceholder')}
          hint={t('brands.form.descriptionHint')}
          dir="auto"
          rows={3}
          maxLength={4000}
          name="description"
        />
        <TextArea
          label={t('brands.form.guidelines')}
          value={guidelines}
          onChange={(e) => setGuidelines(e.target.value)}
          placeholder={t('brands.form.guidelinesPlaceholder')}
          dir="auto"
          rows={4}
          maxLength={8000}
          name="guidelines"
        />
        <LogoField
          current={savedBrand?.logo ?? null}
          choice={logo}
          onChange={(choice) => {
            setLogo(choice);
            setLogoError(null);
          }}
          error={logoError}
          disabled={saving}
        />
        <div className="flex flex-col gap-1.5">
          <p id={colorsLabelId} className="text-[13px] font-medium">
            {t('brands.form.colors')}
          </p>
          <ColorSwatchesInput colors={colors} onChange={setColors} labelId={colorsLabelId} hintId={colorsHintId} />
          <p id={colorsHintId} className={`text-xs ${touched && colorsError ? 'text-danger' : 'text-ink-faint'}`}>
            {touched && colorsError ? colorsError : t('brands.form.colorsHint', { max: maxColors })}
          </p>
        </div>
      </form>
    </Dialog>
  );
}
