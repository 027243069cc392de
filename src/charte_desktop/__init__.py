"""Charte: steer a territorial charter or action plan, offline."""

__version__ = "0.1.0"
