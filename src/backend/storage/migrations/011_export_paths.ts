/**
 * Issue 19: where each export was written. The files a user exported into a folder of their
 * choosing stay theirs to reveal, check and post after Zapcut restarts (the list was in memory).
 */
export const sql = `
ALTER TABLE exports ADD COLUMN path TEXT;
CREATE INDEX exports_path ON exports(path) WHERE path IS NOT NULL;
`;
