/* dlopen/dlsym of libcurl into a per-call function table (see curl_lib.h for why). */
#include "curl_lib.h"

#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

/* Each table slot and the symbol that fills it. */
static const struct {
    const char *name;
    size_t off;
} syms[] = {
#define SYM(field, name) {#name, offsetof(struct wiz_curl, field)}
    SYM(easy_init, curl_easy_init),       SYM(easy_setopt, curl_easy_setopt),
    SYM(easy_perform, curl_easy_perform), SYM(easy_getinfo, curl_easy_getinfo),
    SYM(easy_strerror, curl_easy_strerror), SYM(easy_cleanup, curl_easy_cleanup),
    SYM(easy_escape, curl_easy_escape),   SYM(slist_append, curl_slist_append),
    SYM(slist_free_all, curl_slist_free_all), SYM(str_free, curl_free),
    SYM(url, curl_url),                   SYM(url_set, curl_url_set),
    SYM(url_get, curl_url_get),           SYM(url_cleanup, curl_url_cleanup),
#undef SYM
};

_Static_assert(sizeof(void *) == sizeof(((struct wiz_curl *)0)->easy_init), "dlsym result fits a slot");

static enum wiz_rc load_failed(struct wiz_ctx *ctx, const char *soname, const char *why)
{
    if (!ctx)
        return WIZ_ENET;
    return wiz_fail(ctx, WIZ_ENET, "cannot load libcurl (%s), which network commands need: %s; install libcurl4",
                    soname, why ? why : "unknown error");
}

enum wiz_rc wiz_curl_open(struct wiz_ctx *ctx, struct wiz_curl *lib, const char *soname)
{
    memset(lib, 0, sizeof *lib);
    lib->dl = dlopen(soname, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!lib->dl)
        return load_failed(ctx, soname, dlerror());
    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
        dlerror();
        void *f = dlsym(lib->dl, syms[i].name);
        if (!f) {
            const char *why = dlerror();
            enum wiz_rc rc = load_failed(ctx, soname, why ? why : syms[i].name);
            wiz_curl_close(lib);
            return rc;
        }
        /* POSIX guarantees a data pointer from dlsym converts to the function's pointer. */
        memcpy((char *)lib + syms[i].off, &f, sizeof f);
    }
    return WIZ_OK;
}

void wiz_curl_close(struct wiz_curl *lib)
{
    if (lib->dl)
        dlclose(lib->dl); /* RTLD_NODELETE: drops the reference, keeps the mapping */
    memset(lib, 0, sizeof *lib);
}

#if defined(__SANITIZE_ADDRESS__)
/* Sanitizer builds only. libcurl's dependencies (gnutls, p11-kit, com_err) have thread-
 * local storage; loaded by dlopen, it is dynamic TLS, and this toolchain's LeakSanitizer
 * (GCC 12) can record a bogus block for it and crash scanning it at exit ("Tracer caught
 * signal 11", exit 1; seen in test_ui_tmux_setup). Not intercepting __tls_get_addr avoids
 * that; the cost is that memory held only by dynamic TLS could be reported as a leak. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "intercept_tls_get_addr=0";
}
#endif
