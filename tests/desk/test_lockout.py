"""The desk's login lockout counts failures per username and real client address: behind
nginx the address is the one nginx saw, so a stranger's wrong passwords never lock out an
editor who logs in from elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from tests.desk.conftest import PASSWORD, desk_user

pytestmark = pytest.mark.django_db

LOGIN = "/desk/login/"
ATTACKER = "203.0.113.9"
EDITOR_HOME = "198.51.100.7"
ROOT = Path(__file__).resolve().parents[2]


def via_nginx(client, username: str, password: str, address: str, forwarded: str = ""):
    """A login post as nginx forwards it (deploy/proxy_params.conf) from `address`."""
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP=address,
        HTTP_X_FORWARDED_FOR=f"{forwarded}, {address}" if forwarded else address,
    )


def test_a_strangers_failures_behind_nginx_never_lock_out_the_editor(client):
    editor = desk_user("editor", username="night-editor")
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        via_nginx(client, editor.username, "wrong", ATTACKER)

    response = via_nginx(client, editor.username, PASSWORD, EDITOR_HOME)

    assert response.status_code == 302


def test_the_stranger_behind_nginx_is_locked_out_by_address(client):
    editor = desk_user("editor", username="night-editor")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        via_nginx(client, editor.username, "wrong", ATTACKER)

    response = via_nginx(client, editor.username, PASSWORD, ATTACKER)

    assert response.status_code == 429


def test_a_forged_forwarded_for_header_does_not_change_the_address_nginx_saw(client):
    editor = desk_user("editor", username="night-editor")
    for number in range(settings.AXES_FAILURE_LIMIT):
        via_nginx(client, editor.username, "wrong", ATTACKER, forwarded=f"10.0.0.{number}")

    assert via_nginx(client, editor.username, PASSWORD, ATTACKER).status_code == 429


def test_a_client_that_is_no_proxy_cannot_choose_its_address_by_header(client):
    editor = desk_user("editor", username="night-editor")
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": editor.username, "password": "wrong"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_REAL_IP=f"192.0.2.{number}",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )

    locked = client.post(
        LOGIN, {"username": editor.username, "password": PASSWORD}, REMOTE_ADDR=ATTACKER
    )

    assert locked.status_code == 429


def test_nginx_passes_the_client_address_to_the_app():
    params = (ROOT / "deploy" / "proxy_params.conf").read_text()

    assert "proxy_set_header X-Real-IP $remote_addr;" in params
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in params
