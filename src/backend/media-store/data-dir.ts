import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where Zapcut keeps its database and media. `ZAPCUT_DATA_DIR` wins (tests, CLI, portable
 * installs); otherwise the shell passes its platform folder (Electron: `<appData>/zapcut`);
 * otherwise (CLI without Electron) the same folder, computed the way Electron computes appData.
 */
export function resolveDataDir(platformDefault?: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.ZAPCUT_DATA_DIR?.trim();
  if (fromEnv) return resolve(fromEnv);
  if (platformDefault) return resolve(platformDefault);
  return defaultUserDataDir(env);
}

/** `<appData>/zapcut`: the folder src/main/index.ts gives Electron (`app.getPath('appData')` + zapcut). */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'zapcut');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'zapcut');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'zapcut');
}
