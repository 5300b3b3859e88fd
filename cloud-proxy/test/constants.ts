export const JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';
export const BOOTSTRAP_SECRET = 'test-bootstrap-secret-0123';
export const ADMIN = { email: 'admin@zapcut.test', password: 'admin-password-123' };
/** Short in tests so the fall to free after a failed renewal can be watched. */
export const BILLING_GRACE_SECONDS = 4;
