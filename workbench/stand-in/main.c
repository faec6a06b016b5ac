/* amplitude-stand-in: flags -> settings -> listen on 127.0.0.1 -> wait for
 * SIGINT/SIGTERM -> stop cleanly. */
#include "standin.h"

#include <errno.h>
#include <getopt.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: amplitude-stand-in [options]\n"
    "\n"
    "A local imitation of Amplitude's services for tests and demos. Listens on\n"
    "127.0.0.1 only and serves, at one base URL:\n"
    "  GET  /oauth2/auth            authorization code + PKCE S256 (approves at once)\n"
    "  POST /oauth2/token           authorization_code (PKCE checked) and refresh_token (rotated)\n"
    "  POST /graphql                the orgs query; Authorization: <raw id token>\n"
    "  POST /t/agentic/signup/v1    direct signup\n"
    "  POST /wizard/projects        project creation; Bearer access token, Idempotency-Key\n"
    "  POST /2/httpapi              HTTP V2 ingestion (CORS allowed)\n"
    "Inspection and control (never delayed, never logged):\n"
    "  GET  /__stand-in/requests    every request: method, path, query, form, json, headers\n"
    "                               (Authorization masked to its first 6 chars; the last 10000\n"
    "                               requests are kept); DELETE clears\n"
    "  GET  /__stand-in/events      ingested events, each with its api_key; DELETE clears\n"
    "  GET  /__stand-in/orgs        the orgs served, including created projects\n"
    "  GET|POST /__stand-in/config  read / change settings: a JSON object with the snake_case\n"
    "                               names below, e.g. {\"fail_userinfo\":2,\"token_ttl\":60}\n"
    "\n"
    "Options:\n"
    "  --port N               port to listen on; 0 (default) picks a free one\n"
    "  --port-file F          write the port to F once listening\n"
    "  --token-ttl S          token lifetime: expires_in and the id token's exp (default 3600)  [token_ttl]\n"
    "  --user-id ID           the signed-in user's id (default 12345)                          [user_id]\n"
    "  --email E              the user's email (default ada@example.com)                       [email]\n"
    "  --first-name F         (default Ada)                                                    [first_name]\n"
    "  --last-name L          (default Lovelace)                                               [last_name]\n"
    "  --orgs FILE            orgs to serve: [{id,name,workspaces:[{id,name,environments:\n"
    "                         [{name,rank,app:{id,apiKey}}]}]}] (or {\"orgs\":[...]}); default:\n"
    "                         one org, one project, environment Production (rank 1) with a\n"
    "                         random 32-hex-char api key                                       [orgs]\n"
    "  --fail-userinfo N      the next N /graphql calls answer 500 (default 0)                 [fail_userinfo]\n"
    "  --signup-reply T       oauth | needs_information | requires_auth | error (default oauth)\n"
    "                         needs_information asks only for missing full_name /\n"
    "                         terms_acceptance, then answers oauth                            [signup_reply]\n"
    "  --refresh-reply T      ok | invalid_grant | revoke_on_reuse (default ok); revoke_on_reuse: [refresh_reply]\n"
    "                         as Ory Hydra, a spent refresh token used again revokes its whole grant\n"
    "  --delay-ms MS          wait MS before every service reply (default 0)                   [delay_ms]\n"
    "  --help                 this text\n"
    "\n"
    "Known OAuth clients: " WIZ_SI_US_CLIENT " (US), " WIZ_SI_EU_CLIENT " (EU).\n"
    "Redirect URIs allowed: http://localhost:13222/callback .. http://localhost:13232/callback.\n"
    "Stops cleanly on SIGINT / SIGTERM. One log line per request on stderr.\n";

/* one line on stderr, exit code 2 */
static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "amplitude-stand-in: %s%s (see --help)\n", what, arg);
    return 2;
}

static bool parse_long(long *out, const char *s)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end)
        return false;
    *out = v;
    return true;
}

/* Writes the port beside F and renames it over F, so readers never see half a file. */
static enum wiz_rc write_port_file(struct wiz_ctx *ctx, const char *path, int port)
{
    char *tmp = wiz_asprintf("%s.tmp.%ld", path, (long)getpid());
    FILE *f = tmp ? fopen(tmp, "w") : NULL;
    if (!f) {
        enum wiz_rc rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot write %s", path);
        free(tmp);
        return rc;
    }
    bool ok = fprintf(f, "%d\n", port) > 0;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        enum wiz_rc rc = wiz_fail_errno(ctx, WIZ_EIO, "cannot write %s", path);
        unlink(tmp);
        free(tmp);
        return rc;
    }
    free(tmp);
    return WIZ_OK;
}

enum { O_PORT = 256, O_PORT_FILE, O_ORGS, O_HELP };

static const struct option longopts[] = {
    {"port", required_argument, NULL, O_PORT},
    {"port-file", required_argument, NULL, O_PORT_FILE},
    {"orgs", required_argument, NULL, O_ORGS},
    {"help", no_argument, NULL, O_HELP},
    /* the rest map 1:1 onto settings; their index below names the setting */
    {"token-ttl", required_argument, NULL, 'n'},
    {"fail-userinfo", required_argument, NULL, 'n'},
    {"delay-ms", required_argument, NULL, 'n'},
    {"user-id", required_argument, NULL, 's'},
    {"email", required_argument, NULL, 's'},
    {"first-name", required_argument, NULL, 's'},
    {"last-name", required_argument, NULL, 's'},
    {"signup-reply", required_argument, NULL, 's'},
    {"refresh-reply", required_argument, NULL, 's'},
    {NULL, 0, NULL, 0},
};

/* "token-ttl" -> "token_ttl" into buf */
static const char *snake(char *buf, size_t n, const char *flag)
{
    snprintf(buf, n, "%s", flag);
    for (char *p = buf; *p; p++)
        if (*p == '-')
            *p = '_';
    return buf;
}

static int run(int argc, char **argv, struct wiz_si_server *srv, json_t *settings)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    long port = 0;
    const char *port_file = NULL;
    int c, idx = -1;
    opterr = 0; /* our own one-line messages */
    while ((c = getopt_long(argc, argv, ":", longopts, &idx)) != -1) {
        char key[32];
        long n;
        switch (c) {
        case O_HELP:
            fputs(usage, stdout);
            return 0;
        case O_PORT:
            if (!parse_long(&port, optarg) || port < 0 || port > 65535)
                return usage_error("--port: not a port number: ", optarg);
            break;
        case O_PORT_FILE:
            port_file = optarg;
            break;
        case O_ORGS: {
            json_t *orgs = NULL;
            if (wiz_si_orgs_load(&ctx, &orgs, optarg) != WIZ_OK)
                return usage_error("--orgs: ", wiz_errmsg(&ctx));
            json_object_set_new(settings, "orgs", orgs);
            break;
        }
        case 'n':
            if (!parse_long(&n, optarg))
                return usage_error("not a number: ", optarg);
            json_object_set_new(settings, snake(key, sizeof key, longopts[idx].name), json_integer(n));
            break;
        case 's':
            json_object_set_new(settings, snake(key, sizeof key, longopts[idx].name), json_string(optarg));
            break;
        case ':':
            return usage_error("missing value for ", argv[optind - 1]);
        default:
            return usage_error("unknown option ", argv[optind - 1]);
        }
        idx = -1;
    }
    if (optind < argc)
        return usage_error("unexpected argument ", argv[optind]);
    if (wiz_si_server_init(&ctx, srv) != WIZ_OK) {
        fprintf(stderr, "amplitude-stand-in: %s\n", wiz_errmsg(&ctx));
        return 1;
    }
    if (wiz_si_settings_apply(&ctx, &srv->set, settings) != WIZ_OK)
        return usage_error("", wiz_errmsg(&ctx));

    /* block the stop signals before MHD starts its threads, so only sigwait sees them */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d = NULL;
    int bound = 0;
    if (wiz_si_http_start(&ctx, &d, srv, (int)port, &bound) != WIZ_OK) {
        fprintf(stderr, "amplitude-stand-in: %s\n", wiz_errmsg(&ctx));
        return 1;
    }
    pthread_mutex_lock(&srv->mu); /* handler threads read it */
    snprintf(srv->issuer, sizeof srv->issuer, "http://127.0.0.1:%d", bound);
    pthread_mutex_unlock(&srv->mu);
    int rc = 0;
    if (port_file && write_port_file(&ctx, port_file, bound) != WIZ_OK) {
        fprintf(stderr, "amplitude-stand-in: %s\n", wiz_errmsg(&ctx));
        rc = 1;
    } else {
        fprintf(stderr, "stand-in: listening on %s\n", srv->issuer);
        int sig = 0;
        sigwait(&stop, &sig);
        fprintf(stderr, "stand-in: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    }
    MHD_stop_daemon(d);
    return rc;
}

int main(int argc, char **argv)
{
    struct wiz_si_server srv;
    memset(&srv, 0, sizeof srv);
    json_t *settings = json_object();
    if (!settings)
        return 1;
    int rc = run(argc, argv, &srv, settings);
    json_decref(settings);
    if (srv.codes) /* initialised */
        wiz_si_server_free(&srv);
    return rc;
}
