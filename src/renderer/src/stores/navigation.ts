import { create } from 'zustand';

export const screens = ['brands', 'ads', 'editor', 'batch', 'settings', 'account'] as const;
export type Screen = (typeof screens)[number];

interface NavigationState {
  screen: Screen;
  /** The brand open in the Brands screen, or null for the grid. */
  brandId: string | null;
  /** The ad project open in the Editor screen (set by "Open in the editor"). */
  editorProjectId: string | null;
  /** Timeline items to select once that project is open (the quality check's "Fix in the editor"). */
  editorSelect: string[];
  /** Counts `go` calls: a screen that keeps an inner page (Ads' open ad) returns to its start on each. */
  visits: number;
  go(screen: Screen): void;
  openBrand(id: string | null): void;
  openEditor(projectId: string, select?: string[]): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  screen: 'brands',
  brandId: null,
  editorProjectId: null,
  editorSelect: [],
  visits: 0,
  go: (screen) => set((s) => ({ screen, brandId: null, visits: s.visits + 1 })),
  openBrand: (brandId) => set({ screen: 'brands', brandId }),
  openEditor: (editorProjectId, editorSelect = []) => set({ screen: 'editor', brandId: null, editorProjectId, editorSelect }),
}));
