/* Internal to core/ui: the terminal under the interactive front end. termios raw
 * mode, key decoding, ANSI output with an optional spinner thread, and the signal
 * handler that puts the terminal back on Ctrl-C / SIGTERM. */
#ifndef WIZ_UI_TERM_H
#define WIZ_UI_TERM_H

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <termios.h>

enum {
    WIZ_KEY_EOF = -1,
    WIZ_KEY_UP = 0x1000, WIZ_KEY_DOWN, WIZ_KEY_LEFT, WIZ_KEY_RIGHT, WIZ_KEY_HOME, WIZ_KEY_END,
    WIZ_KEY_PGUP, WIZ_KEY_PGDN, WIZ_KEY_ESC, WIZ_KEY_OTHER,
    WIZ_KEY_ENTER = '\r', WIZ_KEY_CTRL_C = 3, WIZ_KEY_CTRL_D = 4, WIZ_KEY_CTRL_N = 14,
    WIZ_KEY_CTRL_P = 16, WIZ_KEY_CTRL_U = 21, WIZ_KEY_BACKSPACE = 127,
};

struct wiz_tty {
    int in_fd;
    FILE *out;
    struct termios saved;
    bool raw;
    bool color, utf8;
    pthread_mutex_t lock;     /* serialises writes: spinner thread vs. the engine */
    pthread_cond_t wake;
    pthread_t spinner;
    bool spinning, spin_stop;
    char spin_step[256];
    unsigned spin_frame;
};

/* in_fd, out: borrowed terminal. returns owned: wiz_tty_free(); NULL if not a terminal */
struct wiz_tty *wiz_tty_new(int in_fd, FILE *out);
void wiz_tty_free(struct wiz_tty *t);
/* Raw mode (no echo, no canonical input, no ISIG: Ctrl-C arrives as a key). */
bool wiz_tty_raw(struct wiz_tty *t);
void wiz_tty_cooked(struct wiz_tty *t);
/* Next key (a byte >= 0x20, a WIZ_KEY_* code), or WIZ_KEY_EOF. Raw mode only. */
int wiz_tty_key(struct wiz_tty *t);
/* Terminal width in columns (80 when unknown). */
int wiz_tty_cols(const struct wiz_tty *t);
int wiz_tty_rows(const struct wiz_tty *t);
/* Printf under the lock; clears the spinner line first and redraws it after. */
void wiz_tty_printf(struct wiz_tty *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Colour helpers: the SGR sequence, or "" under NO_COLOR. */
const char *wiz_tty_sgr(const struct wiz_tty *t, const char *code);
/* Spinner with text step; stop clears the line. */
void wiz_tty_spin_start(struct wiz_tty *t, const char *step);
void wiz_tty_spin_stop(struct wiz_tty *t);
/* Writes s truncated to at most cols display columns (UTF-8 aware). */
void wiz_tty_put_trunc(struct wiz_tty *t, const char *s, int cols);

#endif
