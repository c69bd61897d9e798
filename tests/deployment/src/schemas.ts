/**
 * Validation of rendered objects: Kubernetes' own kinds against the OpenAPI schemas compiled
 * into kubernetes-models (types, required fields, enums), custom resources against the CRD
 * schemas vendored in tests/deployment/schemas/crds (index.json names each one's source
 * commit), closed so that a misspelt field fails instead of being pruned by the API server.
 */
import Ajv, { ValidateFunction } from 'ajv';
import { Json, readRepoFile } from './support';

type CrdEntry = { apiVersion: string; kind: string; file: string; source: string };
const CRDS: CrdEntry[] = JSON.parse(readRepoFile('tests/deployment/schemas/crds/index.json'));

/** Every object schema with properties and no word on extra fields rejects extra fields. */
function closed(node: Json): Json {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const out: Json = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([pk, pv]) => [pk, closed(pv)])) : closed(v)]));
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields'] && !out['x-kubernetes-embedded-resource']) {
    out.additionalProperties = false;
  }
  // metadata is validated by Kubernetes itself, not by the CRD.
  if (out.properties?.metadata && out.properties?.apiVersion) out.properties.metadata = { type: 'object' };
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const crdValidators = new Map<string, ValidateFunction>();

export const knownCustomResources = () => CRDS.map((c) => `${c.apiVersion} ${c.kind}`);

/** Problems of one object, or [] when valid. Unknown kinds are a problem too. */
export function validateObject(obj: Json): string[] {
  const id = `${obj.kind}/${obj.metadata?.name}`;
  const crd = CRDS.find((c) => c.apiVersion === obj.apiVersion && c.kind === obj.kind);
  if (crd) {
    const key = `${crd.apiVersion}/${crd.kind}`;
    let v = crdValidators.get(key);
    if (!v) {
      const schema = closed(JSON.parse(readRepoFile('tests/deployment/schemas/crds', crd.file)));
      // Some CRDs (Keycloak's) leave the object's own header out of their schema.
      schema.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...schema.properties };
      v = ajv.compile(schema);
      crdValidators.set(key, v);
    }
    return v(obj) ? [] : (v.errors ?? []).map((e) => `${id}: ${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`);
  }
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const modulePath = `kubernetes-models/${group ? `${group}/` : ''}${version}/${obj.kind}`;
  let Model: Json;
  try {
    Model = require(modulePath)[obj.kind];
  } catch {
    return [`${id}: no schema for ${obj.apiVersion} ${obj.kind} (neither Kubernetes nor a vendored CRD)`];
  }
  try {
    new Model(obj).validate();
    return [];
  } catch (e) {
    return [`${id}: ${(e as Error).message}`];
  }
}
