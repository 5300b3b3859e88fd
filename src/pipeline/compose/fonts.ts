/**
 * Finds the bundled caption font (resources/fonts/DejaVuSans-Bold.ttf). From source (tsx, tests,
 * CLI) it sits three folders up from this file; in a packaged app under process.resourcesPath.
 * ZAPCUT_FONT_FILE overrides both.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/errors';

export const CAPTION_FONT = 'DejaVuSans-Bold.ttf';

export function defaultFontFile(env: NodeJS.ProcessEnv = process.env): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    env.ZAPCUT_FONT_FILE,
    path.resolve(here, '../../../resources/fonts', CAPTION_FONT),
    resourcesPath ? path.join(resourcesPath, 'fonts', CAPTION_FONT) : undefined,
    path.resolve('resources/fonts', CAPTION_FONT),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new AppError('IO', `The caption font ${CAPTION_FONT} is missing (looked in ${candidates.join(', ')}). Reinstall Zapcut.`);
  return found;
}
