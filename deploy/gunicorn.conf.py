"""gunicorn for `make serve-prod`: processes for the CPU, threads for waiting on the database."""

import multiprocessing
import os

bind = f"127.0.0.1:{os.environ.get('APP_PORT', '8002')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
keepalive = 30
accesslog = None
preload_app = True
