"""Rapor: run a local government's Bureaucratic Reform evaluation and steer it to a target."""

__version__ = "0.1.0"
