/**
 * Issue 23: a variant set keeps why a line was replaced (the AI writer failed, a line broke the
 * safety rules or did not fit its seconds) so the app's set view shows the reasons after a restart
 * too, for sets made in the app or with `zapcut variants`. Sets made before: no reasons ('[]').
 */
export const sql = `
ALTER TABLE variant_sets ADD COLUMN notes_json TEXT NOT NULL DEFAULT '[]';
`;
