/**
 * The catalog against the recorded schemas (src/shared/models/schemas), and the app's request
 * builders against both: every field name the catalog gives exists in the model's published
 * input schema, every value it may send is one the schema accepts, and every request the app can
 * build for a catalog model — each video model × aspect × resolution × duration — passes
 * Replicate's validation as the fakes apply it, with no field silently dropped.
 */
import { describe, expect, it } from 'vitest';
import { catalog, videoModels, type CatalogModel } from '../../shared/models/catalog';
import { snapDuration } from '../../shared/models/video';
import { loadSchemas, routePrediction, validateInput } from '../../../cloud-proxy/fakes/replicate-contract.mjs';
import { speechInput, videoInput } from './model-input';
import type { VideoRequest } from './types';

const schemas = loadSchemas();
const replicateModels = catalog.filter((m) => m.provider === 'replicate');

const enumOf = (m: CatalogModel, field: string): unknown[] | undefined => {
  const doc = schemas.get(m.slug)!;
  const all = doc.openapi_schema.components.schemas;
  const prop = (all.Input!.properties as Record<string, { allOf?: { $ref: string }[]; enum?: unknown[] }>)[field];
  const ref = prop?.allOf?.[0]?.$ref.split('/').pop();
  return ref ? (all[ref]!.enum as unknown[]) : prop?.enum;
};

/** Creates the prediction the way the app's Replicate client does for this catalog entry. */
function create(m: CatalogModel, input: Record<string, unknown>) {
  return m.replicate!.endpoint === 'official'
    ? routePrediction(schemas, 'POST', `/v1/models/${m.slug}/predictions`, { input })
    : routePrediction(schemas, 'POST', '/v1/predictions', { version: `${m.slug}:${m.replicate!.version}`, input });
}

const base: VideoRequest = {
  prompt: 'Our bottle on a sunny beach',
  negativePrompt: 'blur',
  startImage: '/x.png',
  durationSeconds: 5,
  aspect: '16:9',
  resolution: { width: 1920, height: 1080 },
  seed: 7,
  styleStrength: 0.8,
  style: { colors: [], lighting: '', camera: '', motion: '', energyLevel: 5 },
  scene: { index: 1, count: 1, title: '', role: 'setup', camera: '', productImages: [], brandName: '', cta: '' },
};
const FRAME = 'data:image/jpeg;base64,/9j/4AAQ';

describe('the catalog agrees with the recorded schemas', () => {
  it.each(replicateModels.map((m) => [m.slug, m] as const))('%s: schema file, version and endpoint style', (_slug, m) => {
    const doc = schemas.get(m.slug);
    expect(doc, `schemas/${m.replicate?.schema}`).toBeDefined();
    expect(doc!.version).toBe(m.replicate!.version);
    expect(doc!.official).toBe(m.replicate!.endpoint === 'official');
    expect(doc!.sources.length).toBeGreaterThan(0);
    const props = (doc!.openapi_schema.components.schemas.Input!.properties ?? {}) as Record<string, unknown>;
    for (const field of Object.values(m.inputs)) expect(props, `${m.slug} input ${field}`).toHaveProperty(field);
    for (const field of [...m.replicate!.promptFields, ...Object.keys(m.fixedInputs ?? {})]) expect(props, `${m.slug} field ${field}`).toHaveProperty(field);
    if (m.inputs.duration) {
      const prop = (props[m.inputs.duration] ?? {}) as { default?: unknown };
      expect(m.durationDefault, `${m.slug} duration default`).toBe(prop.default);
    }
    // Fixed values are values the schema accepts (required fields aside: a request adds those).
    expect(validateInput(doc!, { ...m.fixedInputs }).invalid.filter((f) => f.type !== 'required')).toEqual([]);
  });

  it.each(videoModels().map((m) => [m.slug, m] as const))('%s: durations, resolutions, aspects and the end-frame field are values the schema accepts', (_slug, m) => {
    const durations = enumOf(m, m.inputs.duration!);
    for (const r of m.video!.resolutions) {
      for (const d of r.durations) expect(durations, `${r.name} ${d}s`).toContain(d);
      for (const [field, value] of Object.entries(r.input)) expect(enumOf(m, field)).toContain(value);
    }
    for (const a of m.video!.aspects) if (a.value) expect(enumOf(m, m.inputs.aspectRatio!)).toContain(a.value);
    // The default resolution is the one the schema's defaults select.
    const props = schemas.get(m.slug)!.openapi_schema.components.schemas.Input!.properties as Record<string, { default?: unknown }>;
    const byDefault = m.video!.resolutions.find((r) => r.name === m.video!.defaultResolution)!;
    for (const [field, value] of Object.entries(byDefault.input)) expect(props[field]?.default, `${m.slug} default ${field}`).toBe(value);
    expect(m.video!.aspectFromStartImage).toBe(!m.inputs.aspectRatio);
    if (m.video!.endImage) expect(schemas.get(m.slug)!.openapi_schema.components.schemas.Input!.properties).toHaveProperty(m.video!.endImage.field);
  });

  it('every recorded schema belongs to a catalog model (no stale files)', () => {
    expect([...schemas.keys()].sort()).toEqual(replicateModels.map((m) => m.slug).sort());
  });
});

describe('every request the app builds passes the recorded schemas', () => {
  const cases = videoModels().flatMap((m) =>
    m.video!.resolutions.flatMap((r) => (['16:9', '9:16', '1:1'] as const).flatMap((aspect) => r.durations.map((d) => [m.slug, r.name, aspect, d, m] as const))),
  );
  it.each(cases)('%s at %s, %s, %i s', (_slug, resolution, aspect, seconds, m) => {
    const r = create(m, videoInput(m, { ...base, aspect, durationSeconds: seconds, modelResolution: resolution }, FRAME));
    expect(r && 'error' in r && r.error ? r.error.body : null).toBeNull();
    expect(r && !r.error ? r.ignored : null).toEqual([]);
  });

  it('every scene length snaps to a duration the model accepts at the run resolution', () => {
    for (const m of videoModels()) {
      for (const r of m.video!.resolutions) {
        for (let want = 1; want <= 12; want++) expect(r.durations, `${m.slug} ${r.name} ${want}s`).toContain(snapDuration(m, want, r.name).requestSeconds);
      }
    }
  });

  it('speech for every voice', () => {
    const m = catalog.find((c) => c.capability === 'speech')!;
    for (const voice of ['american', 'british', 'australian'] as const) {
      const r = create(m, speechInput(m, { text: 'Stay cool all day.', voice, maxSeconds: 3 }));
      expect(r && !r.error ? r.ignored : r).toEqual([]);
    }
  });
});
