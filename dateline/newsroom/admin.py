"""This app's desk screens are registered by the desk, in `dateline/desk/admin/`.

They record to the desk's audit log, which apps upstream of the desk do not import.
"""
