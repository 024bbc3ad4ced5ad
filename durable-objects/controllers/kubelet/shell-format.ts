// Text the shell's builtins produce: `date` (with +FORMAT), echo -e escapes and printf formats.

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `date` output (busybox and coreutils agree): `Thu Jan  1 00:00:05 UTC 2026`, or a +FORMAT. */
export function formatDate(ms: number, fmt?: string): string {
  const d = new Date(ms);
  const parts: Record<string, string> = {
    Y: String(d.getUTCFullYear()),
    m: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    e: String(d.getUTCDate()).padStart(2, ' '),
    H: pad(d.getUTCHours()),
    M: pad(d.getUTCMinutes()),
    S: pad(d.getUTCSeconds()),
    s: String(Math.floor(ms / 1000)),
    N: pad((ms % 1000) * 1_000_000, 9),
    a: DAY_NAMES[d.getUTCDay()]!,
    b: MONTHS[d.getUTCMonth()]!,
    Z: 'UTC',
    z: '+0000',
    '%': '%',
  };
  parts.T = `${parts.H}:${parts.M}:${parts.S}`;
  parts.F = `${parts.Y}-${parts.m}-${parts.d}`;
  parts.D = `${parts.m}/${parts.d}/${String(d.getUTCFullYear()).slice(2)}`;
  parts.R = `${parts.H}:${parts.M}`;
  if (!fmt) return `${parts.a} ${parts.b} ${parts.e} ${parts.T} UTC ${parts.Y}`;
  return fmt.replace(/%([A-Za-z%])/g, (m, k: string) => parts[k] ?? m);
}

export function unescape(s: string): string {
  return s.replace(/\\([ntr\\]|c)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', c: '' })[c] ?? c);
}

export function printf(fmt: string, args: string[]): string {
  let out = '';
  let i = 0;
  do {
    out += unescape(fmt).replace(/%(-?\d*)(?:\.(\d+))?([sdifx%])/g, (_, w: string, prec: string | undefined, k: string) => {
      if (k === '%') return '%';
      const a = args[i++] ?? '';
      let v = a;
      if (k === 'd' || k === 'i') v = String(Math.trunc(Number(a) || 0));
      else if (k === 'f') v = (Number(a) || 0).toFixed(prec ? Number(prec) : 6);
      else if (k === 'x') v = (Math.trunc(Number(a)) || 0).toString(16);
      const width = Number(w);
      return w.startsWith('-') ? v.padEnd(-width) : v.padStart(width || 0);
    });
  } while (i < args.length && /%[sdifx]/.test(fmt));
  return out;
}
