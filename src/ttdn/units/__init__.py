"""Org units (đơn vị), their aliases and reorganisation history, and the users who belong to them.

Units are dated data: names, parents and predecessor/successor links change with each
reorganisation, and old documents still resolve to the units they named.
"""
