"""Turning what an officer types into field values, with the same errors as validation."""

from __future__ import annotations

from typing import Any

from scrutui.domain.calendar import parse_uk_date
from scrutui.domain.records import DECISIONS, KindSpec
from scrutui.domain.validation import Invalid, Issue

EDITABLE = ("line", "text", "date", "status", "names", "bool", "int", "lines", "decision")


def parse_value(kind: KindSpec, name: str, typed: str) -> Any:
    """The value of field `name` from text typed at a prompt or on the command line.

    An empty answer clears an optional field. Names are separated by ';' as the papers print
    them ("Cllr Neil Fawcett; Tom Parsons"); list fields take one item per line.
    """
    spec = kind.spec(name)
    if spec is None or name == "kind":
        fields = ", ".join(f.name for f in kind.fields if f.type in EDITABLE)
        raise Invalid([Issue((name,), f"not a field of {kind.a_label}", repr(name), fields)])
    if spec.type not in EDITABLE:
        raise Invalid([Issue((name,), "is a list of dated entries: add one with `scrutui update`")])
    text = typed.strip() if spec.type != "text" else typed.strip("\n")
    if not text.strip():
        if spec.required:
            raise Invalid([Issue((name,), "must not be empty", None, spec.label.lower())])
        if spec.type == "bool":
            return False
        return () if spec.type in ("names", "lines") else None
    if spec.type == "date":
        try:
            return parse_uk_date(text)
        except ValueError:
            raise Invalid(
                [
                    Issue(
                        (name,), "not a date", repr(text), "a real date like 2024-04-11 or 11/04/24"
                    )
                ]
            ) from None
    if spec.type == "bool":
        if text.lower() in ("true", "yes", "y", "1"):
            return True
        if text.lower() in ("false", "no", "n", "0"):
            return False
        raise Invalid([Issue((name,), "not yes or no", repr(text), "yes or no")])
    if spec.type == "int":
        if not text.isdigit():
            raise Invalid([Issue((name,), "not a whole number", repr(text), "1, 2, 3, ...")])
        return int(text)
    if spec.type == "names":
        return tuple(part.strip() for part in text.replace("\n", ";").split(";") if part.strip())
    if spec.type == "lines":
        return tuple(line.strip() for line in text.splitlines() if line.strip())
    if spec.type == "decision":
        match = next((d for d in DECISIONS if d.lower() == text.lower()), None)
        if match is None:
            raise Invalid(
                [
                    Issue(
                        (name,),
                        "unknown executive decision",
                        repr(text),
                        ", ".join(DECISIONS) + " (or empty for none yet)",
                    )
                ]
            )
        return match
    return text


def typed_value(value: Any, field_type: str) -> str:
    """A field's value as an officer would type it back (the inverse of `parse_value`)."""
    if value is None or value is False:
        return "" if value is None else "no"
    if value is True:
        return "yes"
    if hasattr(value, "strftime"):
        return str(value.strftime("%d/%m/%Y"))
    if isinstance(value, tuple):
        return ("; " if field_type == "names" else "\n").join(value)
    return str(value)
