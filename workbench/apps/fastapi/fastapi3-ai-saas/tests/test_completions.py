from app import engine

TEXT = (
    "The launch moved to Friday. Marketing needs the launch checklist by Wednesday. "
    "Lunch was great. The launch checklist covers pricing, docs and the launch email."
)


def test_engine_picks_the_most_informative_sentences_in_order():
    completion, prompt_tokens, completion_tokens = engine.complete(TEXT, 20)
    assert completion == "The launch moved to Friday. The launch checklist covers pricing, docs and the launch email."
    assert prompt_tokens == len(engine.tokenize(TEXT))
    assert completion_tokens == 15


def test_completion_from_text_records_usage(client):
    response = client.post("/v1/completions", json={"text": TEXT, "max_tokens": 20})
    assert response.status_code == 200
    body = response.json()
    assert body["completion"]
    usage = client.get("/v1/usage").json()
    assert usage == {"workspace": "acme", "requests": 1, "prompt_tokens": body["prompt_tokens"],
                     "completion_tokens": body["completion_tokens"]}


def test_completion_from_a_prompt_template(client):
    prompt = client.post("/v1/prompts", json={"name": "Echo", "template": "Say {word}. Then stop."}).json()
    response = client.post("/v1/completions", json={"prompt_id": prompt["id"], "variables": {"word": "hello"}})
    assert response.json()["completion"] == "Say hello. Then stop."
    missing = client.post("/v1/completions", json={"prompt_id": prompt["id"]})
    assert missing.status_code == 422
    assert "word" in missing.json()["detail"]


def test_completion_errors(client):
    assert client.post("/v1/completions", json={}).status_code == 422
    assert client.post("/v1/completions", json={"prompt_id": 42}).status_code == 404
    assert client.post("/v1/completions", json={"text": "x" * 501}).status_code == 413
    assert client.post("/v1/completions", json={"text": "hi", "max_tokens": 0}).status_code == 422
