"""Passwords, login lockout, two-factor and the production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.desk.conftest import PASSWORD, desk_user

ROOT = Path(__file__).resolve().parents[2]
LOGIN = "/desk/login/"


def test_passwords_are_hashed_with_argon2_first():
    import config.settings.base as base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # The test settings hash with MD5 for speed; the production hasher works here too
    # (argon2-cffi is installed).
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("s3cret-copy-desk", hasher.salt())
    assert encoded.startswith("argon2$")
    assert hasher.verify("s3cret-copy-desk", encoded)


@pytest.mark.django_db
def test_a_login_is_locked_out_after_repeated_wrong_passwords(client):
    user = desk_user("editor", username="night-editor")

    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(LOGIN, {"username": user.username, "password": "wrong"})
        assert response.status_code in {200, 429}
    locked = client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    assert locked.status_code == 429
    assert "Login locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_right_password_logs_in_and_clears_earlier_failures(client):
    user = desk_user("editor")
    client.post(LOGIN, {"username": user.username, "password": "wrong"})

    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    assert client.get("/desk/").status_code == 200


@pytest.mark.django_db
def test_two_factor_is_asked_only_of_those_who_set_it_up(client):
    user = desk_user("editor")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

    without = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert without.status_code == 200
    assert "_auth_user_id" not in client.session

    code = f"{totp(device.bin_key):06d}"
    with_code = client.post(
        LOGIN, {"username": user.username, "password": PASSWORD, "otp_token": code}
    )
    assert with_code.status_code == 302
    assert client.get("/desk/").status_code == 200


@pytest.mark.django_db
def test_two_factor_is_set_up_from_the_desk(client):
    user = desk_user("reporter")
    client.force_login(user)
    url = reverse("admin:desk-two-factor")

    page = client.get(url).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "Turn two-factor on" in page
    client.post(url, {"token": f"{totp(device.bin_key):06d}"})

    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/desk/").status_code == 200  # verified in this session already


def test_the_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATELINE_SITE_URL": "https://news.example",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests, never deployed
    result = subprocess.run(
        [sys.executable, "-m", "dateline", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
