/* PKCE (RFC 7636, S256), OAuth state, and base64url helpers. */
#ifndef WIZ_PKCE_H
#define WIZ_PKCE_H

#include "../wiz.h"

/* 32 bytes -> 43 base64url chars; 16 bytes -> 32 hex chars. */
struct wiz_pkce {
    char verifier[64];
    char challenge[64];
    char state[33];
};

/* Fresh random verifier (32 bytes from RAND_bytes), its S256 challenge, and a state. */
enum wiz_rc wiz_pkce_new(struct wiz_ctx *ctx, struct wiz_pkce *out);
/* Wipes the verifier and state. */
void wiz_pkce_clear(struct wiz_pkce *p);
/* challenge = base64url(SHA-256(verifier)), no padding; out must hold 44 bytes. */
enum wiz_rc wiz_pkce_challenge(struct wiz_ctx *ctx, const char *verifier, char *out, size_t outsz);
/* Constant-time comparison of two states (false when lengths differ or either is NULL). */
bool wiz_state_equal(const char *expected, const char *got);

/* base64url without padding; returns the length written (excluding NUL) or -1 when out is too small. */
int wiz_base64url_encode(char *out, size_t outsz, const unsigned char *in, size_t len);
/* Decodes base64url (padding optional). returns owned buffer: free(); *outlen its length
 * (a NUL follows it); NULL on bad input or allocation failure */
unsigned char *wiz_base64url_decode(const char *in, size_t len, size_t *outlen);
/* A random UUID v4 string; out must hold 37 bytes. */
enum wiz_rc wiz_uuid4(struct wiz_ctx *ctx, char out[37]);

#endif
