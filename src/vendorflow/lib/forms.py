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


def valid_filters(form: forms.BaseForm) -> dict:
    """The cleaned values of a filter form's valid fields: an invalid one (a stale id in a
    bookmarked link, say) is left out on its own instead of dropping every filter."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data
