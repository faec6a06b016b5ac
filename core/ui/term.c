/* The terminal: termios raw mode, key decoding, serialised ANSI output and a spinner
 * thread. Chosen over readline/libedit: readline is GPL-3 (this tool links OpenSSL and
 * ships under a permissive licence), libedit's dev package is not in the base set, and
 * the pickers need raw keys anyway, so one small key reader serves pickers, the
 * confirm key and the prompt line alike. */
#include "term.h"
#include "ui_priv.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* A signal handler can reach nothing but statics: the one piece of process-wide state
 * here, so that SIGINT/SIGTERM outside raw mode (a spinner over a network call) still
 * restores the terminal before the process dies with the signal. */
static struct termios sig_saved;
static volatile sig_atomic_t sig_have_saved;
static volatile sig_atomic_t sig_fd = -1;
static volatile sig_atomic_t sig_out_fd = -1;

static void on_signal(int sig)
{
    static const char restore[] = "\r\033[K\033[?25h\033[0m\n";
    if (sig_fd >= 0) {
        if (sig_have_saved)
            tcsetattr(sig_fd, TCSANOW, &sig_saved);
        ssize_t w = write(sig_out_fd, restore, sizeof restore - 1);
        (void)w;
    }
    signal(sig, SIG_DFL);
    raise(sig); /* die of the signal: the shell reports 128+n (130 for SIGINT) */
}

struct wiz_tty *wiz_tty_new(int in_fd, FILE *out)
{
    if (!isatty(in_fd) || !isatty(fileno(out)))
        return NULL;
    struct wiz_tty *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    if (tcgetattr(in_fd, &t->saved) != 0) {
        free(t);
        return NULL;
    }
    t->in_fd = in_fd;
    t->out = out;
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->wake, NULL);
    const char *nc = getenv("NO_COLOR"); /* no-color.org: present and not empty */
    t->color = !(nc && nc[0]);
    t->utf8 = wiz_ui_locale_utf8();
    sig_saved = t->saved;
    sig_have_saved = 1;
    sig_fd = in_fd;
    sig_out_fd = fileno(out);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    return t;
}

void wiz_tty_free(struct wiz_tty *t)
{
    if (!t)
        return;
    wiz_tty_spin_stop(t);
    wiz_tty_cooked(t);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    sig_fd = -1;
    sig_have_saved = 0;
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

bool wiz_tty_raw(struct wiz_tty *t)
{
    if (t->raw)
        return true;
    struct termios r = t->saved;
    r.c_lflag &= ~(tcflag_t)(ECHO | ICANON | ISIG | IEXTEN);
    r.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR | ISTRIP);
    r.c_cc[VMIN] = 1;
    r.c_cc[VTIME] = 0;
    if (tcsetattr(t->in_fd, TCSADRAIN, &r) != 0)
        return false;
    t->raw = true;
    return true;
}

void wiz_tty_cooked(struct wiz_tty *t)
{
    if (!t->raw)
        return;
    tcsetattr(t->in_fd, TCSADRAIN, &t->saved);
    t->raw = false;
    fputs("\033[?25h", t->out);
    fflush(t->out);
}

static int read_byte(struct wiz_tty *t, int wait_ms)
{
    if (wait_ms >= 0) {
        struct pollfd p = {.fd = t->in_fd, .events = POLLIN};
        if (poll(&p, 1, wait_ms) <= 0)
            return -1;
    }
    unsigned char c;
    for (;;) {
        ssize_t n = read(t->in_fd, &c, 1);
        if (n == 1)
            return c;
        if (n < 0 && errno == EINTR)
            continue;
        return -1;
    }
}

int wiz_tty_key(struct wiz_tty *t)
{
    fflush(t->out);
    int c = read_byte(t, -1);
    if (c < 0)
        return WIZ_KEY_EOF;
    if (c == '\n')
        return WIZ_KEY_ENTER;
    if (c == 8)
        return WIZ_KEY_BACKSPACE;
    if (c != 27)
        return c;
    /* ESC alone, or the start of a CSI / SS3 sequence: the rest arrives together */
    int c1 = read_byte(t, 50);
    if (c1 < 0)
        return WIZ_KEY_ESC;
    if (c1 != '[' && c1 != 'O')
        return WIZ_KEY_OTHER;
    int c2 = read_byte(t, 50);
    switch (c2) {
    case 'A': return WIZ_KEY_UP;
    case 'B': return WIZ_KEY_DOWN;
    case 'C': return WIZ_KEY_RIGHT;
    case 'D': return WIZ_KEY_LEFT;
    case 'H': return WIZ_KEY_HOME;
    case 'F': return WIZ_KEY_END;
    default: break;
    }
    /* ESC [ n ~ and longer: read up to the final byte */
    int num = c2 >= '0' && c2 <= '9' ? c2 - '0' : -1;
    int last = c2;
    while (last >= 0 && !(last >= 0x40 && last <= 0x7e))
        last = read_byte(t, 50);
    if (last == '~' && num == 5)
        return WIZ_KEY_PGUP;
    if (last == '~' && num == 6)
        return WIZ_KEY_PGDN;
    return WIZ_KEY_OTHER;
}

int wiz_tty_cols(const struct wiz_tty *t)
{
    struct winsize ws;
    if (ioctl(fileno(t->out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

int wiz_tty_rows(const struct wiz_tty *t)
{
    struct winsize ws;
    if (ioctl(fileno(t->out), TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
        return ws.ws_row;
    return 24;
}

const char *wiz_tty_sgr(const struct wiz_tty *t, const char *code)
{
    return t->color ? code : "";
}

static int chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80; /* count UTF-8 lead bytes only */
    return n;
}

void wiz_tty_put_trunc(struct wiz_tty *t, const char *s, int cols)
{
    if (cols < 1)
        cols = 1;
    if (chars(s) <= cols) {
        fputs(s, t->out);
        return;
    }
    int w = 0;
    for (const char *p = s; *p; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80 && ++w > cols - 1)
            break;
        fputc(*p, t->out);
    }
    fputs(t->utf8 ? "\u2026" : ">", t->out);
}

/* ---- serialised output and the spinner ---- */

static const char *frame(struct wiz_tty *t)
{
    static const char *const uni[] = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
    static const char *const ascii[] = {"|", "/", "-", "\\"};
    return t->utf8 ? uni[t->spin_frame % 10] : ascii[t->spin_frame % 4];
}

static void draw_spinner(struct wiz_tty *t)
{
    fprintf(t->out, "\r%s%s%s ", wiz_tty_sgr(t, "\033[36m"), frame(t), wiz_tty_sgr(t, "\033[0m"));
    wiz_tty_put_trunc(t, t->spin_step, wiz_tty_cols(t) - 3);
    fputs("\033[K", t->out);
    fflush(t->out);
}

void wiz_tty_printf(struct wiz_tty *t, const char *fmt, ...)
{
    pthread_mutex_lock(&t->lock);
    if (t->spinning)
        fputs("\r\033[K", t->out);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(t->out, fmt, ap);
    va_end(ap);
    if (t->spinning)
        draw_spinner(t);
    fflush(t->out);
    pthread_mutex_unlock(&t->lock);
}

static void *spin_main(void *arg)
{
    struct wiz_tty *t = arg;
    pthread_mutex_lock(&t->lock);
    while (!t->spin_stop) {
        draw_spinner(t);
        t->spin_frame++;
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 90 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&t->wake, &t->lock, &until);
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

void wiz_tty_spin_start(struct wiz_tty *t, const char *step)
{
    wiz_tty_spin_stop(t);
    pthread_mutex_lock(&t->lock);
    snprintf(t->spin_step, sizeof t->spin_step, "%s", step);
    t->spin_stop = false;
    fputs("\033[?25l", t->out); /* hide the cursor while spinning */
    t->spinning = pthread_create(&t->spinner, NULL, spin_main, t) == 0;
    if (!t->spinning) { /* no thread: show the step once, without animation */
        fprintf(t->out, "%s...\n\033[?25h", step);
        fflush(t->out);
    }
    pthread_mutex_unlock(&t->lock);
}

void wiz_tty_spin_stop(struct wiz_tty *t)
{
    pthread_mutex_lock(&t->lock);
    if (!t->spinning) {
        pthread_mutex_unlock(&t->lock);
        return;
    }
    t->spin_stop = true;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->spinner, NULL);
    pthread_mutex_lock(&t->lock);
    t->spinning = false;
    fputs("\r\033[K\033[?25h", t->out);
    fflush(t->out);
    pthread_mutex_unlock(&t->lock);
}
