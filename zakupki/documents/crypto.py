"""Pure cryptography for electronic signatures: no Django, no database.

- Hash: GOST R 34.11-2012 «Стрибог» 256-bit (gostcrypto). `streebog256` returns the bytes in the order
  gostcrypto produces them; RFC 6986 writes the same value as a number, i.e. these bytes reversed.
- Signature: GOST R 34.10-2012, 256-bit, curve id-tc26-gost-3410-2012-256-paramSetB (the CryptoPro-A
  parameters, R 1323565.1.024-2019). The standard signs α mod q, where α is the hash vector read as a
  number; with gostcrypto's byte order that number is the little-endian reading of the digest, so the
  digest is reversed before it is handed to gostcrypto (which reads big-endian).
- Private keys at rest: AES-256-GCM under a key derived with HKDF-SHA256 from a server secret; the
  associated data binds the sealed key to its record, so a sealed key cannot be moved to another row.
"""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from gostcrypto import gosthash, gostsignature

DEFAULT_CURVE = "id-tc26-gost-3410-2012-256-paramSetB"
KEY_SIZE = 32  # bytes: private key, digest, each half of the public key and of the signature
_SEALED_PREFIX = "v1:"
_NONCE_SIZE = 12
_HKDF_INFO = b"zakupki.documents.signing-key-seal.v1"


class CryptoError(Exception):
    """A sealed key that cannot be opened, an unknown curve: never a user error."""


def streebog256(data: bytes) -> bytes:
    """GOST R 34.11-2012 256-bit digest of `data`."""
    return bytes(gosthash.new("streebog256", data=data).digest())


def streebog256_hex(data: bytes) -> str:
    return streebog256(data).hex()


def _signer(curve: str) -> gostsignature.GOST34102012:
    try:
        params = gostsignature.CURVES_R_1323565_1_024_2019[curve]
    except KeyError as exc:
        raise CryptoError(f"unknown curve {curve!r}") from exc
    if curve != DEFAULT_CURVE:
        raise CryptoError(f"only the 256-bit curve {DEFAULT_CURVE} is supported, not {curve!r}")
    return gostsignature.new(gostsignature.MODE_256, params)


def _curve_order(curve: str) -> int:
    _signer(curve)  # validates the name
    return int(gostsignature.CURVES_R_1323565_1_024_2019[curve]["q"])


def private_key_generate(curve: str = DEFAULT_CURVE) -> bytes:
    """A private key d uniform in [1, q−1] (not raw random bytes, which may exceed q)."""
    d = secrets.randbelow(_curve_order(curve) - 1) + 1
    return d.to_bytes(KEY_SIZE, "big")


def public_key_derive(private_key: bytes, curve: str = DEFAULT_CURVE) -> bytes:
    """The public point Q = d·P as x ‖ y, each 32 bytes big-endian."""
    return bytes(_signer(curve).public_key_generate(bytearray(private_key)))


def _hash_number(digest: bytes) -> bytearray:
    if len(digest) != KEY_SIZE:
        raise CryptoError("a 256-bit digest is expected")
    return bytearray(digest[::-1])


def sign_digest(*, private_key: bytes, digest: bytes, curve: str = DEFAULT_CURVE) -> bytes:
    """The signature r ‖ s (64 bytes) of a Streebog-256 digest."""
    return bytes(_signer(curve).sign(bytearray(private_key), _hash_number(digest)))


def verify_digest(*, public_key: bytes, digest: bytes, signature: bytes, curve: str = DEFAULT_CURVE) -> bool:
    """True only for a valid signature; malformed keys or signatures are simply invalid."""
    if len(public_key) != 2 * KEY_SIZE or len(signature) != 2 * KEY_SIZE or len(digest) != KEY_SIZE:
        return False
    try:
        return bool(_signer(curve).verify(bytearray(public_key), _hash_number(digest), bytearray(signature)))
    except gostsignature.GOSTSignatureError:
        return False


def _sealing_key(secret: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO)
    return hkdf.derive(secret.encode())


def private_key_seal(private_key: bytes, *, secret: str, context: str) -> str:
    """Encrypts a private key for storage. `context` (e.g. the key's serial) must be given again to open it."""
    nonce = secrets.token_bytes(_NONCE_SIZE)
    sealed = AESGCM(_sealing_key(secret)).encrypt(nonce, private_key, context.encode())
    return _SEALED_PREFIX + (nonce + sealed).hex()


def private_key_open(sealed: str, *, secrets_to_try: list[str], context: str) -> bytes:
    """Decrypts a sealed private key, trying the current secret first, then the fallbacks."""
    if not sealed.startswith(_SEALED_PREFIX):
        raise CryptoError("unknown sealed key format")
    try:
        raw = bytes.fromhex(sealed.removeprefix(_SEALED_PREFIX))
    except ValueError as exc:
        raise CryptoError("sealed key is not hex") from exc
    nonce, ciphertext = raw[:_NONCE_SIZE], raw[_NONCE_SIZE:]
    for secret in secrets_to_try:
        try:
            return AESGCM(_sealing_key(secret)).decrypt(nonce, ciphertext, context.encode())
        except InvalidTag:
            continue
    raise CryptoError("sealed key cannot be opened with the server secret")
