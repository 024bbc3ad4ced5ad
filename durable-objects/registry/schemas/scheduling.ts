// Where pods may run: node and pod (anti-)affinity, taints and tolerations, topology spread constraints.
import { z } from 'zod';
import { atomicList, enumOf, int32, int64, named, opt, req, rules, str, strings, typedString, valueStruct, type Rules } from './dsl.ts';
import type { Path } from './field-errors.ts';
import { LabelSelectorSchema, TimeSchema } from './meta.ts';
import { isDNS1123Label, isQualifiedName, isValidLabelValue } from './names.ts';

const NODE_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;

export const NodeSelectorRequirementSchema = named(
  'io.k8s.api.core.v1.NodeSelectorRequirement',
  'One condition on a node label (or field): key, operator and values.',
  rules(
    z.object({
      key: req(str(), 'Label key (or, in matchFields, the field name metadata.name).'),
      operator: req(typedString(NODE_OPS), 'In, NotIn, Exists, DoesNotExist, Gt or Lt (Gt and Lt compare one integer value).'),
      values: opt(strings(), 'Values for In/NotIn; exactly one integer for Gt/Lt; empty for Exists/DoesNotExist.', atomicList),
    }),
    (rq, r) => {
      const n = rq.values?.length ?? 0;
      switch (rq.operator) {
        case 'In':
        case 'NotIn':
          if (n === 0) r.required(['values'], "must be specified when `operator` is 'In' or 'NotIn'");
          break;
        case 'Exists':
        case 'DoesNotExist':
          if (n > 0) r.forbidden(['values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
          break;
        case 'Gt':
        case 'Lt':
          if (n !== 1) r.required(['values'], "must be specified single value when `operator` is 'Lt' or 'Gt'");
          break;
        default:
          r.invalid(['operator'], rq.operator, 'not a valid selector operator');
      }
    },
  ),
);

type Requirement = z.infer<typeof NodeSelectorRequirementSchema>;

function checkTerm(r: Rules, t: { matchExpressions?: Requirement[] | undefined; matchFields?: Requirement[] | undefined }): void {
  t.matchExpressions?.forEach((e, i) => r.invalidEach(['matchExpressions', i, 'key'], e.key, isQualifiedName(e.key)));
  t.matchFields?.forEach((f, i) => {
    const p: Path = ['matchFields', i];
    if (f.key !== 'metadata.name') r.notSupported([...p, 'key'], f.key, ['metadata.name']);
    if ((f.operator === 'In' || f.operator === 'NotIn') && f.values?.length !== 1) {
      r.required([...p, 'values'], "must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
    }
  });
}

export const NodeSelectorTermSchema = named(
  'io.k8s.api.core.v1.NodeSelectorTerm',
  'Conditions that must all hold for a node to match; an empty term matches no node.',
  rules(
    z.object({
      matchExpressions: opt(z.array(NodeSelectorRequirementSchema), 'Conditions on node labels.', atomicList),
      matchFields: opt(z.array(NodeSelectorRequirementSchema), 'Conditions on node fields (only metadata.name).', atomicList),
    }),
    (t, r) => checkTerm(r, t),
  ),
  { 'x-kubernetes-map-type': 'atomic' },
);

export const NodeSelectorSchema = named(
  'io.k8s.api.core.v1.NodeSelector',
  'A node matches if it matches any of the terms.',
  rules(
    z.object({
      nodeSelectorTerms: req(z.array(NodeSelectorTermSchema), 'Alternatives; at least one must match.', atomicList),
    }),
    (s, r) => {
      if (s.nodeSelectorTerms.length === 0) r.required(['nodeSelectorTerms'], 'must have at least one node selector term');
    },
  ),
  { 'x-kubernetes-map-type': 'atomic' },
);

const WEIGHT_ERROR = 'must be in the range 1-100';

export const PreferredSchedulingTermSchema = named(
  'io.k8s.api.core.v1.PreferredSchedulingTerm',
  'A soft node preference: nodes matching the term get the weight added to their score.',
  rules(
    z.object({
      weight: req(int32(), 'Score added for a matching node, 1-100.'),
      preference: req(NodeSelectorTermSchema, 'The conditions a node should meet.', valueStruct),
    }),
    (t, r) => {
      if (t.weight <= 0 || t.weight > 100) r.invalid(['weight'], t.weight, WEIGHT_ERROR);
    },
  ),
);

export const NodeAffinitySchema = named(
  'io.k8s.api.core.v1.NodeAffinity',
  'Rules about which nodes the pod may or prefers to run on.',
  z.object({
    requiredDuringSchedulingIgnoredDuringExecution: opt(NodeSelectorSchema, 'Hard rule: the pod only schedules onto nodes matching it. Not re-checked once running.'),
    preferredDuringSchedulingIgnoredDuringExecution: opt(z.array(PreferredSchedulingTermSchema), 'Soft rules: matching nodes are preferred, by weight.', atomicList),
  }),
);

export const PodAffinityTermSchema = named(
  'io.k8s.api.core.v1.PodAffinityTerm',
  'Selects pods, and a topology domain (node, zone, ...) in which they must or must not be running.',
  rules(
    z.object({
      labelSelector: opt(LabelSelectorSchema, 'Which pods count. Absent matches no pods.'),
      namespaces: opt(strings(), 'Namespaces to look for the pods in; with namespaceSelector empty too, the pod\'s own namespace.', atomicList),
      topologyKey: req(str(), 'Node label whose value defines the domain, e.g. kubernetes.io/hostname or topology.kubernetes.io/zone.'),
      namespaceSelector: opt(LabelSelectorSchema, 'Namespaces (by label) to look for the pods in; {} means all namespaces.'),
      matchLabelKeys: opt(strings(), 'Label keys whose values are copied from the incoming pod into the selector (key In value).', atomicList),
      mismatchLabelKeys: opt(strings(), 'Label keys whose values are copied from the incoming pod into the selector (key NotIn value).', atomicList),
    }),
    (t, r) => {
      for (const ns of t.namespaces ?? []) r.invalidEach(['namespace'], ns, isDNS1123Label(ns));
      if (!t.topologyKey) r.required(['topologyKey'], 'can not be empty');
      r.invalidEach(['topologyKey'], t.topologyKey, isQualifiedName(t.topologyKey));
    },
  ),
);

export const WeightedPodAffinityTermSchema = named(
  'io.k8s.api.core.v1.WeightedPodAffinityTerm',
  'A soft pod (anti-)affinity rule with a weight.',
  rules(
    z.object({
      weight: req(int32(), 'Score added (or subtracted, for anti-affinity) for a node satisfying the term, 1-100.'),
      podAffinityTerm: req(PodAffinityTermSchema, 'The term.', valueStruct),
    }),
    (t, r) => {
      if (t.weight <= 0 || t.weight > 100) r.invalid(['weight'], t.weight, WEIGHT_ERROR);
    },
  ),
);

export const PodAffinitySchema = named(
  'io.k8s.api.core.v1.PodAffinity',
  'Run the pod in the same topology domain as certain other pods.',
  z.object({
    requiredDuringSchedulingIgnoredDuringExecution: opt(z.array(PodAffinityTermSchema), 'Hard rules: every term must be satisfied at scheduling time.', atomicList),
    preferredDuringSchedulingIgnoredDuringExecution: opt(z.array(WeightedPodAffinityTermSchema), 'Soft rules, by weight.', atomicList),
  }),
);

export const PodAntiAffinitySchema = named(
  'io.k8s.api.core.v1.PodAntiAffinity',
  'Keep the pod out of topology domains where certain other pods run (e.g. spread replicas over nodes).',
  z.object({
    requiredDuringSchedulingIgnoredDuringExecution: opt(z.array(PodAffinityTermSchema), 'Hard rules: no selected pod may be in the same domain.', atomicList),
    preferredDuringSchedulingIgnoredDuringExecution: opt(z.array(WeightedPodAffinityTermSchema), 'Soft rules, by weight.', atomicList),
  }),
);

export const AffinitySchema = named(
  'io.k8s.api.core.v1.Affinity',
  'Scheduling constraints relative to nodes and to other pods.',
  z.object({
    nodeAffinity: opt(NodeAffinitySchema, 'Which nodes the pod may or prefers to run on.'),
    podAffinity: opt(PodAffinitySchema, 'Pods this pod should run near.'),
    podAntiAffinity: opt(PodAntiAffinitySchema, 'Pods this pod should stay away from.'),
  }),
);

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

export const TolerationSchema = named(
  'io.k8s.api.core.v1.Toleration',
  'Lets the pod schedule onto (or stay on) nodes with a matching taint.',
  rules(
    z.object({
      key: opt(str(), 'Taint key to match; empty with operator Exists matches every taint.'),
      operator: opt(typedString(['Exists', 'Equal']), 'Equal (the default: value must match) or Exists (any value).'),
      value: opt(str(), 'Taint value to match with Equal; empty for Exists.'),
      effect: opt(typedString(EFFECTS), 'Taint effect to match: NoSchedule, PreferNoSchedule or NoExecute; empty matches all.'),
      tolerationSeconds: opt(int64(), 'For NoExecute: how long the pod may stay after the taint appears; unset means forever.'),
    }),
    (t, r) => {
      const key = t.key ?? '';
      const op = t.operator ?? '';
      const value = t.value ?? '';
      if (key) r.invalidEach(['key'], key, isQualifiedName(key));
      if (!key && op !== 'Exists') r.invalid(['operator'], op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"');
      if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') r.invalid(['effect'], t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set");
      if (op === 'Equal' || op === '') {
        const errs = isValidLabelValue(value);
        if (errs.length) r.invalid(['operator'], value, errs.join(';'));
      } else if (op === 'Exists') {
        if (value) r.invalid(['operator'], t, "value must be empty when `operator` is 'Exists'");
      } else {
        r.notSupported(['operator'], op, ['Equal', 'Exists']);
      }
      if (t.effect && !(EFFECTS as readonly string[]).includes(t.effect)) r.notSupported(['effect'], t.effect, EFFECTS);
    },
  ),
);

export const TaintSchema = named(
  'io.k8s.api.core.v1.Taint',
  'Marks a node so that pods without a matching toleration are kept off (or evicted).',
  rules(
    z.object({
      key: req(str(), 'Taint key, a qualified name like dedicated or example.com/gpu.'),
      value: opt(str(), 'Taint value (a label value).'),
      effect: req(typedString(EFFECTS), 'NoSchedule (no new pods), PreferNoSchedule (avoid) or NoExecute (also evict running pods).'),
      timeAdded: opt(TimeSchema, 'When the taint was added; only set for NoExecute taints.'),
    }),
    (t, r) => {
      r.invalidEach(['key'], t.key, isQualifiedName(t.key));
      const errs = isValidLabelValue(t.value ?? '');
      if (errs.length) r.invalid(['value'], t.value ?? '', errs.join(';'));
      if (!t.effect) r.required(['effect']);
      else if (!(EFFECTS as readonly string[]).includes(t.effect)) r.notSupported(['effect'], t.effect, EFFECTS);
    },
  ),
);

export const TopologySpreadConstraintSchema = named(
  'io.k8s.api.core.v1.TopologySpreadConstraint',
  'Spreads matching pods evenly across topology domains (nodes, zones, ...).',
  rules(
    z.object({
      maxSkew: req(int32(), 'How uneven the spread may be: the largest allowed difference in matching pods between two domains. At least 1.'),
      topologyKey: req(str(), 'Node label whose values define the domains, e.g. topology.kubernetes.io/zone.'),
      whenUnsatisfiable: req(enumOf(['DoNotSchedule', 'ScheduleAnyway']), 'DoNotSchedule (hard rule) or ScheduleAnyway (only prefer less skewed domains).'),
      labelSelector: opt(LabelSelectorSchema, 'Which pods are counted.'),
      minDomains: opt(int32(), 'Minimum number of eligible domains; fewer are treated as having zero matching pods. Only with DoNotSchedule.'),
      nodeAffinityPolicy: opt(enumOf(['Honor', 'Ignore']), 'Whether the pod\'s node affinity limits the domains counted: Honor (default) or Ignore.'),
      nodeTaintsPolicy: opt(enumOf(['Honor', 'Ignore']), 'Whether tainted nodes the pod does not tolerate are counted: Honor or Ignore (default).'),
      matchLabelKeys: opt(strings(), 'Label keys whose values are taken from the incoming pod and added to the selector.', atomicList),
    }),
    (c, r) => {
      if (c.maxSkew <= 0) r.invalid(['maxSkew'], c.maxSkew, 'must be greater than zero');
      if (!c.topologyKey) r.required(['topologyKey'], 'can not be empty');
      else r.invalidEach(['topologyKey'], c.topologyKey, isQualifiedName(c.topologyKey));
      if (c.minDomains !== undefined) {
        if (c.minDomains <= 0) r.invalid(['minDomains'], c.minDomains, 'must be greater than 0');
        else if (c.whenUnsatisfiable !== 'DoNotSchedule') r.invalid(['minDomains'], c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`);
      }
    },
  ),
);

export type NodeSelectorRequirement = z.infer<typeof NodeSelectorRequirementSchema>;
export type NodeSelectorTerm = z.infer<typeof NodeSelectorTermSchema>;
export type NodeSelector = z.infer<typeof NodeSelectorSchema>;
export type PreferredSchedulingTerm = z.infer<typeof PreferredSchedulingTermSchema>;
export type NodeAffinity = z.infer<typeof NodeAffinitySchema>;
export type PodAffinityTerm = z.infer<typeof PodAffinityTermSchema>;
export type WeightedPodAffinityTerm = z.infer<typeof WeightedPodAffinityTermSchema>;
export type PodAffinity = z.infer<typeof PodAffinitySchema>;
export type PodAntiAffinity = z.infer<typeof PodAntiAffinitySchema>;
export type Affinity = z.infer<typeof AffinitySchema>;
export type Toleration = z.infer<typeof TolerationSchema>;
export type Taint = z.infer<typeof TaintSchema>;
export type TopologySpreadConstraint = z.infer<typeof TopologySpreadConstraintSchema>;
