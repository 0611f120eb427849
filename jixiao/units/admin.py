from django.contrib import admin

from jixiao.units.models import Role, Unit

# The admin speaks Chinese like the rest of the product.
admin.site.site_header = "绩效管理平台 · 系统管理"
admin.site.site_title = "绩效管理平台"
admin.site.index_title = "系统管理"


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent", "budget_code"]
    search_fields = ["name"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "kind"]
    list_filter = ["kind"]
