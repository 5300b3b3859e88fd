import type { ImportSource } from '../../../../shared/domain';
import { ApiError } from '../../api/client';

/**
 * Dropped or picked files become import sources. In the browser (the contract harness) a File has
 * no path, so its bytes travel as base64; the contract bounds the size. Electron shells may add
 * `pathForFile` to the bridge (webUtils.getPathForFile) so large files are read from disk instead.
 */
export async function toImportSources(files: File[]): Promise<ImportSource[]> {
  const pathForFile = (globalThis as { zapcut?: { pathForFile?: (f: File) => string } }).zapcut?.pathForFile;
  return Promise.all(
    files.map(async (file) => {
      const path = typeof pathForFile === 'function' ? pathForFile(file) : '';
      if (path) return { path };
      return { name: file.name, base64: await readBase64(file) };
    }),
  );
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () =>
      reject(new ApiError({ code: 'IO', message: `${file.name} couldn't be read. Check the file and try again.` }));
    reader.readAsDataURL(file);
  });
}
