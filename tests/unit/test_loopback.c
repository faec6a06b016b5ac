/* The callback request-line parser, and the listener end to end on an ephemeral port
 * (a forked child plays the browser). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "auth/loopback.h"

static enum wiz_rc parse(const char *req, struct wiz_callback *cb)
{
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    return wiz_callback_parse(&ctx, req, strlen(req), cb);
}

static void parses_callback(void **state)
{
    (void)state;
    struct wiz_callback cb;
    assert_int_equal(parse("GET /callback?code=ab%2Fc+d&state=0123&scope=openid HTTP/1.1\r\nHost: x\r\n\r\n", &cb), WIZ_OK);
    assert_string_equal(cb.code, "ab/c d");
    assert_string_equal(cb.state, "0123");
    assert_null(cb.error);
    wiz_callback_clear(&cb);

    assert_int_equal(parse("GET /callback?error=access_denied&error_description=no%20way&state=s HTTP/1.0\n", &cb), WIZ_OK);
    assert_string_equal(cb.error, "access_denied");
    assert_string_equal(cb.error_description, "no way");
    assert_null(cb.code);
    wiz_callback_clear(&cb);

    /* first occurrence wins; fragments and empty pairs are ignored */
    assert_int_equal(parse("GET /callback?state=a&&state=b&code=&x#frag HTTP/1.1\r\n", &cb), WIZ_OK);
    assert_string_equal(cb.state, "a");
    assert_string_equal(cb.code, "");
    wiz_callback_clear(&cb);

    assert_int_equal(parse("GET /callback HTTP/1.1\r\n", &cb), WIZ_OK);
    assert_null(cb.code);
    wiz_callback_clear(&cb);
}

static void rejects_malformed(void **state)
{
    (void)state;
    struct wiz_callback cb;
    static const char *const bad[] = {
        "POST /callback?code=a HTTP/1.1\r\n",
        "GET /callback?code=a\r\n",
        "GET /callback?code=a HTTP/2.0\r\n",
        "GET /callback?code=%zz HTTP/1.1\r\n",
        "GET /callback?code=%4 HTTP/1.1\r\n",
        "GET /callback?code=%00 HTTP/1.1\r\n",
        "GET http://x/callback?code=a HTTP/1.1\r\n",
        "GET /callback?code=a HTTP/1.1",          /* no end of line yet */
        "GET /call\x01" "back HTTP/1.1\r\n",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse(bad[i], &cb), WIZ_EUSAGE);
        wiz_callback_clear(&cb);
    }
    assert_int_equal(parse("GET /favicon.ico HTTP/1.1\r\n", &cb), WIZ_ENOTFOUND);
    assert_int_equal(parse("GET /callbackX?code=a HTTP/1.1\r\n", &cb), WIZ_ENOTFOUND);
    wiz_callback_clear(&cb);
    /* too many parameters */
    char big[4096] = "GET /callback?";
    for (int i = 0; i < 40; i++)
        strcat(big, "a=b&");
    strcat(big, " HTTP/1.1\r\n");
    assert_int_equal(parse(big, &cb), WIZ_EUSAGE);
    wiz_callback_clear(&cb);
    /* not NUL-terminated input is read only within len */
    char raw[] = {'G', 'E', 'T', ' ', '/'};
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    assert_int_equal(wiz_callback_parse(&ctx, raw, sizeof raw, &cb), WIZ_EUSAGE);
    wiz_callback_clear(&cb);
}

/* Child: sends each request in turn on a new connection, reads the reply's status line
 * into a pipe for the parent. */
static void browser_child(int port, const char *const *reqs, int n, int outfd)
{
    for (int i = 0; i < n; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0)
            _exit(2);
        if (write(fd, reqs[i], strlen(reqs[i])) < 0)
            _exit(3);
        char buf[2048];
        ssize_t r, tot = 0;
        while ((r = read(fd, buf + tot, sizeof buf - 1 - (size_t)tot)) > 0)
            tot += r;
        buf[tot] = '\0';
        char *eol = strstr(buf, "\r\n");
        if (eol)
            *eol = '\0';
        dprintf(outfd, "%s|%s\n", buf, strstr(eol ? eol + 1 : buf, "<h1>") ? "html" : "nohtml");
        close(fd);
    }
    _exit(0);
}

static enum wiz_rc run_listener(const char *const *reqs, int n, const char *state_expected, char **code,
                                char *statuses, size_t cap, struct wiz_ctx *ctx)
{
    struct wiz_loopback lb;
    assert_int_equal(wiz_loopback_open(ctx, 0, 0, &lb), WIZ_OK);
    assert_true(lb.port > 0);
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        browser_child(lb.port, reqs, n, p[1]);
    }
    close(p[1]);
    enum wiz_rc rc = wiz_loopback_wait(ctx, &lb, state_expected, 10, code);
    wiz_loopback_close(&lb);
    int st;
    waitpid(pid, &st, 0);
    ssize_t r, tot = 0;
    while ((r = read(p[0], statuses + tot, cap - 1 - (size_t)tot)) > 0)
        tot += r;
    statuses[tot] = '\0';
    close(p[0]);
    return rc;
}

static void listener_success_after_noise(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    const char *reqs[] = {"GET /favicon.ico HTTP/1.1\r\n\r\n", "garbage\r\n\r\n",
                          "GET /callback?code=the-code&state=s3cr3t HTTP/1.1\r\n\r\n"};
    char *code = NULL;
    char st[512];
    assert_int_equal(run_listener(reqs, 3, "s3cr3t", &code, st, sizeof st, &ctx), WIZ_OK);
    assert_string_equal(code, "the-code");
    free(code);
    assert_non_null(strstr(st, "HTTP/1.1 404 Not Found|html"));
    assert_non_null(strstr(st, "HTTP/1.1 400 Bad Request|html"));
    assert_non_null(strstr(st, "HTTP/1.1 200 OK|html"));
}

static void listener_rejections(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    char st[512];
    char *code = NULL;
    /* replies without this login's state (an error reply too) are answered and ignored:
     * the login goes on waiting and takes the real one */
    const char *wrong[] = {"GET /callback?code=forged&state=other HTTP/1.1\r\n\r\n",
                           "GET /callback?code=forged HTTP/1.1\r\n\r\n",
                           "GET /callback?error=access_denied&state=other HTTP/1.1\r\n\r\n",
                           "GET /callback?error=access_denied HTTP/1.1\r\n\r\n",
                           "GET /callback?code=real&state=expected HTTP/1.1\r\n\r\n"};
    wiz_ctx_init(&ctx);
    assert_int_equal(run_listener(wrong, 5, "expected", &code, st, sizeof st, &ctx), WIZ_OK);
    assert_string_equal(code, "real");
    free(code);
    code = NULL;
    assert_non_null(strstr(st, "400"));
    assert_non_null(strstr(st, "200 OK"));

    const char *denied[] = {"GET /callback?error=access_denied&state=expected HTTP/1.1\r\n\r\n"};
    wiz_ctx_init(&ctx);
    assert_int_equal(run_listener(denied, 1, "expected", &code, st, sizeof st, &ctx), WIZ_EAUTH);
    assert_non_null(strstr(wiz_errmsg(&ctx), "denied"));

    const char *nocode[] = {"GET /callback?state=expected HTTP/1.1\r\n\r\n"};
    wiz_ctx_init(&ctx);
    assert_int_equal(run_listener(nocode, 1, "expected", &code, st, sizeof st, &ctx), WIZ_EAUTH);
    assert_non_null(strstr(wiz_errmsg(&ctx), "no authorization code"));
}

static void listener_timeout_and_busy_range(void **state)
{
    (void)state;
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    struct wiz_loopback a, b;
    assert_int_equal(wiz_loopback_open(&ctx, 0, 0, &a), WIZ_OK);
    char *code = NULL;
    assert_int_equal(wiz_loopback_wait(&ctx, &a, "s", 1, &code), WIZ_EAUTH);
    assert_non_null(strstr(wiz_errmsg(&ctx), "timed out"));
    /* the port is taken while a listens: a range of just that port is exhausted */
    assert_int_equal(wiz_loopback_open(&ctx, a.port, a.port, &b), WIZ_ERR);
    assert_non_null(strstr(wiz_errmsg(&ctx), "in use"));
    wiz_loopback_close(&a);
    wiz_loopback_close(&a); /* idempotent */
    /* and free again once closed */
    int port = a.port;
    assert_int_equal(wiz_loopback_open(&ctx, port, port, &b), WIZ_OK);
    wiz_loopback_close(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_callback),
        cmocka_unit_test(rejects_malformed),
        cmocka_unit_test(listener_success_after_noise),
        cmocka_unit_test(listener_rejections),
        cmocka_unit_test(listener_timeout_and_busy_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
