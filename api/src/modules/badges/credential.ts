import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { Config } from '../../config';

/**
 * Open Badges 3.0 credentials as VC-JWT, signed with Ed25519 (JOSE alg EdDSA). Any JOSE library
 * verifies them against the public key published at /.well-known/jwks.json.
 */
export const KEY_ID = 'thidua-badges-1';

let cached: { key: KeyObject; source: string } | null = null;

/** The signing key: BADGE_SIGNING_KEY (PKCS#8 PEM), or outside production a fixed development key. */
export function signingKey(config: Config): KeyObject {
  const source = config.badgeSigningKey ?? 'dev';
  if (cached?.source === source) return cached.key;
  let key: KeyObject;
  if (config.badgeSigningKey) key = createPrivateKey(config.badgeSigningKey.includes('BEGIN') ? config.badgeSigningKey : { key: Buffer.from(config.badgeSigningKey, 'base64'), format: 'der', type: 'pkcs8' });
  else {
    // PKCS#8 wrapping of a 32-byte Ed25519 seed; development only (the seed is public)
    const seed = createHash('sha256').update('thidua-so development badge key').digest();
    key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  }
  cached = { key, source };
  return key;
}

export function publicJwks(config: Config) {
  const jwk = createPublicKey(signingKey(config)).export({ format: 'jwk' });
  return { keys: [{ ...jwk, kid: KEY_ID, alg: 'EdDSA', use: 'sig' }] };
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export interface CredentialInput {
  awardId: string;
  badge: { code: string; name: string; description: string; imageUrl: string | null };
  issuer: { id: number; name: string };
  holderKey: string;
  holderName: string;
  issuedAt: Date;
}

/** The credential (OB 3.0 OpenBadgeCredential) and its compact JWS. The holder is a salted hash. */
export function issueCredential(config: Config, input: CredentialInput): { credential: Record<string, unknown>; jwt: string } {
  const base = config.publicUrl.replace(/\/$/, '');
  const issuerId = `${base}/api/issuers/${input.issuer.id}`;
  const validFrom = input.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const identityHash = 'sha256$' + createHash('sha256').update(`${input.holderKey}|${input.awardId}`).digest('hex');
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${input.awardId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: input.badge.name,
    issuer: { id: issuerId, type: ['Profile'], name: input.issuer.name },
    validFrom,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'identifier', hashed: true, identityHash }],
      achievement: {
        id: `${base}/api/badges/${input.badge.code}`,
        type: ['Achievement'],
        name: input.badge.name,
        description: input.badge.description,
        criteria: { narrative: input.badge.description },
        ...(input.badge.imageUrl ? { image: { id: input.badge.imageUrl, type: 'Image' } } : {}),
      },
    },
    credentialStatus: { id: `${base}/xac-minh/${input.awardId}`, type: 'ThiDuaSoStatus' },
  };
  const header = { alg: 'EdDSA', typ: 'JWT', kid: KEY_ID };
  const payload = { iss: issuerId, jti: credential.id, sub: identityHash, nbf: Math.floor(input.issuedAt.getTime() / 1000), vc: credential };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = sign(null, Buffer.from(signingInput), signingKey(config));
  return { credential, jwt: `${signingInput}.${b64url(signature)}` };
}
