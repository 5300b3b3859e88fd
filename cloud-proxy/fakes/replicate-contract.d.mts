// Types for replicate-contract.mjs (plain ESM so `node` runs the fakes without a build step).
export interface SchemaDoc {
  model: string;
  version: string;
  official: boolean;
  read: string;
  sources: string[];
  notes?: string[];
  openapi_schema: { components: { schemas: Record<string, Record<string, unknown>> } };
}
export interface InvalidField {
  type: string;
  field: string;
  description: string;
}
export interface ReplicateError {
  status: number;
  body: Record<string, unknown>;
}
export const SCHEMA_DIR: string;
export const REPLICATE_ERRORS: Record<'notFound' | 'unauthenticated' | 'insufficientCredit' | 'invalidVersion' | 'destinationMissing', ReplicateError>;
export function loadSchemas(dir?: string): Map<string, SchemaDoc>;
export function validateInput(doc: SchemaDoc, input: unknown, schemaName?: string): { invalid: InvalidField[]; ignored: string[] };
export function validationFailed(invalid: InvalidField[]): ReplicateError;
export type Routed = { error: ReplicateError } | { model: string; version: string; doc: SchemaDoc; input: Record<string, unknown>; ignored: string[]; error?: undefined };
export function routePrediction(schemas: Map<string, SchemaDoc>, method: string, path: string, body: unknown, extraVersions?: (version: string) => SchemaDoc | null): Routed | null;
export function imageSize(source: string | Buffer): { width: number; height: number } | null;
export function modelRefusal(model: string, input: Record<string, unknown>): string | null;
export function modelObject(doc: SchemaDoc): Record<string, unknown>;
export function versionObject(doc: SchemaDoc): Record<string, unknown>;
export interface ModelsState {
  missing: Set<string>;
  account: Map<string, { owner: string; name: string; visibility: string; hardware: string }>;
  exists(slug: string): boolean;
  schemas(): Map<string, SchemaDoc>;
}
export function modelsState(schemas: Map<string, SchemaDoc>, accountModels?: string[]): ModelsState;
export function answerModelsApi(schemas: Map<string, SchemaDoc>, state: ModelsState, method: string, path: string, body: unknown): ReplicateError | null;
