/**
 * A volume location from parts: no leading or trailing slash, no empty (or blank) segments. Volume locations
 * are object keys relative to the volume's root/prefix, so `/a//b/` and `a/b` name the same place. Each part
 * is trimmed: a typed prefix ` runs/ ` means `runs`.
 */
export function joinLocation(...parts: string[]): string {
  return parts
    .flatMap((part) => part.trim().split('/'))
    .filter((segment) => segment.trim() !== '')
    .join('/');
}

/** The last segment of a location: the file's name. */
export function baseName(location: string): string {
  const segments = joinLocation(location).split('/');
  return segments[segments.length - 1] ?? '';
}

/** One export's identity for "already sent?": the same file to the same place on the same volume. */
export function exportKey(file: string, volume: string, location: string): string {
  return JSON.stringify([file, volume, joinLocation(location)]);
}
