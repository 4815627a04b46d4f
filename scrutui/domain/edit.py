"""Turning what an officer types into field values, with the same errors as validation."""

from __future__ import annotations

from typing import Any

from scrutui.domain.fields import FIELD_TYPES
from scrutui.domain.records import KindSpec
from scrutui.domain.validation import Invalid, Issue

#: The field types an officer types (the rest are lists of dated entries added one at a time).
EDITABLE = tuple(name for name, t in FIELD_TYPES.items() if t.editable)


def parse_value(kind: KindSpec, name: str, typed: str) -> Any:
    """The value of field `name` from text typed at a prompt or on the command line.

    An empty answer clears an optional field. Names are separated by ';' as the papers print
    them ("Cllr Neil Fawcett; Tom Parsons"); list fields take one item per line.
    """
    spec = kind.spec(name)
    if spec is None or name == "kind":
        fields = ", ".join(f.name for f in kind.editable)
        raise Invalid([Issue((name,), f"not a field of {kind.a_label}", repr(name), fields)])
    field_type = spec.field_type
    if not field_type.editable:
        raise Invalid([Issue((name,), "is a list of dated entries: add one with `scrutui update`")])
    text = field_type.strip(typed)
    if not text.strip():
        if spec.required:
            raise Invalid([Issue((name,), "must not be empty", None, spec.label.lower())])
        return field_type.empty
    return field_type.parse(name, text)


def typed_value(value: Any, field_type: str) -> str:
    """A field's value as an officer would type it back (the inverse of `parse_value`)."""
    return FIELD_TYPES[field_type].format(value)
