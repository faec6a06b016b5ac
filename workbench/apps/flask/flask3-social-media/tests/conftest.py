import pytest
from werkzeug.security import generate_password_hash

from chirp import create_app
from chirp.db import get_db, init_db


@pytest.fixture
def app(tmp_path):
    app = create_app({
        'TESTING': True,
        'DATABASE': str(tmp_path / 'test.sqlite'),
        'SECRET_KEY': 'test',
    })
    with app.app_context():
        init_db()
        db = get_db()
        db.execute(
            'INSERT INTO users (username, password, bio) VALUES (?, ?, ?)',
            ('ada', generate_password_hash('correct horse'), 'Analytical engines.'),
        )
        db.execute("INSERT INTO posts (author_id, body) VALUES (1, 'Hello, world')")
        db.commit()
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, username='ada', password='correct horse'):
        return self._client.post('/auth/login', data={'username': username, 'password': password})


@pytest.fixture
def auth(client):
    return AuthActions(client)
