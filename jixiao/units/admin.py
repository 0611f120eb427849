from django.contrib import admin

from jixiao.units.models import Role, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent", "budget_code"]
    search_fields = ["name"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "kind"]
    list_filter = ["kind"]
