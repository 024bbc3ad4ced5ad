// Resource quantities (`100m`, `64Mi`, `2`) as apimachinery's resource.Quantity handles them for describe: exact
// sums, and String() in canonical form (`1100m`, `192Mi`, `2k`), keeping the format of the first operand.

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const NANO = 1_000_000_000n;
const DECIMAL: Record<string, bigint> = { n: 1n, u: 1_000n, m: 1_000_000n, '': NANO, k: NANO * 1_000n, M: NANO * 1_000_000n, G: NANO * 10n ** 9n, T: NANO * 10n ** 12n, P: NANO * 10n ** 15n, E: NANO * 10n ** 18n };
const BINARY: Record<string, bigint> = { Ki: NANO * 2n ** 10n, Mi: NANO * 2n ** 20n, Gi: NANO * 2n ** 30n, Ti: NANO * 2n ** 40n, Pi: NANO * 2n ** 50n, Ei: NANO * 2n ** 60n };

export class Quantity {
  /** The value in units of 10^-9. */
  constructor(
    readonly nanos: bigint,
    readonly format: Format,
  ) {}

  static zero(format: Format = 'DecimalSI'): Quantity {
    return new Quantity(0n, format);
  }

  static parse(input: string | number | undefined | null): Quantity {
    if (input === undefined || input === null) return Quantity.zero();
    const s = String(input).trim();
    const m = s.match(/^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/);
    if (!m || (!m[2] && !m[3])) return Quantity.zero();
    const sign = m[1] === '-' ? -1n : 1n;
    const frac = (m[3] ?? '').slice(0, 9);
    const units = BigInt(m[2] || '0') * NANO + BigInt(frac.padEnd(9, '0') || '0');
    if (m[4]) {
      const exp = Number(m[4].slice(1));
      const v = exp >= 0 ? units * 10n ** BigInt(exp) : units / 10n ** BigInt(-exp);
      return new Quantity(sign * v, 'DecimalExponent');
    }
    const suffix = m[5] ?? '';
    if (BINARY[suffix]) return new Quantity((sign * units * BINARY[suffix]!) / NANO, 'BinarySI');
    return new Quantity((sign * units * DECIMAL[suffix]!) / NANO, 'DecimalSI');
  }

  add(o: Quantity): Quantity {
    return new Quantity(this.nanos + o.nanos, this.nanos === 0n ? o.format : this.format);
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  /** Value in thousandths, rounded up (MilliValue). */
  milli(): number {
    const d = 1_000_000n;
    return Number(this.nanos >= 0n ? (this.nanos + d - 1n) / d : this.nanos / d);
  }

  /** Whole value, rounded up (Value). */
  value(): number {
    return Number(this.nanos >= 0n ? (this.nanos + NANO - 1n) / NANO : this.nanos / NANO);
  }

  toString(): string {
    if (this.nanos === 0n) return '0';
    const neg = this.nanos < 0n;
    const abs = neg ? -this.nanos : this.nanos;
    let out: string;
    if (this.format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n) {
      let n = abs / NANO;
      let i = 0;
      const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
      while (i < 6 && n % 1024n === 0n) {
        n /= 1024n;
        i++;
      }
      out = `${n}${suffixes[i]}`;
    } else {
      // The largest power-of-1000 unit that keeps the mantissa whole.
      const units: Array<[string, bigint]> = [
        ['E', 10n ** 27n],
        ['P', 10n ** 24n],
        ['T', 10n ** 21n],
        ['G', 10n ** 18n],
        ['M', 10n ** 15n],
        ['k', 10n ** 12n],
        ['', NANO],
        ['m', 1_000_000n],
        ['u', 1_000n],
        ['n', 1n],
      ];
      const [suffix, scale] = units.find(([, sc]) => abs % sc === 0n)!;
      const mantissa = abs / scale;
      out = this.format === 'DecimalExponent' ? `${mantissa}${exponentSuffix(suffix)}` : `${mantissa}${suffix}`;
    }
    return neg ? `-${out}` : out;
  }
}

function exponentSuffix(si: string): string {
  const exp = { E: 18, P: 15, T: 12, G: 9, M: 6, k: 3, '': 0, m: -3, u: -6, n: -9 }[si] ?? 0;
  return exp === 0 ? '' : `e${exp}`;
}

export type ResourceList = Record<string, Quantity>;

function addTo(list: ResourceList, name: string, q: Quantity): void {
  list[name] = list[name] ? list[name]!.add(q) : q;
}

interface ContainerLike {
  resources?: { requests?: Record<string, string | number> | null; limits?: Record<string, string | number> | null } | null;
  restartPolicy?: string | null;
}

interface PodLike {
  spec?: { containers?: ContainerLike[] | null; initContainers?: ContainerLike[] | null; overhead?: Record<string, string | number> | null } | null;
}

/** resourcehelper.PodRequestsAndLimits: containers summed, init containers as a floor, overhead added. */
export function podRequestsAndLimits(pod: PodLike): { requests: ResourceList; limits: ResourceList } {
  const requests: ResourceList = {};
  const limits: ResourceList = {};
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) addTo(requests, k, Quantity.parse(v));
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) addTo(limits, k, Quantity.parse(v));
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [list, src] of [
      [requests, c.resources?.requests],
      [limits, c.resources?.limits],
    ] as const) {
      for (const [k, v] of Object.entries(src ?? {})) {
        const q = Quantity.parse(v);
        if (c.restartPolicy === 'Always') addTo(list, k, q);
        else if (!list[k] || q.nanos > list[k]!.nanos) list[k] = q;
      }
    }
  }
  for (const [k, v] of Object.entries(pod.spec?.overhead ?? {})) {
    addTo(requests, k, Quantity.parse(v));
    if (limits[k]) addTo(limits, k, Quantity.parse(v));
  }
  return { requests, limits };
}
