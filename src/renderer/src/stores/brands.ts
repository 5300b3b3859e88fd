import { create } from 'zustand';
import type { Brand, ProductRole } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/errors';
import { api, ApiError, toAppError } from '../api/client';
import { toImportSources } from '../features/brands/importSources';
import { useToasts } from './toasts';

type Status = 'idle' | 'loading' | 'ready' | 'error';

export type DeleteOutcome = { kind: 'deleted' } | { kind: 'conflict'; message: string } | { kind: 'failed' };

interface BrandsState {
  brands: Brand[];
  status: Status;
  loadError: AppErrorShape | null;
  /** Brand ids with an image import in flight → number of files. */
  importing: Record<string, number>;
  load(): Promise<void>;
  refresh(id: string): Promise<void>;
  create(input: Parameters<typeof api.brands.create>[0]): Promise<Brand | null>;
  update(input: Parameters<typeof api.brands.update>[0]): Promise<Brand | null>;
  remove(id: string, opts?: { force?: boolean }): Promise<DeleteOutcome>;
  importImages(brandId: string, files: File[]): Promise<void>;
  deleteImage(brandId: string, assetId: string): Promise<void>;
  /** What a product picture shows (the ad opens and ends on the hero). */
  setImageRole(brandId: string, assetId: string, role: ProductRole): Promise<void>;
  /** Sets (file) or removes (null) the brand's logo; a refusal is returned for the form to show, not toasted. */
  saveLogo(brandId: string, file: File | null): Promise<{ brand: Brand } | { error: AppErrorShape }>;
}

const upsert = (list: Brand[], brand: Brand) =>
  list.some((b) => b.id === brand.id) ? list.map((b) => (b.id === brand.id ? brand : b)) : [...list, brand];

const fail = (err: unknown) => {
  useToasts.getState().error(toAppError(err));
};

export const useBrands = create<BrandsState>((set, get) => ({
  brands: [],
  status: 'idle',
  loadError: null,
  importing: {},

  async load() {
    set({ status: 'loading', loadError: null });
    try {
      set({ brands: await api.brands.list(), status: 'ready' });
    } catch (err) {
      set({ status: 'error', loadError: toAppError(err) });
    }
  },

  async refresh(id) {
    try {
      const brand = await api.brands.get(id);
      set((s) => ({ brands: upsert(s.brands, brand) }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_FOUND') {
        set((s) => ({ brands: s.brands.filter((b) => b.id !== id) }));
      } else fail(err);
    }
  },

  async create(input) {
    try {
      const brand = await api.brands.create(input);
      set((s) => ({ brands: upsert(s.brands, brand) }));
      useToasts.getState().success('brands.form.created');
      return brand;
    } catch (err) {
      fail(err);
      return null;
    }
  },

  async update(input) {
    try {
      const brand = await api.brands.update(input);
      set((s) => ({ brands: upsert(s.brands, brand) }));
      useToasts.getState().success('brands.form.updated');
      return brand;
    } catch (err) {
      fail(err);
      return null;
    }
  },

  async remove(id, opts = {}) {
    try {
      await api.brands.remove(opts.force ? { id, force: true } : { id });
      set((s) => ({ brands: s.brands.filter((b) => b.id !== id) }));
      useToasts.getState().success('brands.delete.deleted');
      return { kind: 'deleted' };
    } catch (err) {
      // CONFLICT is an expected answer (the brand has ads): the dialog offers a forced delete.
      if (err instanceof ApiError && err.code === 'CONFLICT') return { kind: 'conflict', message: err.message };
      fail(err);
      return { kind: 'failed' };
    }
  },

  async importImages(brandId, files) {
    if (files.length === 0) return;
    set((s) => ({ importing: { ...s.importing, [brandId]: files.length } }));
    try {
      const sources = await toImportSources(files);
      const imported = await api.assets.import({ brandId, files: sources });
      useToasts.getState().success('brands.images.imported', { count: imported.length });
    } catch (err) {
      fail(err);
    } finally {
      set((s) => {
        const { [brandId]: _done, ...rest } = s.importing;
        return { importing: rest };
      });
      await get().refresh(brandId);
    }
  },

  async saveLogo(brandId, file) {
    try {
      const brand = file ? await api.brands.setLogo({ brandId, file: (await toImportSources([file]))[0]! }) : await api.brands.removeLogo(brandId);
      set((s) => ({ brands: upsert(s.brands, brand) }));
      return { brand };
    } catch (err) {
      return { error: toAppError(err) };
    }
  },

  async setImageRole(brandId, assetId, role) {
    try {
      const brand = await api.assets.setRole({ id: assetId, role });
      set((s) => ({ brands: upsert(s.brands, brand) }));
    } catch (err) {
      fail(err);
      await get().refresh(brandId);
    }
  },
  async deleteImage(brandId, assetId) {
    try {
      await api.assets.remove(assetId);
      useToasts.getState().success('brands.images.deleted');
    } catch (err) {
      fail(err);
    }
    await get().refresh(brandId);
  },
}));

/** Keeps the list in step with changes made elsewhere (another window, the CLI, a pipeline run). */
export function subscribeToBrandChanges(): () => void {
  try {
    return api.events.onBrandChanged(({ id }) => {
      if (useBrands.getState().status === 'ready') void useBrands.getState().refresh(id);
    });
  } catch {
    // No bridge (page opened outside the app): the first load shows the error instead.
    return () => {};
  }
}
