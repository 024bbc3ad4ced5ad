// ImageLocality: prefers nodes that already have the pod's images (status.images), weighted by image size and by
// how many nodes have them, so one node does not attract every pod of an image.
import { MAX_NODE_SCORE, cycleState, type ScorePlugin } from '../framework.ts';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** `nginx` and `nginx:latest` are the same image; a digest or tag stays as written. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** Image name -> how many nodes have it, for this cycle's pod. */
const spread = cycleState<Map<string, number>>();

export const imageLocality = {
  name: 'ImageLocality',
  weight: 1,
  preScore(cycle) {
    const names = new Map<string, number>();
    for (const img of cycle.pod.images) names.set(normalizedImageName(img), 0);
    for (const n of cycle.nodes) for (const name of names.keys()) if (n.images.has(name)) names.set(name, names.get(name)! + 1);
    spread.set(cycle, names);
    return [...names.values()].some((c) => c > 0);
  },
  score(cycle, node) {
    const counts = spread.get(cycle)!;
    let sum = 0;
    for (const img of cycle.pod.images) {
      const name = normalizedImageName(img);
      const size = node.images.get(name);
      if (size !== undefined) sum += (size * counts.get(name)!) / cycle.nodes.length;
    }
    const max = MAX_CONTAINER_THRESHOLD * Math.max(1, cycle.pod.images.length);
    const clamped = Math.min(max, Math.max(MIN_THRESHOLD, sum));
    return (MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD);
  },
} satisfies ScorePlugin;
