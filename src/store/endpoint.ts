// Which platform a saved job belongs to, from what the file already holds. Local on purpose: the shared
// normalizeEndpoint (src/platform/endpoints.ts) was being written at the same time; this gives the same
// form for the URLs a job's `href` can hold (lower-case scheme and host, port only if not the default,
// path /v2, no trailing slash), and the two can be merged once both exist.

/** `https://host[:port]/v2` of an http(s) URL, else undefined. */
export function baseUrlOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  // URL already lower-cases the host and drops a default port.
  return `${parsed.protocol}//${parsed.host}/v2`;
}

/** The platform of a job from its API `href` (`https://cgc-api.sbgenomics.com/v2/storage/exports/<id>`). */
export function endpointFromHref(href: unknown): string | undefined {
  return typeof href === 'string' ? baseUrlOf(href) : undefined;
}
