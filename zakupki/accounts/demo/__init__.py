"""Deterministic demo data: a plan generated from a seed (generator.py), loaded through the services
(loader.py), so the audit journal holds the same history a real platform would."""
