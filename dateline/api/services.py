"""Issuing and checking the tokens that let a source push copy over the API."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from dateline.api.models import SourceToken
from dateline.wires.models import Source

TOKEN_PREFIX = "dl_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_source_token(*, source: Source, name: str) -> tuple[SourceToken, str]:
    """A new token for `source`; the secret is returned here and never again."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = SourceToken.objects.create(
        source=source, name=name.strip()[:120], key_hash=hash_token(token), prefix=token[:10]
    )
    return record, token


def source_token_for(token: str) -> SourceToken | None:
    """The enabled token, of an enabled source, that `token` is; None for anything else.

    The lookup is by hash, an indexed equality, so its timing says nothing about how
    much of a guessed token was right.
    """
    if not token or len(token) > 200:
        return None
    return (
        SourceToken.objects.select_related("source")
        .filter(key_hash=hash_token(token), enabled=True, source__enabled=True)
        .first()
    )
