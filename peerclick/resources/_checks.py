"""Value checks of the entity resources: what callers send, and what answers must hold.

Checks of caller input raise ValueError/TypeError naming the field as the caller spells it
(`create offer: affiliate_network`); checks of answers (`check_read`) raise the same, and the
fetch turns them into ResponseValidationError with the status and an excerpt of the body.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, TypeGuard

from peerclick.resources._base import check_id

__all__ = [
    "Check",
    "a_mapping",
    "an_id",
    "check_read",
    "fast_check",
    "is_object",
    "money_value",
    "non_empty_str",
    "read_str",
    "str_list",
    "url_str",
]

Check = Callable[[object, str], object]  # raises naming the field; what it returns is unused


def _is_id(value: object) -> bool:
    if type(value) is int:  # most ids: one test (bool is not int's type)
        return value > 0
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def is_object(value: object) -> TypeGuard[Mapping[str, Any]]:
    """A JSON object: parsed JSON gives dicts, so that type is tested first."""
    return type(value) is dict or isinstance(value, Mapping)


def check_read(item: object, where: str, extra: Mapping[str, Check] | None = None) -> None:
    """The fields of an entity the facade relies on: `id` a positive int, `name` a string.

    Raises TypeError/ValueError naming the field (`offers[0].id`); the caller turns them into
    ResponseValidationError with the answer's status and an excerpt.
    """
    if not is_object(item):
        raise TypeError(f"{where} must be an object, got {type(item).__name__}")
    ident = item.get("id")
    if not _is_id(ident):
        raise ValueError(f"{where}.id must be a positive int, got {ident!r}")
    if "name" in item and not isinstance(item["name"], str):
        raise TypeError(f"{where}.name must be a string, got {item['name']!r}")
    if extra:
        for key, check in extra.items():
            if item.get(key) is not None:
                check(item[key], f"{where}.{key}")


def read_str(value: object, where: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{where} must be a string, got {value!r}")


def fast_check(extra: Mapping[str, Check]) -> Callable[[object], bool] | None:
    """A message-free `check_read` for the usual case (True: the item passes), used on long
    lists; None when a read check is not a plain string check."""
    if any(check is not read_str for check in extra.values()):
        return None
    keys = tuple(extra)

    def passes(item: object) -> bool:
        if type(item) is not dict:
            return False
        ident = item.get("id")
        if type(ident) is not int or ident < 1 or type(item.get("name", "")) is not str:
            return False
        for key in keys:
            value = item.get(key)
            if value is not None and type(value) is not str:
                return False
        return True

    return passes


# --- caller input ------------------------------------------------------------------------------
def non_empty_str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, got {type(value).__name__} {value!r}")
    if not value.strip():
        raise ValueError(f"{what} must be a non-empty string, got {value!r}")
    return value


def url_str(value: object, what: str) -> None:
    if not non_empty_str(value, what).startswith(("http://", "https://")):
        raise ValueError(f"{what} must start with http:// or https://, got {value!r}")


def an_id(value: object, what: str) -> None:
    check_id(value, what)


def str_list(value: object, what: str) -> None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{what} must be a list of strings, got {value!r}")


def a_mapping(value: object, what: str) -> None:
    if not isinstance(value, Mapping):
        raise TypeError(f"{what} must be a mapping (an object), got {type(value).__name__}")


def money_value(value: object, what: str) -> None:
    """A `{type, value, currency}` object: `type` a string, `value` a finite number >= 0 or None."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{what} must be a mapping (an object), got {type(value).__name__}")
    kind = value.get("type")
    if not isinstance(kind, str) or not kind.strip():
        raise ValueError(f"{what}.type must be a non-empty string such as 'AUTO', got {kind!r}")
    amount = value.get("value")
    if amount is not None and (
        isinstance(amount, bool)
        or not isinstance(amount, int | float)
        or not math.isfinite(amount)
        or amount < 0
    ):
        raise ValueError(f"{what}.value must be a finite number >= 0 or None, got {amount!r}")
    currency = value.get("currency")
    if currency is not None and not (
        isinstance(currency, str) and len(currency) == 3 and currency.isalpha()
    ):
        raise ValueError(
            f"{what}.currency must be an ISO 4217 code such as 'USD', got {currency!r}"
        )
