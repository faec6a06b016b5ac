/* Who is signed in, and the org -> project -> environment -> app tree (GraphQL). */
#ifndef WIZ_USERINFO_H
#define WIZ_USERINFO_H

#include "../store/credstore.h"
#include "endpoints.h"

struct wiz_env {
    char *name;
    long rank;
    char *app_id;  /* NULL when the environment has no app */
    char *api_key; /* NULL when the user may not see it (not an org admin) */
};

struct wiz_project {
    char *id, *name;
    struct wiz_env *envs;
    size_t n_envs;
};

struct wiz_org {
    char *id, *name;
    struct wiz_project *projects;
    size_t n_projects;
};

struct wiz_orgs {
    struct wiz_user user; /* orgs[0].user */
    struct wiz_org *orgs;
    size_t n_orgs;
};

void wiz_orgs_clear(struct wiz_orgs *o);

/* Parses the GraphQL orgs reply (pure; fuzzable). No orgs, GraphQL errors, or a bad
 * shape -> WIZ_ENET (WIZ_EAUTH when the server says unauthenticated). out: caller
 * wiz_orgs_clear()s. */
enum wiz_rc wiz_userinfo_parse(struct wiz_ctx *ctx, const char *body, size_t len, enum wiz_zone zone,
                               struct wiz_orgs *out);

/* POST {graphql} with "Authorization: <id_token>". out: caller wiz_orgs_clear()s. */
enum wiz_rc wiz_userinfo_fetch(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const char *id_token,
                               struct wiz_orgs *out);

/* The same, retried after 0.5, 1 and 2 s (a new account takes a moment to provision). */
enum wiz_rc wiz_userinfo_fetch_retry(struct wiz_ctx *ctx, const struct wiz_endpoints *ep, const char *id_token,
                                     struct wiz_orgs *out);

#endif
