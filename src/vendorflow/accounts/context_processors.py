from vendorflow.accounts.choices import Role


def membership(request):
    member = getattr(request, "membership", None)
    if member is None or not member:
        return {"member": None, "roles": Role}
    return {
        "member": member,
        "organization": member.organization,
        "roles": Role,
        "can_operate": member.has_role(Role.OPERATOR),
        "can_manage": member.has_role(Role.MANAGER),
        "is_admin": member.has_role(Role.ADMIN),
    }
