/**
 * One bound for a picture's number on every picture channel (issue 21): a ten-scene ad has eleven
 * pictures (MAX_SCENES + 1), and `pictures/redo` used to stop at 9 while `pictures/change` took 11.
 */
import { describe, expect, it } from 'vitest';
import { channels } from '../contract';
import { MAX_SCENES } from '../models/video';
import { MAX_PICTURES } from './ads';
import { planScenes } from '../../pipeline/stages/plan';

const redo = (index: number) => channels['pictures/redo'].input.safeParse({ projectId: 'p1', index }).success;
const change = (index: number) => channels['pictures/change'].input.safeParse({ projectId: 'p1', index, change: { kind: 'redo' } }).success;

describe('a picture number', () => {
  it('the largest ad has MAX_PICTURES pictures: a 60 s ad on 7 s clips is cut into MAX_SCENES scenes', () => {
    expect(planScenes(60, undefined, 7).count).toBe(MAX_SCENES);
    expect(MAX_PICTURES).toBe(11);
  });

  it('picture 11 can be made again and changed; 0 and 12 are refused by both channels alike', () => {
    for (const ok of [1, 9, 10, 11]) {
      expect(redo(ok), `redo ${ok}`).toBe(true);
      expect(change(ok), `change ${ok}`).toBe(true);
    }
    for (const bad of [0, 12, 1.5]) {
      expect(redo(bad), `redo ${bad}`).toBe(false);
      expect(change(bad), `change ${bad}`).toBe(false);
    }
  });
});
