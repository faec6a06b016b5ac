/* Loopback callback listener: plain sockets and poll, one request at a time. */
#include "loopback.h"
#include "pkce.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define REQ_MAX 8192
#define CONN_TIMEOUT_MS 5000

enum wiz_rc wiz_loopback_open(struct wiz_ctx *ctx, int first, int last, struct wiz_loopback *out)
{
    out->fd = -1;
    out->port = 0;
    for (int port = first; port <= last; port++) {
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
            return wiz_fail_errno(ctx, WIZ_ERR, "cannot create the callback socket");
        /* REUSEADDR: a previous login's TIME_WAIT must not push us off 13222; Linux
         * still refuses the bind while another socket listens there. */
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 && listen(fd, 8) == 0) {
            socklen_t sl = sizeof sa;
            getsockname(fd, (struct sockaddr *)&sa, &sl);
            out->fd = fd;
            out->port = ntohs(sa.sin_port);
            wiz_debug(ctx, "login: callback listener on 127.0.0.1:%d", port);
            return WIZ_OK;
        }
        close(fd);
    }
    return wiz_fail(ctx, WIZ_ERR,
                    "cannot listen for the sign-in callback: every port of 127.0.0.1:%d..%d is in use "
                    "(close the programs using them, or another running login, and try again)",
                    first, last);
}

void wiz_loopback_close(struct wiz_loopback *lb)
{
    if (lb && lb->fd >= 0) {
        close(lb->fd);
        lb->fd = -1;
    }
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void send_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, s, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void reply(int fd, int status, const char *title, const char *text)
{
    char body[1024], head[256];
    int bl = snprintf(body, sizeof body,
                      "<!doctype html><html><head><meta charset=\"utf-8\"><title>%s</title></head>"
                      "<body style=\"font-family:sans-serif;margin:3em\"><h1>%s</h1><p>%s</p></body></html>\n",
                      title, title, text);
    int hl = snprintf(head, sizeof head,
                      "HTTP/1.1 %d %s\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n"
                      "Cache-Control: no-store\r\nConnection: close\r\n\r\n",
                      status, status == 200 ? "OK" : status == 404 ? "Not Found" : "Bad Request", bl);
    send_all(fd, head, (size_t)hl);
    send_all(fd, body, (size_t)bl);
}

/* Reads until the end of the request line (or the cap / a timeout). Returns bytes read. */
static size_t read_request(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    long long deadline = now_ms() + CONN_TIMEOUT_MS;
    while (len < cap && !memchr(buf, '\n', len)) {
        long long left = deadline - now_ms();
        if (left <= 0)
            break;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int pr = poll(&p, 1, (int)left);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr <= 0)
            break;
        ssize_t r = recv(fd, buf + len, cap - len, 0);
        if (r < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    return len;
}

/* Handles one connection. Returns WIZ_ENOTFOUND to keep waiting, else the outcome. */
static enum wiz_rc serve_one(struct wiz_ctx *ctx, int cfd, const char *expected_state, char **code_out)
{
    char buf[REQ_MAX];
    size_t len = read_request(cfd, buf, sizeof buf);
    struct wiz_callback cb;
    struct wiz_ctx scratch;
    wiz_ctx_init(&scratch);
    enum wiz_rc rc = wiz_callback_parse(&scratch, buf, len, &cb);
    if (rc == WIZ_ENOTFOUND) {
        reply(cfd, 404, "Not found", "This address only serves the Amplitude wizard's sign-in callback.");
    } else if (rc != WIZ_OK) {
        wiz_debug(ctx, "login: ignored a malformed request on the callback port (%s)", wiz_errmsg(&scratch));
        reply(cfd, 400, "Bad request", "The request could not be understood.");
        rc = WIZ_ENOTFOUND;
    } else if (!wiz_state_equal(expected_state, cb.state)) {
        /* any local process or web page can reach this port: a reply that does not carry
         * this login's state (an error reply included) is answered and ignored, and the
         * login keeps waiting for the real one */
        reply(cfd, 400, "Sign-in rejected", "This reply does not belong to the pending sign-in; it was ignored.");
        wiz_warn(ctx, "ignored a sign-in callback with a %s state parameter (a stale tab or a forgery); still waiting",
                 cb.state ? "wrong" : "missing");
        rc = WIZ_ENOTFOUND;
    } else if (cb.error) {
        bool denied = strcmp(cb.error, "access_denied") == 0;
        reply(cfd, 400, denied ? "Access denied" : "Sign-in failed",
              "The Amplitude wizard was not signed in. You can close this tab and return to the terminal.");
        rc = wiz_fail(ctx, WIZ_EAUTH, "sign-in %s in the browser (error=%.64s)", denied ? "was denied" : "failed",
                      cb.error);
    } else if (!cb.code || !cb.code[0]) {
        reply(cfd, 400, "Sign-in failed", "The sign-in reply carried no authorization code.");
        rc = wiz_fail(ctx, WIZ_EAUTH, "sign-in callback carried no authorization code");
    } else {
        reply(cfd, 200, "Signed in", "The Amplitude wizard is signed in. You can close this tab and return to the terminal.");
        *code_out = cb.code;
        cb.code = NULL;
        rc = WIZ_OK;
    }
    wiz_callback_clear(&cb);
    return rc;
}

enum wiz_rc wiz_loopback_wait(struct wiz_ctx *ctx, struct wiz_loopback *lb, const char *expected_state,
                              long timeout_s, char **code_out)
{
    *code_out = NULL;
    long long deadline = now_ms() + (long long)timeout_s * 1000;
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0)
            break;
        struct pollfd p = {.fd = lb->fd, .events = POLLIN};
        int pr = poll(&p, 1, left > 1000000 ? 1000000 : (int)left);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr < 0)
            return wiz_fail_errno(ctx, WIZ_ERR, "waiting for the sign-in callback");
        if (pr == 0)
            continue;
        int cfd = accept4(lb->fd, NULL, NULL, SOCK_CLOEXEC);
        if (cfd < 0)
            continue;
        enum wiz_rc rc = serve_one(ctx, cfd, expected_state, code_out);
        shutdown(cfd, SHUT_WR);
        close(cfd);
        if (rc != WIZ_ENOTFOUND)
            return rc;
    }
    return wiz_fail(ctx, WIZ_EAUTH, "timed out after %ld s waiting for the browser sign-in "
                                    "(use --login-timeout to wait longer, or --no-browser to open the URL yourself)",
                    timeout_s);
}
