"""This app's desk screens are registered by the desk, in `dateline/desk/admin/stories.py`.

They record to the desk's audit log and ask the desk's roles, which apps upstream of the
desk do not import.
"""
