/* libcurl, loaded on first network use instead of at exec: linking it pulls ~33 shared
 * libraries into every run (about 2/3 of `--version`'s time and memory), and most commands
 * never talk to the network. Types and constants come from curl's headers; the functions
 * come from this table, filled by dlopen + dlsym for the length of one call. */
#ifndef WIZ_CURL_LIB_H
#define WIZ_CURL_LIB_H

#include "../wiz.h"

#include <curl/curl.h>

#define WIZ_CURL_SONAME "libcurl.so.4"

/* The curl functions core/http uses. __typeof__ keeps each pointer's type the header's. */
struct wiz_curl {
    void *dl;
    __typeof__(curl_easy_init) *easy_init;
    __typeof__(curl_easy_setopt) *easy_setopt;
    __typeof__(curl_easy_perform) *easy_perform;
    __typeof__(curl_easy_getinfo) *easy_getinfo;
    __typeof__(curl_easy_strerror) *easy_strerror;
    __typeof__(curl_easy_cleanup) *easy_cleanup;
    __typeof__(curl_easy_escape) *easy_escape;
    __typeof__(curl_slist_append) *slist_append;
    __typeof__(curl_slist_free_all) *slist_free_all;
    __typeof__(curl_free) *str_free;
    __typeof__(curl_url) *url;
    __typeof__(curl_url_set) *url_set;
    __typeof__(curl_url_get) *url_get;
    __typeof__(curl_url_cleanup) *url_cleanup;
};

/* Fills lib from the library soname (WIZ_CURL_SONAME; tests pass another to see the error).
 * The library stays mapped for the rest of the process (RTLD_NODELETE: libcurl and the TLS
 * library it starts keep process-wide state), so a second open is a refcount and 14 lookups.
 * WIZ_ENET with "cannot load libcurl ..." when it is missing or lacks a function; ctx may be
 * NULL (no message). On success the caller wiz_curl_close()s lib. */
enum wiz_rc wiz_curl_open(struct wiz_ctx *ctx, struct wiz_curl *lib, const char *soname);
void wiz_curl_close(struct wiz_curl *lib);

#endif
