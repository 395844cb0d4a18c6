"""Settings for bench/bench_speed.py: the project as it is, plus the naive page's URL."""

from config.settings.local import *  # noqa: F403

ROOT_URLCONF = "bench.naive"
