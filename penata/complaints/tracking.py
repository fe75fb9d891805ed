"""Public tracking codes for reports. Pure: no Django, no database.

A code reads ``LPR-7K3M-Q9XA``: seven random characters from ``secrets`` and one check
character, grouped by four for reading aloud on the phone. The alphabet is Crockford's
base 32 without 0, O, 1, I, L and U (30 characters), so no two characters sound or look
alike. 30**7 ≈ 2.2 × 10^10 codes: guessing one is hopeless and collisions are rare (the
submit service rolls back and redoes the insert with a new code). The check character is
Luhn mod N, which catches every single mistyped character and every swap of two neighbours
but one pair.
"""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "LPR"
RANDOM_LENGTH = 7
CODE_LENGTH = len(PREFIX) + 1 + 4 + 1 + 4  # "LPR-XXXX-XXXX"
_BASE = len(ALPHABET)
_INDEX = {char: index for index, char in enumerate(ALPHABET)}


def check_character(payload: str) -> str:
    """The Luhn mod N check character for ``payload`` (characters of ``ALPHABET``)."""
    total = 0
    factor = 2
    for char in reversed(payload):
        addend = factor * _INDEX[char]
        total += addend // _BASE + addend % _BASE
        factor = 1 if factor == 2 else 2
    return ALPHABET[(_BASE - total % _BASE) % _BASE]


def format_code(body: str) -> str:
    """``"7K3MQ9XA"`` → ``"LPR-7K3M-Q9XA"``."""
    return f"{PREFIX}-{body[:4]}-{body[4:]}"


def tracking_code_generate() -> str:
    payload = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return format_code(payload + check_character(payload))


def tracking_code_normalize(text: str) -> str | None:
    """The canonical code for what a person typed, or None when it cannot be one.

    Case, spaces and dashes do not matter and the prefix may be left out:
    ``"lpr 7k3m q9xa"`` and ``"7K3MQ9XA"`` both give ``"LPR-7K3M-Q9XA"``.
    """
    cleaned = "".join(char for char in (text or "").upper() if char not in " -\t")
    if cleaned.startswith(PREFIX):
        cleaned = cleaned[len(PREFIX) :]
    if len(cleaned) != RANDOM_LENGTH + 1 or any(char not in _INDEX for char in cleaned):
        return None
    if not tracking_code_is_valid(format_code(cleaned)):
        return None
    return format_code(cleaned)


def tracking_code_is_valid(code: str) -> bool:
    """True for a well-formed code whose check character matches."""
    if len(code) != CODE_LENGTH or code[:4] != PREFIX + "-" or code[8] != "-":
        return False
    body = code[4:8] + code[9:]
    if any(char not in _INDEX for char in body):
        return False
    return check_character(body[:-1]) == body[-1]
