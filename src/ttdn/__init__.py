"""TTĐN: the provincial foreign-information (thông tin đối ngoại) work system.

Each sub-package is one module of the product; `config` wires them into a Django project and
`text` holds the pure Vietnamese text utilities every module shares.
"""
