"""Form pieces shared by the domain apps."""

from typing import TypeVar

from django import forms

FieldT = TypeVar("FieldT", bound=forms.Field)


def form_field(form: forms.BaseForm, name: str, kind: type[FieldT]) -> FieldT:
    """`form.fields[name]` as the field class it is declared (or built from the model) as."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(
            f"{type(form).__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}."
        )
    return field
