/**
 * Issue 14: a run is executed by one Zapcut process at a time. The app resumes interrupted runs at
 * start and shares the data folder with the CLI, so two processes could resume one run at once
 * (both executing every step — with the proxy, paying twice — and the loser marking a delivered
 * ad failed). The process executing a run holds its lease here: who (owner id, pid, host), when it
 * last said it is alive, and when the lease lapses without a heartbeat. Times are epoch ms.
 */
export const sql = `
CREATE TABLE run_leases (
  run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  owner TEXT NOT NULL,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  acquired_at INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
`;
