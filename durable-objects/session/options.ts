// What a person may ask for when creating a sandbox, validated with zod (the public REST contract).
import { z } from 'zod';

export const SessionOptionsSchema = z
  .object({
    workers: z.number().int().min(0).max(50).default(2),
    controlPlanes: z.number().int().min(1).max(7).default(3),
    profile: z.enum(['realistic', 'fast']).default('realistic'),
    network: z.enum(['overlay', 'flat']).default('overlay'),
    /** Seconds of inactivity before the sandbox deletes itself. */
    ttlSeconds: z.number().int().min(60).max(7 * 24 * 3600).optional(),
  })
  .strict();

export type SessionOptions = z.infer<typeof SessionOptionsSchema>;
