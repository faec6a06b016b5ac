def test_health(client):
    response = client.get('/api/health')
    assert response.status_code == 200
    assert response.get_json() == {'status': 'ok'}


def test_posts_json(client, auth):
    auth.login()
    client.post('/post/1/like')
    data = client.get('/api/posts').get_json()
    assert data == {'posts': [{'id': 1, 'author': 'ada', 'body': 'Hello, world', 'likes': 1}]}


def test_config_comes_from_the_environment(monkeypatch):
    import importlib

    import chirp.config

    monkeypatch.setenv('CHIRP_POSTS_PER_PAGE', '5')
    try:
        assert importlib.reload(chirp.config).Config.POSTS_PER_PAGE == 5
    finally:
        monkeypatch.delenv('CHIRP_POSTS_PER_PAGE')
        importlib.reload(chirp.config)
