"""Organisations (province → kabupaten/kota → OPD → unit), memberships and role permissions."""
