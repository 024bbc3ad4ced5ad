// The downward API's pod fields (env valueFrom.fieldRef): what the kubelet injects and what `kubectl describe` shows.
import type { KubeObject } from '../types.ts';

interface PodLike extends KubeObject {
  spec?: { nodeName?: string; serviceAccountName?: string };
  status?: { hostIP?: string; hostIPs?: Array<{ ip?: string }>; podIP?: string; podIPs?: Array<{ ip?: string }> };
}

/** The value of a fieldRef path for this pod, or '' when the field is unknown or unset. */
export function podFieldValue(pod: PodLike, path: string): string {
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label) return (label[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[label[2]!] ?? '';
  const fields: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.hostIPs': pod.status?.hostIPs?.map((h) => h.ip).join(','),
    'status.podIP': pod.status?.podIP,
    'status.podIPs': pod.status?.podIPs?.map((h) => h.ip).join(','),
  };
  return fields[path] ?? '';
}
