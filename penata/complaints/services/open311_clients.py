"""API keys of Open311 clients (applications that POST reports through GeoReport v2).

A key is 40 random letters and digits (about 238 bits). Only its SHA-256 is stored: a
slow password hash (PBKDF2) protects low-entropy passwords against guessing, which a
random key of this length does not need, and it would cost tens of milliseconds on every
submission (the target is at least 100 submissions a second). The first characters are
kept in clear as ``key_prefix`` so a key is found by an indexed lookup and then compared
in constant time.
"""

import hashlib
import hmac
import string
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from penata.core.events import event_record

from ..models import Open311Client

KEY_LENGTH = 40
KEY_PREFIX_LENGTH = 8
KEY_ALPHABET = string.ascii_letters + string.digits
# ``last_used_at`` is informative (which clients are still in use): writing it on every
# request would turn each read into a write, so it is refreshed at most once a minute.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _key_new() -> str:
    return get_random_string(KEY_LENGTH, KEY_ALPHABET)


def _key_set(client: Open311Client, key: str) -> None:
    client.key_prefix = key[:KEY_PREFIX_LENGTH]
    client.key_hash = _key_hash(key)


@transaction.atomic
def open311_client_create(*, name: str, contact: str = "", actor) -> tuple[Open311Client, str]:
    """Register a client. Returns it and its key: show the key once, only its hash is kept."""
    key = _key_new()
    client = Open311Client(name=name.strip(), contact=contact.strip(), is_active=True)
    _key_set(client, key)
    client.full_clean()
    client.save(force_insert=True)
    event_record(
        subject=client,
        action="open311_client.created",
        actor=actor,
        to_state={"name": client.name, "key_prefix": client.key_prefix, "is_active": True},
    )
    return client, key


@transaction.atomic
def open311_client_update(*, client: Open311Client, name: str, contact: str, actor) -> Open311Client:
    before = {"name": client.name, "contact": client.contact}
    client.name, client.contact = name.strip(), contact.strip()
    client.full_clean()
    client.save(update_fields=["name", "contact", "updated_at"])
    after = {"name": client.name, "contact": client.contact}
    if after != before:
        event_record(
            subject=client, action="open311_client.updated", actor=actor, from_state=before, to_state=after
        )
    return client


@transaction.atomic
def open311_client_key_regenerate(*, client: Open311Client, actor) -> tuple[Open311Client, str]:
    """Replace the key: the old one stops working at once. Returns the client and the new key."""
    client = Open311Client.objects.select_for_update().get(pk=client.pk)
    old_prefix = client.key_prefix
    key = _key_new()
    _key_set(client, key)
    client.save(update_fields=["key_prefix", "key_hash", "updated_at"])
    event_record(
        subject=client,
        action="open311_client.key_regenerated",
        actor=actor,
        from_state={"key_prefix": old_prefix},
        to_state={"key_prefix": client.key_prefix},
    )
    return client, key


def _active_set(*, client: Open311Client, active: bool, actor, action: str) -> Open311Client:
    with transaction.atomic():
        client = Open311Client.objects.select_for_update().get(pk=client.pk)
        if client.is_active == active:
            return client
        client.is_active = active
        client.save(update_fields=["is_active", "updated_at"])
        event_record(
            subject=client,
            action=action,
            actor=actor,
            from_state={"is_active": not active},
            to_state={"is_active": active},
        )
    return client


def open311_client_deactivate(*, client: Open311Client, actor) -> Open311Client:
    """The client's key is refused from now on (403). Idempotent: no event when already inactive."""
    return _active_set(client=client, active=False, actor=actor, action="open311_client.deactivated")


def open311_client_activate(*, client: Open311Client, actor) -> Open311Client:
    return _active_set(client=client, active=True, actor=actor, action="open311_client.activated")


def open311_client_authenticate(key: str) -> Open311Client | None:
    """The active client holding ``key``, or None. One indexed query, plus at most one
    UPDATE a minute per client for ``last_used_at``."""
    if not key or len(key) != KEY_LENGTH:
        return None
    digest = _key_hash(key)
    found = None
    for client in Open311Client.objects.filter(key_prefix=key[:KEY_PREFIX_LENGTH], is_active=True):
        # Every candidate is compared (no early exit) in constant time.
        if hmac.compare_digest(client.key_hash, digest):
            found = client
    if found is not None:
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_RESOLUTION:
            Open311Client.objects.filter(pk=found.pk).update(last_used_at=now)
            found.last_used_at = now
    return found
