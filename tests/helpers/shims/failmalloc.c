/* LD_PRELOAD allocation-failure injector (curl's "torture" idea):
 *   FAILMALLOC_NTH=N          the Nth malloc/calloc/realloc (strdup and friends go
 *                             through malloc) after start fails with ENOMEM; 0 = none
 *   FAILMALLOC_COUNT_FILE=F   at exit, writes the number of allocations counted to F
 * Counting starts when the shim's constructor has run (after the dynamic loader and libc
 * are set up), so the same N hits the same allocation on every run of a program.
 * Before it starts, the constructor primes OpenSSL's random generator when the program
 * has libcrypto loaded: OpenSSL 3.0 crashes (NULL rwlock in RAND_get0_public) when an
 * allocation of its lazy RNG set-up fails, a library bug the wizard cannot handle.
 * Per-process counter: a test shim, not engine code. */
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <signal.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);

static long count, nth;
static int started;

/* A crash under injection prints its stack (for the report), then dies as it would. */
static void on_crash(int sig)
{
    void *frames[48];
    int n = backtrace(frames, 48);
    static const char head[] = "failmalloc: crashed; stack:\n";
    (void)!write(2, head, sizeof head - 1);
    backtrace_symbols_fd(frames, n, 2);
    signal(sig, SIG_DFL);
    raise(sig);
}

__attribute__((constructor)) static void start(void)
{
    const char *n = getenv("FAILMALLOC_NTH");
    nth = n ? atol(n) : 0;
    int (*rand_bytes)(unsigned char *, int) = (int (*)(unsigned char *, int))dlsym(RTLD_DEFAULT, "RAND_bytes");
    unsigned char b[16];
    if (rand_bytes)
        (void)rand_bytes(b, (int)sizeof b);
    void *warm[1];
    (void)backtrace(warm, 1); /* loads libgcc now, not inside the crash handler */
    signal(SIGSEGV, on_crash);
    signal(SIGBUS, on_crash);
    started = 1;
}

__attribute__((destructor)) static void report(void)
{
    const char *f = getenv("FAILMALLOC_COUNT_FILE");
    if (!f || !*f)
        return;
    started = 0;
    FILE *out = fopen(f, "w");
    if (out) {
        fprintf(out, "%ld\n", count);
        fclose(out);
    }
}

/* true when this allocation is the one that must fail */
static int hit(void)
{
    if (!started)
        return 0;
    count++;
    return nth > 0 && count == nth;
}

void *malloc(size_t size)
{
    if (hit()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    if (hit()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    if (hit()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, size);
}
