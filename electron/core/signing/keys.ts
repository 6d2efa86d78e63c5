/**
 * The ledger's Ed25519 signing key (ARCHITECTURE.md: "Exports carry a manifest … signed with the
 * ledger's Ed25519 key"). One key pair per ledger file, made on first use and kept in ledger_meta,
 * so a backup or a restore keeps the same key and an auditor's recorded fingerprint stays valid.
 *
 * What a signature proves: the manifest was made by whoever holds the private key whose public key
 * is printed in it. Anyone can make a key, so the auditor compares the fingerprint with the one the
 * branch gave them (on paper or by phone) — that comparison is what ties a file to a branch.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { sql } from '../db/sql.ts';
import { type Ledger, write } from '../ledger.ts';

const PUBLIC_KEY = 'signing_public_key';
const PRIVATE_KEY = 'signing_private_key';
const CREATED_AT = 'signing_key_created_at';

export interface SigningKey {
  /** SPKI DER, base64: what a manifest carries. */
  publicKey: string;
  fingerprint: string;
  createdAt: string;
  privateKey: KeyObject;
}

export interface PublicSigningKey {
  publicKey: string;
  fingerprint: string;
  createdAt: string;
}

function meta(ledger: Ledger, key: string): string | null {
  return (
    ledger.db.get<{ value: string }>('signing.meta', sql`SELECT value FROM ledger_meta WHERE key = ${key}`)?.value ??
    null
  );
}

function spkiBase64(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

/**
 * A fingerprint two people can read to each other: the first 128 bits of SHA-256 over the SPKI
 * bytes, as eight groups of four hex digits ("3F2A 91C0 …"). 128 bits is far beyond what anyone
 * could forge a matching key for, and short enough to read aloud.
 */
export function publicKeyFingerprint(publicKeyBase64: string): string {
  const digest = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').toUpperCase();
  return (digest.slice(0, 32).match(/.{4}/g) ?? []).join(' ');
}

/** The ledger's own id (ledger_meta 'ledger_id', a UUID made when the file was created). */
export function readLedgerId(ledger: Ledger): string | null {
  return meta(ledger, 'ledger_id');
}

/** The ledger's public key, or null before the first export made one. Never writes. */
export function readPublicSigningKey(ledger: Ledger): PublicSigningKey | null {
  const pem = meta(ledger, PUBLIC_KEY);
  if (!pem) return null;
  const publicKey = spkiBase64(createPublicKey(pem));
  return { publicKey, fingerprint: publicKeyFingerprint(publicKey), createdAt: meta(ledger, CREATED_AT) ?? '' };
}

/**
 * The ledger's key pair, generated on first use in one audited transaction. The check is repeated
 * inside the (IMMEDIATE) transaction, so two processes exporting at once still end with one key.
 */
export function ledgerSigningKey(ledger: Ledger): SigningKey {
  const existing = meta(ledger, PRIVATE_KEY);
  if (!existing) createSigningKey(ledger);
  const privatePem = meta(ledger, PRIVATE_KEY);
  const pub = readPublicSigningKey(ledger);
  if (!privatePem || !pub) throw new Error('signing key missing after creation');
  return { ...pub, privateKey: createPrivateKey(privatePem) };
}

/** Another process made the key between our check and our transaction: roll back, write nothing. */
class KeyAlreadyMade extends Error {}

function createSigningKey(ledger: Ledger): void {
  try {
    storeNewKey(ledger);
  } catch (error) {
    if (!(error instanceof KeyAlreadyMade)) throw error;
  }
}

function storeNewKey(ledger: Ledger): void {
  write(ledger, () => {
    if (meta(ledger, PRIVATE_KEY)) throw new KeyAlreadyMade();
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const createdAt = ledger.clock().toISOString();
    for (const [key, value] of [
      [PUBLIC_KEY, publicPem],
      [PRIVATE_KEY, privatePem],
      [CREATED_AT, createdAt],
    ] as const) {
      ledger.db.run('signing.store', sql`INSERT INTO ledger_meta (key, value) VALUES (${key}, ${value})`);
    }
    const spki = spkiBase64(publicKey);
    const fingerprint = publicKeyFingerprint(spki);
    return {
      result: null,
      audit: {
        action: 'signing.createKey',
        entity: 'ledger',
        // The private key never goes into the audit log.
        after: { algorithm: 'Ed25519', publicKey: spki, fingerprint },
        summary: `生成台账签名密钥（公钥指纹 ${fingerprint}）`,
      },
    };
  });
}

/** Ed25519 signature of `data`, base64. */
export function signDetached(privateKey: KeyObject, data: Uint8Array): string {
  return sign(null, data, privateKey).toString('base64');
}

/** Never throws: a malformed key or signature is simply "does not verify". */
export function verifyDetached(publicKeyBase64: string, data: Uint8Array, signatureBase64: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, data, key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}
