/**
 * Issue 9: at most one brand-style training per brand at a time, enforced by the database (the
 * service checks too, but two app instances or a racing retry must not start a second paid job).
 */
export const sql = `
CREATE UNIQUE INDEX lora_models_one_training ON lora_models(brand_id) WHERE status = 'training';
`;
