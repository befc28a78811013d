"""okrdesk: a desktop facilitator for OKR-setting workshops."""

__version__ = "0.1.0"
