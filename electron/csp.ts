/**
 * The renderer's Content-Security-Policy, the same in the desktop app and in
 * browser mode: only our own scripts and styles, images from our origin plus
 * data:/blob: (camera photos, signatures, QR codes), WebSocket back to our own
 * host, nothing framed, no plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
