/* amplitude-stand-in: a local imitation of Amplitude's services (Ory Hydra OAuth,
 * the Data API's orgs query, direct signup, project creation, HTTP V2 ingestion)
 * for tests, `make demo` and the Wizard CI harness. Loopback only.
 *
 * All mutable state lives in one struct wiz_si_server behind one mutex; request
 * handlers run with the mutex held, so they never lock themselves. */
#ifndef WIZ_STANDIN_H
#define WIZ_STANDIN_H

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "wiz.h"

#define WIZ_SI_MAX_BODY (1024 * 1024) /* HTTP V2 refuses bigger batches too */
#define WIZ_SI_MAX_LOGGED 10000        /* requests kept for inspection; the oldest go first */
#define WIZ_SI_CODE_TTL 600           /* authorization codes live 10 minutes, like Hydra's */
#define WIZ_SI_US_CLIENT "0ac84169-c41c-4222-885b-31469c761cb0"
#define WIZ_SI_EU_CLIENT "110d04a1-8e60-4157-9c43-fcbe4e014a85"

enum wiz_si_signup { WIZ_SI_SIGNUP_OAUTH, WIZ_SI_SIGNUP_NEEDS_INFO, WIZ_SI_SIGNUP_REQUIRES_AUTH, WIZ_SI_SIGNUP_ERROR };
enum wiz_si_refresh { WIZ_SI_REFRESH_OK, WIZ_SI_REFRESH_INVALID_GRANT, WIZ_SI_REFRESH_REVOKE_ON_REUSE };

/* The run-time settings: flags and POST /__stand-in/config set the same fields. */
struct wiz_si_settings {
    long token_ttl;
    long fail_userinfo; /* remaining /graphql calls that answer 500 */
    long delay_ms;
    long eps_threshold; /* HTTP V2's per-device/per-user limit: events per second (0: off) */
    enum wiz_si_signup signup_reply;
    enum wiz_si_refresh refresh_reply;
    char *user_id, *email, *first_name, *last_name; /* owned */
    json_t *orgs;                                   /* owned: array in the GraphQL shape, without `user` */
};

struct wiz_si_server {
    pthread_mutex_t mu;
    struct wiz_si_settings set;
    char issuer[64]; /* http://127.0.0.1:PORT once listening */
    unsigned char jwt_key[32];
    /* token and code tables: value -> record object (all owned) */
    json_t *codes, *refresh_tokens, *access_tokens, *id_tokens;
    json_t *spent_refresh; /* rotated-away refresh token -> its grant (reuse detection) */
    json_t *idempotency; /* Idempotency-Key -> {status, body} */
    json_t *requests;    /* array: the inspection log */
    json_t *events;      /* array: ingested events */
    json_t *recent;      /* device or user id -> array of the ms times of its events (throttling) */
    long next_app_id;
};

/* One parsed request. Everything is borrowed for the duration of the handler. */
struct wiz_si_req {
    const char *method;
    const char *path;
    void *conn;       /* struct MHD_Connection *, for header lookups */
    json_t *query;    /* object */
    json_t *form;     /* object, or NULL when the body is not form-encoded */
    json_t *json;     /* parsed JSON body, or NULL */
    const char *body; /* raw body, NUL-terminated ("" when none) */
    size_t body_len;
};

/* A reply under construction; the router sends it and wiz_si_reply_clear()s it. */
struct wiz_si_reply {
    unsigned status;
    json_t *json;      /* owned; NULL: empty body */
    char *location;    /* owned; Location header */
    char *retry_after; /* owned; Retry-After header */
    bool cors;         /* add Access-Control-Allow-Origin: * */
};

/* --- server.c: state --- */
/* Initialises srv with the default settings (including a random default org). */
enum wiz_rc wiz_si_server_init(struct wiz_ctx *ctx, struct wiz_si_server *srv);
void wiz_si_server_free(struct wiz_si_server *srv);
/* Applies a settings object (snake_case keys as in --help) atomically: on error
 * nothing changes and ctx names the bad key. */
enum wiz_rc wiz_si_settings_apply(struct wiz_ctx *ctx, struct wiz_si_settings *set, json_t *obj);
/* returns owned json: json_decref() */
json_t *wiz_si_settings_dump(const struct wiz_si_settings *set);
/* Reads an orgs file (an array, or {"orgs": [...]}, or {"data":{"orgs":[...]}}).
 * out: owned array: json_decref() */
enum wiz_rc wiz_si_orgs_load(struct wiz_ctx *ctx, json_t **out, const char *path);

/* --- util.c --- */
/* returns owned string of 2*nbytes hex chars: free() */
char *wiz_si_random_hex(size_t nbytes);
/* returns owned string: free() */
char *wiz_si_b64url(const unsigned char *data, size_t len);
/* base64url(SHA-256(verifier)) compared with challenge */
bool wiz_si_pkce_matches(const char *verifier, const char *challenge);
/* RFC 7636 section 4.1 charset and 43..128 length, for verifiers and challenges */
bool wiz_si_pkce_wellformed(const char *s);
/* returns owned JWT string: free(); claims is borrowed */
char *wiz_si_jwt_make(const struct wiz_si_server *srv, json_t *claims);
/* http://localhost:13222..13232/callback exactly */
bool wiz_si_redirect_allowed(const char *uri);
bool wiz_si_client_known(const char *client_id);
/* borrowed string value of query/form field, or NULL */
const char *wiz_si_field(json_t *obj, const char *name);
/* header value (case-insensitive name), borrowed, or NULL */
const char *wiz_si_header(const struct wiz_si_req *req, const char *name);

/* --- reply helpers (util.c) --- */
void wiz_si_reply_json(struct wiz_si_reply *r, unsigned status, json_t *owned);
/* {"error": error, "error_description": desc} as OAuth 2.0 does */
void wiz_si_reply_oauth_error(struct wiz_si_reply *r, unsigned status, const char *error, const char *desc);
void wiz_si_reply_clear(struct wiz_si_reply *r);

/* --- endpoint handlers: each fills *r; called with srv->mu held --- */
void wiz_si_oauth_authorize(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r);
void wiz_si_oauth_token(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r);
/* Issues a fresh authorization code for the configured user. challenge may be NULL
 * (the signup path, which needs no code_verifier). returns owned string: free() */
char *wiz_si_code_issue(struct wiz_si_server *srv, const char *client_id, const char *redirect_uri,
                        const char *challenge, const char *scope);
void wiz_si_graphql(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r);
void wiz_si_signup(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r);
void wiz_si_projects(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r);
void wiz_si_ingest(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r);
/* true when key is the apiKey of one of the served apps */
bool wiz_si_api_key_served(const struct wiz_si_server *srv, const char *key);
/* /__stand-in/...: requests, events, config, orgs */
void wiz_si_inspect(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r);
/* Appends req to the inspection log (Authorization masked); returns the entry with a reference for the caller
 * (json_decref it), which records the reply's "status" on it; NULL when out of memory. */
json_t *wiz_si_log_request(struct wiz_si_server *srv, const struct wiz_si_req *req, json_t *headers);

/* --- http.c: libmicrohttpd glue --- */
struct MHD_Daemon;
/* Starts listening on 127.0.0.1:port (0 = any free port); *bound gets the port. */
enum wiz_rc wiz_si_http_start(struct wiz_ctx *ctx, struct MHD_Daemon **out, struct wiz_si_server *srv, int port,
                              int *bound);

#endif
