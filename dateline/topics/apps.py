from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "dateline.topics"
    verbose_name = "Topics"

    def ready(self) -> None:
        from dateline.newsroom import wire_copy
        from dateline.topics import subscribers  # noqa: F401  (connects to the change event)
        from dateline.topics.services import tag_wire_copy

        if tag_wire_copy not in wire_copy.copy_taggers:
            wire_copy.copy_taggers.append(tag_wire_copy)
