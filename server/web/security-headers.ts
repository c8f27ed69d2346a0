import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Headers on every response. The built dashboard has no inline script, so scripts come only from
 * our own origin; Socket.IO connects back to it (`connect-src 'self'` covers ws: and wss:). Inline
 * style attributes stay allowed: Svelte sets them, and they cannot run code.
 */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  });

/** API answers hold personal data (names, emails, phone numbers): never cache them. */
export const noStore = () =>
  createMiddleware(async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
