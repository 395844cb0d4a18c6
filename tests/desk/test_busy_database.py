"""A desk save while another process holds SQLite's write lock past the busy timeout: the
form comes back with the editor's text and a message, never an error page."""

import pytest
from django.db import connection

from dateline.desk.admin.busy import BUSY
from dateline.newsroom.models import Article
from tests import processes
from tests.desk.conftest import desk_user
from tests.desk.test_editing import change_url, form_data
from tests.factories import ArticleFactory, SectionFactory


@pytest.mark.database("sqlite")
@pytest.mark.django_db(transaction=True)
def test_a_save_refused_by_a_locked_database_keeps_the_form(client):
    article = ArticleFactory(section=SectionFactory(slug="world", name="World"), published=True)
    client.force_login(desk_user("editor"))
    data = form_data(article, headline="Ferry Timetable Changes for Winter")
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout=300")  # the lock outlasts this wait
    holder = processes.hold_sqlite_write_lock(connection.settings_dict["NAME"], 4)
    try:
        response = client.post(change_url(article), data)
    finally:
        holder.wait()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout=20000")

    assert response.status_code == 200
    page = response.content.decode()
    assert "nothing was saved" in page
    assert BUSY.split(";")[0] in page
    assert 'value="Ferry Timetable Changes for Winter"' in page
    assert Article.objects.get(pk=article.pk).headline == article.headline

    again = client.post(change_url(article), data)
    assert again.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "Ferry Timetable Changes for Winter"
