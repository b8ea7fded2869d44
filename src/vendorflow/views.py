from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from vendorflow.accounts.permissions import member_required


@member_required()
def dashboard(request):
    return render(request, "dashboard.html", {})


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
