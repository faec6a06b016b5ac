def test_requires_a_valid_api_key(client):
    assert client.get("/v1/prompts", headers={"X-API-Key": "nope"}).status_code == 401
    del client.headers["X-API-Key"]
    assert client.get("/v1/prompts").status_code == 401


def test_create_list_and_get_prompts(client):
    created = client.post("/v1/prompts", json={"name": "Recap", "template": "Summarize {doc} for {team}."})
    assert created.status_code == 201
    body = created.json()
    assert body["variables"] == ["doc", "team"]
    assert client.get("/v1/prompts").json() == [body]
    assert client.get(f"/v1/prompts/{body['id']}").json() == body
    assert client.get("/v1/prompts/999").status_code == 404


def test_prompts_are_private_to_their_workspace(client):
    client.post("/v1/prompts", json={"name": "Mine", "template": "x"})
    assert client.get("/v1/prompts", headers={"X-API-Key": "pd_other_key_789"}).json() == []


def test_prompt_validation(client):
    assert client.post("/v1/prompts", json={"name": "", "template": "x"}).status_code == 422
