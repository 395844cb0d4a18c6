from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "dateline.stories"
    verbose_name = "Stories"

    def ready(self) -> None:
        from dateline.newsroom import wire_copy
        from dateline.stories import subscribers  # noqa: F401  (connects to the change event)
        from dateline.stories.duplicates import find_near_duplicates

        if find_near_duplicates not in wire_copy.near_duplicate_finders:
            wire_copy.near_duplicate_finders.append(find_near_duplicates)
