from chirp.db import get_db


def test_index_lists_posts(client):
    response = client.get('/')
    assert response.status_code == 200
    assert b'Hello, world' in response.data
    assert b'Log in' in response.data


def test_posting_requires_login(client):
    response = client.post('/post', data={'body': 'hi'})
    assert response.headers['Location'] == '/auth/login'


def test_create_post(client, auth, app):
    auth.login()
    response = client.post('/post', data={'body': 'Second chirp'})
    assert response.status_code == 302
    with app.app_context():
        assert get_db().execute('SELECT COUNT(*) FROM posts').fetchone()[0] == 2
    assert b'Second chirp' in client.get('/').data


def test_post_length_is_limited(client, auth):
    auth.login()
    response = client.post('/post', data={'body': 'x' * 281})
    assert b'limited to 280 characters' in response.data


def test_like_is_counted_once(client, auth, app):
    auth.login()
    client.post('/post/1/like')
    client.post('/post/1/like')
    with app.app_context():
        assert get_db().execute('SELECT COUNT(*) FROM likes').fetchone()[0] == 1
    assert client.post('/post/99/like').status_code == 404


def test_profile(client):
    response = client.get('/u/ada')
    assert b'Analytical engines.' in response.data
    assert client.get('/u/nobody').status_code == 404
