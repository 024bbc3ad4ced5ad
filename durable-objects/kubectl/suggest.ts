// "Did you mean this?": cobra suggests commands within two edits of what was typed, or that start with it.

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** Command names close to `typed`, in the order they are listed. */
export function suggest(typed: string, names: readonly string[]): string[] {
  return names.filter((n) => distance(typed, n) <= 2 || n.startsWith(typed.toLowerCase()));
}
