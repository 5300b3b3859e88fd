/**
 * What a product page says about its product, read from its structured data with parse5 (MIT; the
 * WHATWG HTML parsing algorithm browsers use — never patterns over HTML), in this order:
 * 1. JSON-LD `Product` (also inside `@graph`, arrays, `ProductGroup`): name, description, brand,
 *    image, offers.price/priceCurrency, url — what Shopify, WooCommerce and most shops publish;
 * 2. Open Graph: og:title, og:description, og:image, og:site_name (og:type product);
 * 3. the page's <title> and <meta name="description">.
 * Everything read is untrusted text: markup inside it (JSON-LD descriptions often carry HTML) is
 * parsed and only its text kept, control and bidi-override characters are dropped, whitespace is
 * collapsed and every field is cut to a bound. Words like "ignore previous instructions" stay words
 * in a data field (see brief-from-page.ts for how they travel).
 */
import { parse, parseFragment, type DefaultTreeAdapterTypes as T } from 'parse5';

export type Source = 'json-ld' | 'open-graph' | 'title' | 'meta-description';

export interface PageProduct {
  name: { text: string; from: Source } | null;
  description: { text: string; from: Source } | null;
  brand: { text: string; from: Source } | null;
  siteName: string | null;
  /** Absolute image URLs in page order, deduplicated (at most MAX_IMAGE_URLS). */
  images: string[];
  price: { amount: string; currency: string | null } | null;
  /** The product's own address (JSON-LD url, og:url, else the page's). */
  url: string;
  /** The page's language (<html lang>) when it is a plain BCP-47 tag. */
  language: string | null;
  /** og:type, when the page states it ("product", "website", …). */
  ogType: string | null;
  /** Which kinds of structured data the page had. */
  found: Source[];
}

export const MAX_IMAGE_URLS = 12;
const MAX_JSON_LD_SCRIPTS = 20;
const MAX_JSON_LD_CHARS = 512 * 1024;
const MAX_NODES = 200_000;

type Node = T.Node;
type Element = T.Element;

const isElement = (n: Node): n is Element => 'tagName' in n;
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

/** Every node of the tree, depth first, without recursion (a deeply nested page cannot overflow the stack). */
function* walk(root: Node): Generator<Node> {
  const stack: Node[] = [root];
  let seen = 0;
  while (stack.length > 0 && seen++ < MAX_NODES) {
    const node = stack.pop()!;
    yield node;
    if ('childNodes' in node) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
}

const BLOCK = new Set(['p', 'br', 'div', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'dd', 'dt', 'table']);
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'svg', 'iframe', 'object']);

/** The text of a node (script, style and template contents are not text); block elements separate words. */
function textOf(root: Node): string {
  let out = '';
  const stack: (Node | ' ')[] = [root];
  let seen = 0;
  while (stack.length > 0 && seen++ < MAX_NODES) {
    const node = stack.pop()!;
    if (node === ' ') {
      out += ' ';
      continue;
    }
    if (node.nodeName === '#text') out += (node as T.TextNode).value;
    if (isElement(node) && SKIP.has(node.tagName)) continue;
    if (isElement(node) && BLOCK.has(node.tagName)) stack.push(' ');
    if ('childNodes' in node) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
    if (isElement(node) && BLOCK.has(node.tagName)) out += ' ';
  }
  return out;
}

/** C0/C1 controls (tab, newline and return become spaces later), bidi overrides and isolates, BOM. */
const DROPPED = (c: number) =>
  (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff;

/**
 * Untrusted text → one clean line of at most `max` characters: markup parsed away (text only),
 * C0/C1 controls and bidi overrides dropped, whitespace collapsed, cut at a word with "…".
 */
export function cleanText(raw: string, max: number): string {
  let s = raw.length > max * 8 ? raw.slice(0, max * 8) : raw;
  if (s.includes('<') || s.includes('&')) s = textOf(parseFragment(s));
  s = [...s].filter((ch) => !DROPPED(ch.codePointAt(0)!)).join('').replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const PRODUCT_TYPES = new Set(['product', 'productgroup', 'individualproduct', 'productmodel']);
function isProduct(o: Record<string, unknown>): boolean {
  const types = Array.isArray(o['@type']) ? o['@type'] : [o['@type']];
  return types.some((t) => typeof t === 'string' && PRODUCT_TYPES.has(t.replace(/^.*[/:#]/, '').toLowerCase()));
}

/** The first Product in a JSON-LD value (top level, arrays, @graph, nested one level in mainEntity). */
function findProduct(v: unknown, depth = 0): Record<string, unknown> | null {
  if (depth > 6) return null;
  if (Array.isArray(v)) {
    for (const item of v.slice(0, 200)) {
      const p = findProduct(item, depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (!isObject(v)) return null;
  if (isProduct(v)) return v;
  for (const key of ['@graph', 'mainEntity', 'itemOffered', 'hasVariant']) {
    const p = key in v ? findProduct(v[key], depth + 1) : null;
    if (p) return p;
  }
  return null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null);
const first = <T>(v: unknown, pick: (x: unknown) => T | null): T | null => {
  for (const x of Array.isArray(v) ? v.slice(0, 50) : [v]) {
    const r = pick(x);
    if (r !== null) return r;
  }
  return null;
};
const nameOf = (v: unknown): string | null => str(v) ?? (isObject(v) ? str(v.name) : null);
const imageUrlsOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v.slice(0, 50) : [v]).flatMap((x) => {
    const u = str(x) ?? (isObject(x) ? (str(x.url) ?? str(x.contentUrl)) : null);
    return u ? [u] : [];
  });
function priceOf(offers: unknown): PageProduct['price'] {
  return first(offers, (o) => {
    if (!isObject(o)) return null;
    const amount = str(o.price) ?? str(o.lowPrice) ?? (isObject(o.priceSpecification) ? str(o.priceSpecification.price) : null);
    if (!amount || !/^\d{1,9}([.,]\d{1,4})?$/.test(amount.trim())) return null;
    const currency = str(o.priceCurrency) ?? (isObject(o.priceSpecification) ? str(o.priceSpecification.priceCurrency) : null);
    return { amount: amount.trim(), currency: currency && /^[A-Za-z]{3}$/.test(currency.trim()) ? currency.trim().toUpperCase() : null };
  });
}

/** An absolute http(s) URL for `raw` against the page, or null (data:, javascript:, junk). */
function absolute(raw: string, base: string): string | null {
  try {
    const u = new URL(raw.trim(), base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * The page's text encoding, in the HTML standard's order: a byte-order mark, the Content-Type
 * header's charset, a <meta charset> / <meta http-equiv="content-type"> in the first 1024 bytes
 * (read by parse5 from those bytes taken as Latin-1, which keeps ASCII markup intact), else UTF-8.
 */
export function pageEncoding(body: Uint8Array, contentType: string | null): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  const label = (v: string | undefined | null) => {
    const m = v ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(v) : null;
    return m ? m[1]!.toLowerCase() : null;
  };
  const known = (l: string | null) => {
    if (!l) return null;
    try {
      return new TextDecoder(l).encoding;
    } catch {
      return null;
    }
  };
  const fromHeader = known(label(contentType));
  if (fromHeader) return fromHeader;
  for (const node of walk(parse(new TextDecoder('latin1').decode(body.subarray(0, 1024))))) {
    if (!isElement(node) || node.tagName !== 'meta') continue;
    const direct = known(attr(node, 'charset')?.trim() ?? null);
    if (direct) return direct;
    if (attr(node, 'http-equiv')?.trim().toLowerCase() === 'content-type') {
      const l = known(label(attr(node, 'content')));
      if (l) return l;
    }
  }
  return 'utf-8';
}

/** Reads the page's product data. `pageUrl` is the address the HTML came from (after redirects). */
export function parseProductPage(html: string, pageUrl: string): PageProduct {
  const doc = parse(html);
  const meta = new Map<string, string>();
  let title: string | null = null;
  let product: Record<string, unknown> | null = null;
  let scripts = 0;
  let base = pageUrl;
  let lang: string | null = null;
  for (const node of walk(doc)) {
    if (!isElement(node)) continue;
    if (node.tagName === 'html' && lang === null) {
      lang = attr(node, 'lang')?.trim() ?? null;
    } else if (node.tagName === 'meta') {
      const key = (attr(node, 'property') ?? attr(node, 'name'))?.trim().toLowerCase();
      const content = attr(node, 'content');
      if (key && content !== undefined && !meta.has(key)) meta.set(key, content);
    } else if (node.tagName === 'title' && title === null) {
      title = textOf(node);
    } else if (node.tagName === 'base' && base === pageUrl) {
      base = absolute(attr(node, 'href') ?? '', pageUrl) ?? pageUrl;
    } else if (node.tagName === 'script' && product === null && scripts < MAX_JSON_LD_SCRIPTS && attr(node, 'type')?.trim().toLowerCase() === 'application/ld+json') {
      scripts++;
      const json = node.childNodes.map((c) => (c.nodeName === '#text' ? (c as T.TextNode).value : '')).join('');
      if (json.length > MAX_JSON_LD_CHARS) continue;
      try {
        product = findProduct(JSON.parse(json));
      } catch {
        // A broken JSON-LD block is common; the page's other data still counts.
      }
    }
  }
  const found: Source[] = [];
  if (product) found.push('json-ld');
  if (meta.has('og:title') || meta.has('og:image') || meta.has('og:description')) found.push('open-graph');
  if (title?.trim()) found.push('title');
  if (meta.get('description')?.trim()) found.push('meta-description');

  const pick = (cands: [string | null | undefined, Source][], max: number) => {
    for (const [v, from] of cands) {
      const text = v ? cleanText(v, max) : '';
      if (text) return { text, from };
    }
    return null;
  };
  const name = pick([[product ? str(product.name) : null, 'json-ld'], [meta.get('og:title'), 'open-graph'], [title, 'title']], 120);
  const description = pick([[product ? str(product.description) : null, 'json-ld'], [meta.get('og:description'), 'open-graph'], [meta.get('description'), 'meta-description']], 2000);
  const brand = pick([[product ? first(product.brand, nameOf) : null, 'json-ld'], [meta.get('og:site_name'), 'open-graph']], 120);
  const siteName = meta.get('og:site_name') ? cleanText(meta.get('og:site_name')!, 120) || null : null;
  const rawImages = [...(product ? imageUrlsOf(product.image) : []), ...[meta.get('og:image:secure_url'), meta.get('og:image'), meta.get('og:image:url')].filter((x): x is string => !!x)];
  const images = [...new Set(rawImages.map((u) => absolute(u, base)).filter((u): u is string => u !== null))].slice(0, MAX_IMAGE_URLS);
  const url = absolute((product ? str(product.url) : null) ?? meta.get('og:url') ?? '', pageUrl) ?? pageUrl;
  const language = lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? lang : null;
  const ogType = meta.get('og:type') ? cleanText(meta.get('og:type')!, 40).toLowerCase() || null : null;
  return { name, description, brand, siteName, images, price: product ? priceOf(product.offers) : null, url, language, ogType, found };
}
