"""Load tools run by hand (not collected by pytest)."""
