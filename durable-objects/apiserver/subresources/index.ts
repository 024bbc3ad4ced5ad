// Every subresource the API serves, by the name in the URL.
import type { Subresource } from './types.ts';
import { status } from './status.ts';
import { scale } from './scale.ts';
import { eviction } from './eviction.ts';
import { binding } from './binding.ts';
import { finalize } from './finalize.ts';
import { log } from './log.ts';
import { exec } from './exec.ts';
import { attach, portforward, proxy } from './unsupported.ts';

export const SUBRESOURCES: Record<string, Subresource> = { status, scale, eviction, binding, finalize, log, exec, attach, portforward, proxy };
