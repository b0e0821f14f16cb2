/**
 * A volume location from parts: no leading or trailing slash, no empty segments. Volume locations are object
 * keys relative to the volume's root/prefix, so `/a//b/` and `a/b` name the same place.
 */
export function joinLocation(...parts: string[]): string {
  return parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/');
}

/** The last segment of a location: the file's name. */
export function baseName(location: string): string {
  const segments = joinLocation(location).split('/');
  return segments[segments.length - 1] ?? '';
}
