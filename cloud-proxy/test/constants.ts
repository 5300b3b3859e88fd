/** A strong secret (random bytes, as the Worker demands: src/auth/secretStrength.ts), fixed so the tests can mint tokens. */
export const JWT_SECRET = '8id6OPv1u2g3/O2VAjALjwQ5iQ1ZgSVVEZQFv1Kju/glcZATlirTS1ZOGwYd1nXo';
export const JWT_ISSUER = 'https://proxy.zapcut.app';
export const JWT_AUDIENCE = 'zapcut-app';
export const BOOTSTRAP_SECRET = 'test-bootstrap-secret-0123';
export const ADMIN = { email: 'admin@zapcut.test', password: 'admin-password-123' };
/** Short in tests so the fall to free after a failed renewal can be watched. */
export const BILLING_GRACE_SECONDS = 4;
