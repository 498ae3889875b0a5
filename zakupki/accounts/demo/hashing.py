"""Cheap password hashing while the demo loads hundreds of accounts that share one published password.

Django's default PBKDF2 costs ~0.25 s per password: a minute of `make demo` for the small scale, an hour
for the larger ones, spent protecting `demo-pass-2026`. The demo hasher keeps Django's algorithm and hash
format with fewer iterations, so the stored hashes verify under the normal settings, and Django re-hashes
each one at full strength on its first successful login (`must_update`)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher
from django.test.utils import override_settings


class DemoPasswordHasher(PBKDF2PasswordHasher):
    iterations = 1_000


@contextlib.contextmanager
def fast_demo_hashing() -> Iterator[None]:
    # Only where PBKDF2 is the configured default: elsewhere (test settings with MD5) hashing is already
    # cheap, and a PBKDF2 hash could not be verified once the override ends.
    if get_hasher().algorithm != DemoPasswordHasher.algorithm:
        yield
        return
    hasher = f"{DemoPasswordHasher.__module__}.{DemoPasswordHasher.__qualname__}"
    with override_settings(PASSWORD_HASHERS=[hasher, *settings.PASSWORD_HASHERS]):
        yield
