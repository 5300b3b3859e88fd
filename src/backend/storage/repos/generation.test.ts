import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { insertBrand } from './brands';
import { findBrandIdByName, insertAdProject, insertBible, insertTimeline, insertViolations, latestBible, listViolations } from './generation';
import { insertRun, listSteps, recordJob, resetUnfinished, startStep } from './runs';

const setup = () => {
  const db = openDatabase(':memory:');
  const now = new Date().toISOString();
  insertBrand(db, { id: 'b1', name: 'Luna ☕', description: '', guidelines: '', colors: [], createdAt: now, updatedAt: now });
  const projectId = insertAdProject(db, { brandId: 'b1', title: 'Cold Brew', brief: { x: 1 }, lengthSeconds: 30, aspect: '16:9' });
  return { db, projectId };
};

describe('generation repositories', () => {
  it('versions creative bibles per brand and returns the newest', () => {
    const { db } = setup();
    expect(findBrandIdByName(db, 'Luna ☕')).toBe('b1');
    expect(latestBible(db, 'b1')).toBeUndefined();
    insertBible(db, 'b1', { v: 1 }, 'offline');
    insertBible(db, 'b1', { v: 2 }, 'proxy');
    expect(latestBible(db, 'b1')).toMatchObject({ version: 2, bible: { v: 2 }, source: 'proxy' });
  });
  it('makes the newest timeline the project\'s current one', () => {
    const { db, projectId } = setup();
    insertTimeline(db, projectId, { a: 1 });
    const id = insertTimeline(db, projectId, { a: 2 });
    expect((db.prepare('SELECT current_timeline_id AS c FROM ad_projects WHERE id = ?').get(projectId) as { c: string }).c).toBe(id);
  });
  it('records safety violations against the run', () => {
    const { db, projectId } = setup();
    insertRun(db, { id: 'r1', projectId, provider: 'offline', input: {} });
    insertViolations(db, projectId, 'r1', [{ category: 'weapons', severity: 'high', ruleId: 'weapons.firearms', excerpt: 'a rifle' }]);
    expect(listViolations(db, 'r1')).toMatchObject([{ category: 'weapons', severity: 'high', ruleId: 'weapons.firearms', excerpt: 'a rifle' }]);
  });
  it('keeps every paid job id of a step across restarts', () => {
    const { db, projectId } = setup();
    insertRun(db, { id: 'r1', projectId, provider: 'offline', input: {} });
    startStep(db, 'r1', 'voiceover');
    recordJob(db, 'r1', 'voiceover', 'line:1', 'p1', 3);
    recordJob(db, 'r1', 'voiceover', 'line:2', 'p2', 3);
    resetUnfinished(db, 'r1');
    expect(listSteps(db, 'r1')[0]).toMatchObject({ status: 'pending', jobs: { 'line:1': 'p1', 'line:2': 'p2' }, costCents: 6 });
    expect(startStep(db, 'r1', 'voiceover').attempt).toBe(2);
  });
});
