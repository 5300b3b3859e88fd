/**
 * Export file names (issue 19 #12), one rule for the backend that writes the files and the export
 * dialog that shows them before they are made: `Summer sale 9x16 1080p.mp4`.
 */
import type { Aspect } from './domain/aspect';

/** A title made safe as a file name (no separators or control characters), at most 80 characters. */
export function safeFileName(title: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what file names must not contain
  return title.replace(/[\\/:*?"<>|\x00-\x1f]+/gu, ' ').replace(/\s+/gu, ' ').trim().replace(/^\.+/u, '').slice(0, 80).trim() || 'Zapcut export';
}

/** `Summer sale 9x16 1080p.mp4`; resolution is the short side (2160 reads "4K"). */
export function exportFileName(name: string, aspect: Aspect, resolution: 720 | 1080 | 2160): string {
  return `${safeFileName(name)} ${aspect.replace(':', 'x')} ${resolution === 2160 ? '4K' : `${resolution}p`}.mp4`;
}

/**
 * A path picked in the system's "Save as" dialog → the folder and the name to export under: the
 * format and resolution the dialog proposed (" 9x16 1080p", " 2") are not part of the name.
 */
export function splitChosenPath(chosen: string): { folder: string; name: string } {
  const cut = Math.max(chosen.lastIndexOf('/'), chosen.lastIndexOf('\\'));
  const folder = cut <= 0 ? chosen.slice(0, cut + 1) : chosen.slice(0, cut);
  const file = chosen.slice(cut + 1).replace(/\.mp4$/iu, '');
  const name = file.replace(/ (?:16x9|9x16|1x1)(?: (?:720p|1080p|4K))?(?: \d+)?$/u, '').trim();
  return { folder, name: name || file };
}
