// Stripe's v1 API takes application/x-www-form-urlencoded bodies with bracket nesting
// (`line_items[0][price]=price_x&metadata[userId]=u1`), which is how the official SDK encodes its
// params (stripe-node src/utils.ts stringifyRequestData: indexed arrays, nested objects). This
// turns such a body back into the object the SDK was given (all leaves are strings, as on the wire).

const KEY = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

/** @returns {{ ok: true, value: Record<string, unknown> } | { ok: false, key: string }} */
export function parseForm(body) {
  const out = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const m = KEY.exec(key);
    if (!m) return { ok: false, key };
    const path = [m[1], ...(m[2].match(/\[[^[\]]*\]/g) ?? []).map((s) => s.slice(1, -1))];
    let node = out;
    for (let i = 0; i < path.length - 1; i++) {
      const seg = path[i] === '' && Array.isArray(node) ? String(node.length) : path[i];
      const nextIsIndex = /^\d+$/.test(path[i + 1]) || path[i + 1] === '';
      if (node[seg] === undefined) node[seg] = nextIsIndex ? [] : {};
      if (typeof node[seg] !== 'object') return { ok: false, key };
      node = node[seg];
    }
    const last = path[path.length - 1];
    node[last === '' && Array.isArray(node) ? node.length : last] = value;
  }
  return { ok: true, value: out };
}
