// `kubectl get` without -o (or with -o wide): server Tables decorated with NAMESPACE, kind prefixes and label
// columns, laid out with the get tabwriter; one block per resource type, separated by a blank line.
import type { ResourceStrategy } from '../../registry/strategy.ts';
import type { Table } from '../client.ts';
import { escapeTerminal, formatLabels, tableWriter, type TabWriter } from '../print.ts';
import { kindPrefix } from '../resources.ts';

export interface TableOptions {
  wide: boolean;
  noHeaders: boolean;
  withNamespace: boolean;
  withKind: boolean;
  showLabels: boolean;
  labelColumns: string[];
}

interface Column {
  name: string;
  priority: number;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return escapeTerminal(String(v));
  const brk = v.search(/[\f\n\r]/);
  return brk >= 0 ? `${escapeTerminal(v.slice(0, brk))}...` : escapeTerminal(v);
}

/** decorateTable: the extra columns kubectl adds from each row's object metadata. */
function decorate(s: ResourceStrategy, t: Table, o: TableOptions): { columns: Column[]; rows: string[][] } {
  const columns: Column[] = [];
  const withNs = o.withNamespace && s.namespaced;
  if (withNs) columns.push({ name: 'Namespace', priority: 0 });
  columns.push(...t.columnDefinitions.map((c) => ({ name: c.name, priority: c.priority ?? 0 })));
  for (const l of o.labelColumns) columns.push({ name: l.split('/').pop()!.toUpperCase(), priority: 0 });
  if (o.showLabels) columns.push({ name: 'Labels', priority: 0 });
  const nameCol = t.columnDefinitions.findIndex((c) => c.format === 'name' && c.type === 'string');
  const rows = t.rows.map((r) => {
    const meta = r.object?.metadata;
    const cells = r.cells.slice(0, t.columnDefinitions.length).map(cellText);
    if (o.withKind && nameCol >= 0) cells[nameCol] = `${kindPrefix(s)}/${cells[nameCol]}`;
    const out = withNs ? [meta?.namespace ?? '', ...cells] : cells;
    for (const l of o.labelColumns) out.push(meta?.labels?.[l] ?? '');
    if (o.showLabels) out.push(formatLabels(meta?.labels));
    return out;
  });
  return { columns, rows };
}

/** Prints Tables the way one HumanReadablePrinter per resource type does, sharing one output. */
export class TablePrinter {
  private w: TabWriter = tableWriter();
  private out = '';
  private pendingSeparator = false;
  private lastStrategy: ResourceStrategy | undefined;
  private printedHeaders = false;
  private written = false;

  constructor(private readonly o: TableOptions) {}

  print(s: ResourceStrategy, t: Table): void {
    if (this.lastStrategy !== s) {
      this.flushBlock();
      if (this.lastStrategy && !this.o.noHeaders && this.written) this.pendingSeparator = true;
      this.lastStrategy = s;
      this.printedHeaders = false;
    }
    const { columns, rows } = decorate(s, t, this.o);
    if (!rows.length) return;
    const visible = columns.map((c, i) => ({ c, i })).filter(({ c }) => this.o.wide || c.priority === 0);
    let text = '';
    if (!this.o.noHeaders && !this.printedHeaders) text += `${visible.map(({ c }) => c.name.toUpperCase()).join('\t')}\n`;
    this.printedHeaders = true;
    for (const r of rows) text += `${visible.map(({ i }) => r[i] ?? '').join('\t')}\n`;
    if (this.pendingSeparator) {
      this.out += '\n';
      this.pendingSeparator = false;
    }
    this.w.write(text);
    this.written = true;
  }

  private flushBlock(): void {
    this.out += this.w.toString();
    this.w = tableWriter();
  }

  /** Everything printed so far; empty when no table had a row. */
  finish(): string {
    this.flushBlock();
    return this.out;
  }

  get wroteAnything(): boolean {
    return this.written;
  }
}
