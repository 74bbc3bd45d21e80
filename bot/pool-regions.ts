// Operator overrides of the pool → region map (POOL_REGIONS_FILE): {"slug": {"region": "europe", "name": "…"}}.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const schema = z.record(
  z.string().regex(/^[a-z0-9-]{1,60}$/),
  z.object({
    region: z.enum(['north_america', 'asia', 'europe', 'global', 'unknown']),
    name: z.string().max(100).optional(),
  }),
);

export type PoolRegionOverrides = z.infer<typeof schema>;

/** Reads and checks the file; a bad file stops start-up with a message naming it. */
export async function loadPoolRegions(file: string): Promise<PoolRegionOverrides> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`POOL_REGIONS_FILE ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new Error(
      `POOL_REGIONS_FILE ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
