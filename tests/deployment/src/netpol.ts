/**
 * A small evaluator of Kubernetes NetworkPolicy (networking.k8s.io/v1) semantics, enough to
 * assert who may reach whom in a rendered overlay: a pod is isolated for a direction once any
 * policy selects it with that policy type; then a connection needs a rule of some selecting
 * policy whose peers and ports match. A connection needs both the sender's egress and the
 * receiver's ingress (a peer outside the namespace, like the ingress controller, has no
 * egress policy of ours).
 */
import { Json } from './support';

export type Labels = Record<string, string>;
export type Pod = {
  /** Namespace and its labels (kubernetes.io/metadata.name is always set). */
  namespace: string;
  labels: Labels;
  /** Named container ports, for policies that name them. */
  ports?: Record<string, number>;
  /** An address outside the cluster (for ipBlock peers). */
  ip?: string;
};

export function selects(selector: Json | undefined, labels: Labels): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

const nsLabels = (p: Pod): Labels => ({ 'kubernetes.io/metadata.name': p.namespace });

function ipv4InCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const n = (a: string) => a.split('.').reduce((acc, o) => (acc << 8) + Number(o), 0) >>> 0;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return (n(ip) & mask) === (n(base) & mask);
}

function peerMatches(peer: Json, pod: Pod, policyNamespace: string): boolean {
  if (peer.ipBlock) {
    if (!pod.ip) return false;
    return ipv4InCidr(pod.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c: string) => ipv4InCidr(pod.ip as string, c));
  }
  if (pod.ip) return false; // outside the cluster: only ipBlock peers match
  const nsOk = peer.namespaceSelector ? selects(peer.namespaceSelector, nsLabels(pod)) : pod.namespace === policyNamespace;
  const podOk = peer.podSelector ? selects(peer.podSelector, pod.labels) : true;
  return nsOk && podOk;
}

function portMatches(rulePorts: Json[] | undefined, port: number, protocol: string, target: Pod): boolean {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    const n = typeof p.port === 'number' ? p.port : target.ports?.[p.port];
    if (n === undefined) return false;
    return p.endPort ? port >= n && port <= p.endPort : port === n;
  });
}

const typesOf = (p: Json): string[] => p.spec.policyTypes ?? (p.spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);

/** Whether `from` may open a connection to `to` on `port`, under `policies` (all in one namespace). */
export function allowed(policies: Json[], from: Pod, to: Pod, port: number, protocol = 'TCP'): boolean {
  const ns = (p: Json) => p.metadata.namespace ?? 'delaktig';
  const egressOk = (() => {
    const applicable = policies.filter((p) => ns(p) === from.namespace && !from.ip && selects(p.spec.podSelector, from.labels) && typesOf(p).includes('Egress'));
    if (applicable.length === 0) return true;
    return applicable.some((p) =>
      (p.spec.egress ?? []).some(
        (r: Json) => (!r.to || r.to.length === 0 || r.to.some((peer: Json) => peerMatches(peer, to, ns(p)))) && portMatches(r.ports, port, protocol, to),
      ),
    );
  })();
  const ingressOk = (() => {
    const applicable = policies.filter((p) => ns(p) === to.namespace && !to.ip && selects(p.spec.podSelector, to.labels) && typesOf(p).includes('Ingress'));
    if (applicable.length === 0) return true;
    return applicable.some((p) =>
      (p.spec.ingress ?? []).some(
        (r: Json) => (!r.from || r.from.length === 0 || r.from.some((peer: Json) => peerMatches(peer, from, ns(p)))) && portMatches(r.ports, port, protocol, to),
      ),
    );
  })();
  return egressOk && ingressOk;
}
