"""Settings for `make run` and the `dateline` command on a laptop."""

from config.settings.base import *  # noqa: F403
