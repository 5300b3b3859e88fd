/**
 * Where the text engine finds brand font files (`file:<sha256>` fonts): the media stores opened in
 * this process (`<root>/<sha[0:2]>/<sha>`). Kept apart from fonts.ts so the media store does not
 * load Skia.
 */
export const fontRoots = new Set<string>();

/** Lets `file:<sha>` fonts be found in this media store (openMediaStore calls it). */
export function addFontRoot(mediaRoot: string): void {
  fontRoots.add(mediaRoot);
}
