import { create } from 'zustand';

/**
 * Open modal dialogs, innermost last. A modal <dialog> sits in the browser's top layer, above any
 * z-index, and makes the page behind it inert — so toasts raised while one is open render inside
 * the innermost dialog instead of under its backdrop (see components/Dialog and Toaster).
 */
export const useDialogStack = create<{ ids: string[] }>(() => ({ ids: [] }));
