"""Recording who changed what. Called explicitly by services, never by signals."""

from typing import Any

from django.db import models

from vendorflow.accounts.models import AuditLog, Organization


def record(
    *,
    organization: Organization,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditLog:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditLog.objects.create(
        organization=organization,
        actor=user,
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        changes=changes or {},
    )
