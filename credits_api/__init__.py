"""credits-api: track, limit and charge a multi-tenant SaaS's usage in credits."""
