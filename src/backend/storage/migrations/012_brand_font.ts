/**
 * Issue 22: a brand's font for its ads' end card, titles and captions (shared/timeline/fonts.ts
 * FontRef): a bundled family's id or `file:<sha256>` of the brand's own font in the media store.
 * NULL: the default (Noto Sans).
 */
export const sql = `
ALTER TABLE brands ADD COLUMN font TEXT CHECK (font IS NULL OR length(font) BETWEEN 1 AND 80);
`;
