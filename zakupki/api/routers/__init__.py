"""Routers mirroring the domains; each one only checks shape and calls services and selectors."""
