"""Excel template, import and export of a unit-year (mounted under /accounts/<unit_id>/<year>/excel/)."""

urlpatterns = []
