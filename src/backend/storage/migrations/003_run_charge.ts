/**
 * Issue 6: a proxy run remembers the video it is paid by — source (free video, plan quota,
 * credits), amount and state — so the app shows what the user is charged, and a run resumed in a
 * new process can still hand an unused video back when it fails. `reservation_id` (from 001) keeps
 * the proxy's video id; `charge_json` the rest.
 */
export const sql = `
ALTER TABLE runs ADD COLUMN charge_json TEXT;
`;
