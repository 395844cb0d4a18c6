"""An id in a URL that no row can have (beyond a 64-bit integer) answers 404, never 500."""

from __future__ import annotations

import pytest

from tests.desk.conftest import desk_user

pytestmark = pytest.mark.django_db

TOO_LARGE = "99999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        f"/article/{TOO_LARGE}/x/",
        f"/article/{TOO_LARGE}/",
        f"/article/{2**63}/x/",
        f"/story/{TOO_LARGE}/",
        f"/api/articles/{TOO_LARGE}",
        f"/api/articles/{2**63}",
    ],
)
def test_an_out_of_range_id_answers_404(client, url):
    client.raise_request_exception = False

    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        f"newsroom/article/{TOO_LARGE}/change/",
        f"newsroom/article/{TOO_LARGE}/preview/",
        f"newsroom/article/{TOO_LARGE}/revisions/",
        f"wires/quarantinedinput/{TOO_LARGE}/change/",
    ],
)
def test_an_out_of_range_id_on_the_desk_is_no_server_error(client, path):
    client.raise_request_exception = False
    client.force_login(desk_user("editor"))

    assert client.get(f"/desk/{path}").status_code in {302, 403, 404}
