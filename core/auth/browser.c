/* Browser launch (posix_spawnp, argv only) and the PKCE browser login. */
#include "browser.h"

#include "../http/http.h"
#include "../ui/ui.h"
#include "loopback.h"
#include "oauth.h"
#include "pkce.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_BROWSER_ARGS 32

void wiz_browser_open(struct wiz_ctx *ctx, const char *url, pid_t *pid_out)
{
    *pid_out = -1;
    const char *env = getenv("BROWSER");
    char *copy = wiz_strdup(env && env[0] ? env : "xdg-open");
    if (!copy)
        return;
    char *argv[MAX_BROWSER_ARGS + 2];
    int argc = 0;
    char *save = NULL;
    for (char *tok = strtok_r(copy, " \t", &save); tok && argc < MAX_BROWSER_ARGS;
         tok = strtok_r(NULL, " \t", &save))
        argv[argc++] = tok;
    if (argc == 0) {
        free(copy);
        return;
    }
    argv[argc++] = (char *)url;
    argv[argc] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    /* Keep our stdout clean (e.g. `auth token` prints only the token). */
    posix_spawn_file_actions_adddup2(&fa, 2, 1);
    pid_t pid;
    char *exe = wiz_which(argv[0]); /* absolute PATH entries only: never the cwd's files */
    int err = exe ? posix_spawn(&pid, exe, &fa, NULL, argv, environ) : ENOENT;
    free(exe);
    posix_spawn_file_actions_destroy(&fa);
    if (err) {
        wiz_warn(ctx, "could not start the browser '%s': %s; open the URL yourself", argv[0], strerror(err));
    } else {
        wiz_debug(ctx, "login: started browser '%s' (pid %ld)", argv[0], (long)pid);
        *pid_out = pid;
    }
    free(copy);
}

void wiz_browser_reap(pid_t pid)
{
    if (pid <= 0)
        return;
    /* A browser launcher normally exits at once; a real browser may keep running:
     * give it a moment, then leave it alone. */
    for (int i = 0; i < 100; i++) {
        pid_t r = waitpid(pid, NULL, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return;
        struct timespec ts = {0, 20 * 1000000L};
        nanosleep(&ts, NULL);
    }
}

/* A 0600 page in a 0700 directory of ours that sends the browser on to url: the browser's
 * argv (world-readable in /proc) then names a file, not the state and PKCE challenge.
 * returns owned "file://..." or NULL (then the URL itself is passed); *path: free() */
static char *url_file(struct wiz_ctx *ctx, const char *url, char **path)
{
    *path = NULL;
    const char *home = getenv("HOME");
    char *dir = home && home[0] ? wiz_asprintf("%s/.amplitude/wizard", home) : NULL;
    char *amp = home && home[0] ? wiz_asprintf("%s/.amplitude", home) : NULL;
    struct stat st;
    if (amp)
        (void)mkdir(amp, 0700);
    if (dir)
        (void)mkdir(dir, 0700);
    bool ours = dir && lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
                !(st.st_mode & 0077);
    unsigned char rnd[8];
    char *p = NULL;
    if (ours && RAND_bytes(rnd, sizeof rnd) == 1)
        p = wiz_asprintf("%s/login-%02x%02x%02x%02x%02x%02x%02x%02x.html", dir, rnd[0], rnd[1], rnd[2], rnd[3],
                         rnd[4], rnd[5], rnd[6], rnd[7]);
    free(dir), free(amp);
    int fd = p ? open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        wiz_debug(ctx, "login: no private page for the sign-in URL; passing it to the browser directly");
        free(p);
        return NULL;
    }
    fputs("<!doctype html><meta charset=\"utf-8\"><title>Amplitude sign-in</title>\n<meta http-equiv=\"refresh\" "
          "content=\"0; url=", f);
    for (const char *c = url; *c; c++) /* percent-encoded already: only & needs escaping */
        *c == '&' ? fputs("&amp;", f) : fputc(*c, f);
    fputs("\">\n<p><a href=\"", f);
    for (const char *c = url; *c; c++)
        *c == '&' ? fputs("&amp;", f) : fputc(*c, f);
    fputs("\">Continue to Amplitude sign-in</a></p>\n", f);
    if (fclose(f) != 0) {
        unlink(p);
        free(p);
        return NULL;
    }
    *path = p;
    return wiz_asprintf("file://%s", p);
}

bool wiz_browser_login_possible(const struct wiz_app *app)
{
    if (app->opts.no_browser)
        return true;
    const char *b = getenv("BROWSER");
    if (b && b[0])
        return true;
    enum wiz_ui_mode m = wiz_ui_mode_pick(&app->opts);
    return m == WIZ_UI_INTERACTIVE || m == WIZ_UI_CLASSIC;
}

enum wiz_rc wiz_browser_login(struct wiz_app *app, const struct wiz_endpoints *ep, struct wiz_tokens *out)
{
    struct wiz_ctx *ctx = &app->ctx;
    memset(out, 0, sizeof *out);
    struct wiz_pkce pk;
    enum wiz_rc rc = wiz_pkce_new(ctx, &pk);
    if (rc)
        return rc;
    struct wiz_loopback lb;
    rc = wiz_loopback_open(ctx, WIZ_CALLBACK_PORT_FIRST, WIZ_CALLBACK_PORT_LAST, &lb);
    if (rc) {
        wiz_pkce_clear(&pk);
        return rc;
    }
    char redirect[64];
    snprintf(redirect, sizeof redirect, "http://localhost:%d/callback", lb.port);
    const char *q[] = {"client_id", ep->client_id, "redirect_uri", redirect, "response_type", "code",
                       "code_challenge", pk.challenge, "code_challenge_method", "S256",
                       "scope", "openid offline", "state", pk.state};
    char *url = wiz_http_url(ep->auth_base, "/oauth2/auth", q, sizeof q / sizeof q[0] / 2);
    if (!url) {
        wiz_loopback_close(&lb);
        wiz_pkce_clear(&pk);
        return wiz_fail(ctx, WIZ_EINTERNAL, "cannot build the sign-in URL");
    }
    /* Every front end shows it, whole on its own line (copyable even when wrapped);
     * agent mode also puts it on stderr for a human watching the agent. */
    if (wiz_ui_mode(app) == WIZ_UI_AGENT)
        fprintf(stderr, "To sign in to Amplitude, open this URL in a browser:\n%s\n", url);
    wiz_ui_url(app, "To sign in to Amplitude, open this URL in a browser", url);
    pid_t pid = -1;
    char *page = NULL, *page_url = NULL;
    if (!app->opts.no_browser) {
        page_url = url_file(ctx, url, &page);
        wiz_browser_open(ctx, page_url ? page_url : url, &pid);
    }
    free(url);
    free(page_url);
    char *code = NULL;
    rc = wiz_loopback_wait(ctx, &lb, pk.state, app->opts.login_timeout > 0 ? app->opts.login_timeout : 120, &code);
    wiz_loopback_close(&lb);
    wiz_browser_reap(pid);
    if (page) { /* the page held the state and the challenge: gone with the login */
        unlink(page);
        free(page);
    }
    if (!rc)
        rc = wiz_oauth_exchange_code(ctx, ep, code, redirect, pk.verifier, out);
    if (code) {
        OPENSSL_cleanse(code, strlen(code));
        free(code);
    }
    wiz_pkce_clear(&pk);
    return rc;
}
