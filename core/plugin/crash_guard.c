/* A C plugin runs in our process: a fault in its code would kill the wizard with no word
 * of who did it. Around each call into a C plugin a handler is armed that says which
 * plugin crashed in which phase and what that left behind (the run record is already on
 * disk, so the next run names the unfinished run and undo restores it), then exits.
 * The message is formatted before the call: a handler may only write(2) and _exit(2). */
#include "host.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Process-wide by necessity: a signal handler can reach nothing else. */
static char guard_msg[768];
static volatile sig_atomic_t guard_len;
static char guard_stack[64 * 1024]; /* a stack overflow in the plugin still gets its message */

static void on_fault(int sig)
{
    if (guard_len > 0 && write(2, guard_msg, (size_t)guard_len) < 0)
        _exit(10);
    signal(sig, SIG_DFL);
    _exit(10); /* exit code of a failed integration; no core (the tokens are in memory) */
}

void wiz_crash_guard_enter(const char *plugin, const char *phase)
{
    bool wrote = strcmp(phase, "verify") == 0;
    int n = snprintf(guard_msg, sizeof guard_msg,
                     "ampli-wizard: plugin %s crashed during %s (a fault in its own code, not the wizard's); %s\n",
                     plugin, phase,
                     wrote ? "its changes are on disk: 'ampli-wizard undo' restores the project"
                           : "nothing was written");
    guard_len = n > 0 && (size_t)n < sizeof guard_msg ? n : 0;
    stack_t ss = {.ss_sp = guard_stack, .ss_size = sizeof guard_stack};
    (void)sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fault;
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        sigaction(sigs[i], &sa, NULL);
}

void wiz_crash_guard_leave(void)
{
    const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        signal(sigs[i], SIG_DFL);
    guard_len = 0;
}
