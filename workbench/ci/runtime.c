/* The runtime level: the set-up app started with its *_AMPLITUDE_SERVER_URL at the job's
 * stand-in; a real request (servers) or its page in headless Chromium (browser apps);
 * passes when an event carrying the app's own key reaches the stand-in. Python apps run
 * through workbench/apps/python-check. */
#include "job.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* seconds to wait for the first event; WIZARD_CI_EVENT_TIMEOUT overrides (tests of a
 * deliberately silent app need not wait the full time) */
static int event_timeout(void)
{
    const char *s = getenv("WIZARD_CI_EVENT_TIMEOUT");
    int v = s ? atoi(s) : 0;
    return v > 0 ? v : 20;
}
#define READY_TIMEOUT 90

/* A port free right now on 127.0.0.1 (the app binds it a moment later). */
static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    int port = -1;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

static void nap(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Waits until the app answers url (a readiness wait), then checks status and text. */
static enum wiz_rc request(struct ci_job *j, pid_t server, const char *url)
{
    json_t *want_st = ci_exp_get(j, "start.expect_status");
    long want = json_is_integer(want_st) ? (long)json_integer_value(want_st) : 200;
    const char *text = ci_exp_str(j, "start.expect_text");
    double end = ci_now() + READY_TIMEOUT;
    for (;;) {
        long st = 0;
        char *body = NULL;
        struct wiz_ctx quiet;
        wiz_ctx_init(&quiet);
        if (ci_http_get(&quiet, url, &st, &body) == WIZ_OK) {
            enum wiz_rc rc = WIZ_OK;
            if (st != want)
                rc = wiz_fail(&j->ctx, WIZ_ERR, "GET %s answered %ld, expected %ld", url, st, want);
            else if (text && !strstr(body, text))
                rc = wiz_fail(&j->ctx, WIZ_ERR, "GET %s: the page lacks '%s'", url, text);
            free(body);
            return rc;
        }
        if (!ci_alive(server, NULL))
            return wiz_fail(&j->ctx, WIZ_ERR, "the app exited before it answered %s", url);
        if (ci_now() > end)
            return wiz_fail(&j->ctx, WIZ_ERR, "the app did not answer %s within %d s", url, READY_TIMEOUT);
        nap(200);
    }
}

/* Opens url in headless Chromium and keeps the page open (real time, so the SDK's batch
 * timer fires and its request completes) until the event arrives or the wait ends. */
static enum wiz_rc browse(struct ci_job *j, const char *url, const struct ci_env *env)
{
    char *chromium = ci_which(env, "chromium");
    if (!chromium)
        chromium = ci_which(env, "chromium-browser");
    if (!chromium)
        return wiz_fail(&j->ctx, WIZ_ENOTFOUND, "chromium not found (scripts/install-deps runtime)");
    char *profile = wiz_asprintf("--user-data-dir=%s/chromium-profile", j->work);
    /* no network beyond loopback: every other host name fails to resolve */
    const char *argv[] = {chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                          "--disable-quic", "--no-first-run", "--no-default-browser-check",
                          "--disable-background-networking", "--disable-component-update", "--disable-sync",
                          "--disable-extensions", "--disable-default-apps", "--metrics-recording-only",
                          "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
                          profile, url, NULL};
    char *log = ci_job_log(j, "chromium");
    struct ci_cmd c = {.argv = argv, .cwd = j->work, .env = env, .log = log};
    pid_t pid = 0;
    enum wiz_rc rc = profile && log ? ci_spawn(&j->ctx, &c, &pid) : WIZ_EINTERNAL;
    if (!rc) {
        free(j->last_log);
        j->last_log = log;
        log = NULL;
        ci_step(j, "event");
        rc = ci_standin_wait_event(j, event_timeout());
        ci_stop(pid, SIGTERM, 3000);
    }
    free(log);
    free(profile);
    free(chromium);
    return rc;
}

static enum wiz_rc node_runtime(struct ci_job *j, struct ci_env *env)
{
    const char *kind = ci_exp_str(j, "start.kind");
    kind = kind ? kind : "server";
    if (strcmp(kind, "server") && strcmp(kind, "browser"))
        return wiz_fail(&j->ctx, WIZ_ENOTFOUND, "start.kind '%s' is not one wizard-ci can run", kind);
    int port = free_port();
    char ps[16];
    snprintf(ps, sizeof ps, "%d", port);
    const char *port_env = ci_exp_str(j, "start.port_env");
    if (port < 0 || ci_env_set(env, port_env ? port_env : "PORT", ps))
        return wiz_fail(&j->ctx, WIZ_ERR, "no free port for the app");
    ci_step(j, "start");
    char **argv = ci_exp_argv(j, "start.command", ps);
    if (!argv) {
        free(j->last_log); /* no command ran: no log to show */
        j->last_log = NULL;
        return wiz_fail(&j->ctx, WIZ_ERR, "expect.json has no start.command");
    }
    char *log = ci_job_log(j, argv[0]);
    free(j->last_log);
    j->last_log = log ? wiz_strdup(log) : NULL;
    struct ci_cmd c = {.argv = (const char *const *)argv, .cwd = j->app, .env = env, .log = log};
    pid_t server = 0;
    enum wiz_rc rc = log ? ci_spawn(&j->ctx, &c, &server) : WIZ_EINTERNAL;
    ci_argv_free(argv);
    if (rc) {
        free(log);
        return rc;
    }
    const char *path = ci_exp_str(j, "start.request_path");
    char *url = wiz_asprintf("http://127.0.0.1:%d%s", port, path ? path : "/");
    rc = url ? request(j, server, url) : WIZ_EINTERNAL;
    free(url);
    if (!rc && !strcmp(kind, "browser")) {
        ci_step(j, "browser");
        char *page = wiz_asprintf("http://127.0.0.1:%d/", port);
        rc = page ? browse(j, page, env) : WIZ_EINTERNAL;
        free(page);
    } else if (!rc) {
        ci_step(j, "event"); /* on failure, the app's own log tells most */
        free(j->last_log);
        j->last_log = wiz_strdup(log);
        rc = ci_standin_wait_event(j, event_timeout());
    }
    ci_stop(server, SIGINT, 5000);
    free(log);
    return rc;
}

static enum wiz_rc python_runtime(struct ci_job *j, const struct ci_env *env)
{
    if (!j->paths->python_check)
        return wiz_fail(&j->ctx, WIZ_ENOTFOUND, "workbench/apps/python-check not found");
    if (access(ci_python(), X_OK) != 0)
        return wiz_fail(&j->ctx, WIZ_ENOTFOUND, "%s not found (scripts/install-deps runtime)", ci_python());
    ci_step(j, "python-check");
    const char *argv[] = {"bash", j->paths->python_check, j->app, NULL};
    enum wiz_rc rc = ci_job_run(j, argv, env, 600, NULL);
    if (!rc)
        ci_step(j, "event"), rc = ci_standin_wait_event(j, event_timeout());
    return rc;
}

enum wiz_rc ci_level_runtime(struct ci_job *j)
{
    ci_step(j, "runtime-env");
    struct ci_env env;
    enum wiz_rc rc = ci_app_env(j, &env);
    if (!rc) /* only what the running app sends counts, not what the build level's tests sent */
        rc = ci_standin_clear_events(j);
    const char *lang = ci_exp_str(j, "language");
    if (!rc)
        rc = lang && !strcmp(lang, "python") ? python_runtime(j, &env) : node_runtime(j, &env);
    ci_env_free(&env);
    return rc;
}
