/* Each job's own stand-in server: started on an ephemeral port, asked for the key the
 * wizard will choose, and polled for the events the set-up app sends. */
#include "job.h"

#include <curl/curl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct buf {
    char *p;
    size_t n;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *ud)
{
    struct buf *b = ud;
    size_t add = size * nmemb;
    if (b->n + add > (64u << 20))
        return 0; /* a reply this big is a bug: stop reading */
    char *np = realloc(b->p, b->n + add + 1);
    if (!np)
        return 0;
    memcpy(np + b->n, ptr, add);
    b->p = np;
    b->n += add;
    b->p[b->n] = '\0';
    return add;
}

static enum wiz_rc http(struct wiz_ctx *ctx, const char *method, const char *url, long *status, char **body)
{
    *body = NULL;
    *status = 0;
    CURL *c = curl_easy_init();
    if (!c)
        return wiz_fail(ctx, WIZ_EINTERNAL, "curl_easy_init failed");
    struct buf b = {0};
    curl_easy_setopt(c, CURLOPT_URL, url);
    if (strcmp(method, "GET") != 0)
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROXY, ""); /* loopback only: never through a proxy */
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    CURLcode r = curl_easy_perform(c);
    if (r == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    curl_easy_cleanup(c);
    if (r != CURLE_OK) {
        free(b.p);
        return wiz_fail(ctx, WIZ_ENET, "%s %s: %s", method, url, curl_easy_strerror(r));
    }
    *body = b.p ? b.p : wiz_strdup("");
    return WIZ_OK;
}

enum wiz_rc ci_http_get(struct wiz_ctx *ctx, const char *url, long *status, char **body)
{
    return http(ctx, "GET", url, status, body);
}

enum wiz_rc ci_standin_clear_events(struct ci_job *j)
{
    char *url = wiz_asprintf("%s/__stand-in/events", j->standin_url), *body = NULL;
    long st = 0;
    enum wiz_rc rc = url ? http(&j->ctx, "DELETE", url, &st, &body) : WIZ_EINTERNAL;
    if (!rc && st / 100 != 2)
        rc = wiz_fail(&j->ctx, WIZ_ERR, "DELETE %s answered %ld", url, st);
    free(url);
    free(body);
    return rc;
}

static void nap(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

enum wiz_rc ci_standin_start(struct ci_job *j)
{
    char *pf = wiz_asprintf("%s/standin.port", j->work), *log = wiz_asprintf("%s/standin.log", j->logs);
    if (!pf || !log) {
        free(pf), free(log);
        return wiz_fail(&j->ctx, WIZ_EINTERNAL, "out of memory");
    }
    const char *argv[] = {j->paths->standin, "--port", "0", "--port-file", pf, NULL};
    struct ci_cmd c = {.argv = argv, .env = &j->env, .log = log};
    enum wiz_rc rc = ci_spawn(&j->ctx, &c, &j->standin_pid);
    char *port = NULL;
    for (int i = 0; !rc && i < 500 && !port; i++) { /* readiness wait, up to 10 s */
        size_t n = 0;
        port = ci_read_file(pf, &n);
        if (port && (n == 0 || port[n - 1] != '\n')) {
            free(port); /* not fully written yet */
            port = NULL;
        }
        if (!port && !ci_alive(j->standin_pid, NULL)) {
            j->standin_pid = 0;
            rc = wiz_fail(&j->ctx, WIZ_ERR, "the stand-in exited at start");
        }
        if (!port)
            nap(20);
    }
    if (!rc && !port)
        rc = wiz_fail(&j->ctx, WIZ_ERR, "the stand-in wrote no port within 10 s");
    if (!rc) {
        port[strcspn(port, "\r\n")] = '\0';
        j->standin_url = wiz_asprintf("http://127.0.0.1:%s", port);
    }
    free(j->last_log);
    j->last_log = log;
    free(port);
    free(pf);
    return rc;
}

void ci_standin_stop(struct ci_job *j)
{
    ci_stop(j->standin_pid, SIGTERM, 2000);
    j->standin_pid = 0;
}

enum wiz_rc ci_standin_key(struct ci_job *j)
{
    char *url = wiz_asprintf("%s/__stand-in/orgs", j->standin_url), *body = NULL;
    long st = 0;
    enum wiz_rc rc = url ? ci_http_get(&j->ctx, url, &st, &body) : WIZ_EINTERNAL;
    free(url);
    if (rc)
        return rc;
    json_t *doc = json_loads(body, 0, NULL), *org = json_array_get(doc, 0), *ws;
    free(body);
    long best = -1;
    size_t i, k;
    json_array_foreach(json_object_get(org, "workspaces"), i, ws) {
        json_t *env;
        json_array_foreach(json_object_get(ws, "environments"), k, env) {
            const char *key = json_string_value(json_object_get(json_object_get(env, "app"), "apiKey"));
            long rank = (long)json_integer_value(json_object_get(env, "rank"));
            if (key && key[0] && (best < 0 || rank < best)) {
                best = rank;
                free(j->api_key);
                j->api_key = wiz_strdup(key);
            }
        }
    }
    json_decref(doc);
    if (!j->api_key)
        return wiz_fail(&j->ctx, WIZ_ERR, "the stand-in's orgs hold no API key (status %ld)", st);
    return WIZ_OK;
}

enum wiz_rc ci_standin_wait_event(struct ci_job *j, int timeout_s)
{
    char *url = wiz_asprintf("%s/__stand-in/events", j->standin_url);
    if (!url)
        return wiz_fail(&j->ctx, WIZ_EINTERNAL, "out of memory");
    double end = ci_now() + timeout_s;
    size_t others = 0;
    enum wiz_rc rc = WIZ_ERR;
    while (rc == WIZ_ERR) {
        char *body = NULL;
        long st = 0;
        if (ci_http_get(&j->ctx, url, &st, &body) == WIZ_OK) {
            json_t *doc = json_loads(body, 0, NULL), *ev;
            size_t i;
            others = 0;
            json_array_foreach(doc, i, ev) {
                const char *k = json_string_value(json_object_get(ev, "api_key"));
                if (k && strcmp(k, j->api_key) == 0)
                    rc = WIZ_OK;
                else
                    others++;
            }
            json_decref(doc);
        }
        free(body);
        if (rc == WIZ_ERR && ci_now() > end)
            break;
        if (rc == WIZ_ERR)
            nap(250);
    }
    free(url);
    if (rc)
        return wiz_fail(&j->ctx, WIZ_ERR, "no event with the app's key reached the stand-in within %d s%s", timeout_s,
                        others ? " (events with other keys did)" : "");
    return WIZ_OK;
}
