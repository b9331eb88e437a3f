/**
 * The server draws the QR codes (`qrSvg`, `offlineQrSvg`) as SVG text. They are shown as
 * an <img> of a data: URL rather than inlined into the DOM: an SVG used as an image cannot
 * run scripts or load anything, so even a tampered stored copy (localStorage) is inert, and
 * the image still decodes in a scanner, a screenshot or a test. The CSP allows `img-src data:`.
 */
export function svgDataUrl(svg: string | null | undefined): string | null {
  const text = (svg ?? '').trim()
  if (!/^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(text)) return null
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`
}

/**
 * The code of a verify link (`https://host/v/<code>`, `/v/<code>`) or a code typed as is;
 * null when it is neither.
 */
export function verifyCode(input: string): string | null {
  const text = input.trim()
  if (text === '') return null
  const fromPath = /(?:^|\/)v\/([A-Za-z0-9_-]{4,128})(?:[/?#]|$)/.exec(text)
  if (fromPath?.[1]) return fromPath[1]
  return /^[A-Za-z0-9_-]{4,128}$/.test(text) ? text : null
}
