import { describe, expect, it } from 'vitest';
import { exportFileName, safeFileName, splitChosenPath } from './export-names';

describe('export names', () => {
  it('names a file for its format and resolution, safe on every file system', () => {
    expect(exportFileName('Summer sale', '9:16', 1080)).toBe('Summer sale 9x16 1080p.mp4');
    expect(exportFileName('Spring/Summer: "new"', '1:1', 2160)).toBe('Spring Summer new 1x1 4K.mp4');
    expect(safeFileName('..hidden')).toBe('hidden');
    expect(safeFileName(' / ')).toBe('Zapcut export');
  });

  it('reads the folder and the name back from a path the Save-as dialog returned', () => {
    expect(splitChosenPath('/home/me/Videos/Summer sale 16x9 1080p.mp4')).toEqual({ folder: '/home/me/Videos', name: 'Summer sale' });
    expect(splitChosenPath('/home/me/Videos/Launch.mp4')).toEqual({ folder: '/home/me/Videos', name: 'Launch' });
    expect(splitChosenPath('C:\\Users\\me\\Videos\\Ad 9x16 720p 2.mp4')).toEqual({ folder: 'C:\\Users\\me\\Videos', name: 'Ad' });
    expect(splitChosenPath('/Ad.mp4')).toEqual({ folder: '/', name: 'Ad' });
  });
});
