"""Open311 GeoReport v2 over the hotline's own records (see docs/hotline-open311.md)."""
