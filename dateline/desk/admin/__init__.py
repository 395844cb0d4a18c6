"""Every ModelAdmin of the desk, registered on the desk's site (the default admin site).

They live here rather than in each app's admin.py because they record to the desk's audit
log, and the apps upstream of the desk do not import it.
"""

from dateline.desk.admin import articles, audit, people, stories, topics, wires  # noqa: F401
