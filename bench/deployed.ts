/**
 * How the benchmarks run the API: as it is deployed (NODE_ENV=production, so libraries drop their
 * development checks; the Node flags of its serve script), with throwaway keys made for the run.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** NODE_ENV=production and the keys production refuses to start without, made for this run. */
export function productionEnv(publicUrl = 'http://127.0.0.1'): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    NODE_ENV: 'production',
    NATIONAL_ID_HASH_KEY: randomBytes(32).toString('hex'),
    BADGE_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    PUBLIC_URL: publicUrl,
  };
}

/** The Node flags the API is deployed with: those of the serve script of `root`/api/package.json. */
export function deployedNodeFlags(root: string): string[] {
  const serve = (JSON.parse(readFileSync(resolve(root, 'api/package.json'), 'utf8')) as { scripts: { serve: string } }).scripts.serve;
  return serve.split(/\s+/).filter((t) => /^--[a-z]/.test(t) && !t.startsWith('--conditions'));
}
