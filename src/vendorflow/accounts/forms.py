from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from vendorflow.accounts.choices import Role
from vendorflow.lib.forms import form_field


class AddMemberForm(forms.Form):
    username = forms.CharField(max_length=150)
    email = forms.EmailField(required=False)
    password = forms.CharField(widget=forms.PasswordInput(render_value=False))
    role = forms.ChoiceField(choices=Role.choices, initial=Role.VIEWER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What uses this token, e.g. 'ERP export'.")


class AuditFilterForm(forms.Form):
    object_type = forms.ChoiceField(label="Type", required=False)
    actor = forms.ModelChoiceField(
        label="Who", queryset=get_user_model().objects.none(), required=False, empty_label="Anyone"
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        types = organization.audit_entries.order_by("object_type").values_list(
            "object_type", flat=True
        )
        choices = [("", "Any type")] + [(t, t) for t in types.distinct()]
        form_field(self, "object_type", forms.ChoiceField).choices = choices
        actors = get_user_model().objects.filter(membership__organization=organization)
        form_field(self, "actor", forms.ModelChoiceField).queryset = actors.order_by("username")


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it has one, else on top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, messages in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
