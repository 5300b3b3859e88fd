// What the fake accepts on each endpoint, and how it refuses the rest the way Stripe does: an
// unknown parameter is `parameter_unknown` ("Received unknown parameter: x"), a wrong type is a
// 400 with the parameter named, a missing one `parameter_missing`. Only the parameters Zapcut
// sends (and a few neighbours) are listed: anything else is refused loudly, never ignored.

const METADATA = 'metadata';
export const SPECS = {
  'customers.create': { email: 'email', name: 'string', description: 'string', metadata: METADATA },
  'checkout.sessions.create': {
    mode: { enum: ['payment', 'setup', 'subscription'] },
    customer: 'string',
    customer_email: 'email',
    client_reference_id: 'string',
    success_url: 'url',
    cancel_url: 'url',
    metadata: METADATA,
    line_items: { array: { object: { price: 'string', quantity: 'integer' } } },
    payment_intent_data: { object: { metadata: METADATA, description: 'string' } },
    subscription_data: { object: { metadata: METADATA, description: 'string' } },
    allow_promotion_codes: 'boolean',
    locale: 'string',
  },
  'billing_portal.sessions.create': { customer: 'string', return_url: 'url', configuration: 'string', locale: 'string' },
  'prices.list': { active: 'boolean', limit: 'integer', type: { enum: ['one_time', 'recurring'] }, lookup_keys: { array: 'string' } },
  'subscriptions.list': { customer: 'string', status: { enum: ['active', 'all', 'canceled', 'past_due', 'trialing', 'unpaid', 'incomplete', 'ended'] }, limit: 'integer' },
  retrieve: {},
};

const fail = (param, message, code = 'parameter_invalid') => ({ param, message, code });

/** Checks `params` (strings from the form) against a spec; returns the first refusal or null. */
export function checkParams(params, spec, prefix = '') {
  for (const [key, value] of Object.entries(params)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    const type = spec[key];
    if (type === undefined) return fail(name, `Received unknown parameter: ${name}`, 'parameter_unknown');
    const err = checkValue(value, type, name);
    if (err) return err;
  }
  return null;
}

function checkValue(value, type, name) {
  if (type === 'string') return typeof value === 'string' ? (value.length > 5000 ? fail(name, `Invalid string: ${name} is too long (maximum is 5000 characters)`) : null) : fail(name, `Invalid string: ${name}`);
  if (type === 'integer') return typeof value === 'string' && /^-?\d+$/.test(value) ? null : fail(name, `Invalid integer: ${String(value)}`, 'parameter_invalid_integer');
  if (type === 'boolean') return value === 'true' || value === 'false' ? null : fail(name, `Invalid boolean: ${String(value)}`);
  if (type === 'email') return typeof value === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? null : fail(name, `Invalid email address: ${String(value)}`, 'email_invalid');
  if (type === 'url') {
    if (typeof value !== 'string') return fail(name, 'Not a valid URL', 'url_invalid');
    try {
      const u = new URL(value);
      return u.protocol === 'http:' || u.protocol === 'https:' ? null : fail(name, 'Not a valid URL', 'url_invalid');
    } catch {
      return fail(name, 'Not a valid URL', 'url_invalid');
    }
  }
  if (type === METADATA) {
    if (typeof value !== 'object' || Array.isArray(value)) return fail(name, `Invalid object: ${name}`);
    const entries = Object.entries(value);
    if (entries.length > 50) return fail(name, 'Metadata can have at most 50 keys.');
    for (const [k, v] of entries) {
      if (k.length > 40) return fail(`${name}[${k}]`, `Metadata keys must be 40 characters or less: ${k}`);
      if (typeof v !== 'string' || v.length > 500) return fail(`${name}[${k}]`, `Metadata values must be strings of 500 characters or less: ${k}`);
    }
    return null;
  }
  if (type.enum) return type.enum.includes(value) ? null : fail(name, `Invalid ${name}: must be one of ${type.enum.join(', ')}`);
  if (type.object) return typeof value === 'object' && !Array.isArray(value) ? checkParams(value, type.object, name) : fail(name, `Invalid object: ${name}`);
  if (type.array) {
    if (!Array.isArray(value)) return fail(name, `Invalid array: ${name}`);
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) return fail(`${name}[${i}]`, `Invalid array: ${name} has a gap at index ${i}`);
      const err = checkValue(value[i], type.array, `${name}[${i}]`);
      if (err) return err;
    }
    return null;
  }
  throw new Error(`fake stripe: unknown param type for ${name}`);
}
