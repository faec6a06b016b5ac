from flask import g, session

from chirp.db import get_db


def test_register_then_login(client, app):
    response = client.post('/auth/register', data={'username': 'grace', 'password': 'cobol-1959'})
    assert response.headers['Location'] == '/auth/login'
    with app.app_context():
        assert get_db().execute("SELECT id FROM users WHERE username = 'grace'").fetchone() is not None
    with client:
        client.post('/auth/login', data={'username': 'grace', 'password': 'cobol-1959'})
        client.get('/')
        assert g.user['username'] == 'grace'


def test_register_rejects_short_password_and_duplicates(client):
    assert b'at least 8 characters' in client.post(
        '/auth/register', data={'username': 'bob', 'password': 'short'}).data
    assert b'already registered' in client.post(
        '/auth/register', data={'username': 'ada', 'password': 'long enough'}).data


def test_login_with_wrong_password(client):
    response = client.post('/auth/login', data={'username': 'ada', 'password': 'wrong'})
    assert b'Incorrect username or password.' in response.data


def test_logout_clears_the_session(client, auth):
    with client:
        auth.login()
        assert session['user_id'] == 1
        client.get('/auth/logout')
        assert 'user_id' not in session
