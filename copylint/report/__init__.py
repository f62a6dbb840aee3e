"""Reporters: turn FileResults into text for people or formats for machines."""
