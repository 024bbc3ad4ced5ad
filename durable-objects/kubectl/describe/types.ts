// The describer contract: one function per kind, answering the full text kubectl describe prints for one object.
import type { ResourceStrategy } from '../../registry/strategy.ts';
import type { Ctx } from '../context.ts';

export type Describer = (ctx: Ctx, s: ResourceStrategy, namespace: string | undefined, name: string) => Promise<string>;
