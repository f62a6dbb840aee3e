"""Fuzz targets for copylint (atheris); see docs/robustness.md."""
