/* PKCE S256 with OpenSSL: RAND_bytes for the secrets, EVP for SHA-256 and base64. */
#include "pkce.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int wiz_base64url_encode(char *out, size_t outsz, const unsigned char *in, size_t len)
{
    size_t need = 4 * ((len + 2) / 3) + 1;
    if (outsz < need || len > 0x7fffffff)
        return -1;
    int n = EVP_EncodeBlock((unsigned char *)out, in, (int)len);
    while (n > 0 && out[n - 1] == '=')
        n--;
    out[n] = '\0';
    for (int i = 0; i < n; i++) {
        if (out[i] == '+')
            out[i] = '-';
        else if (out[i] == '/')
            out[i] = '_';
    }
    return n;
}

unsigned char *wiz_base64url_decode(const char *in, size_t len, size_t *outlen)
{
    while (len > 0 && in[len - 1] == '=')
        len--;
    if (len % 4 == 1 || len > (1u << 24))
        return NULL;
    size_t padded = (len + 3) / 4 * 4;
    unsigned char *tmp = malloc(padded + 1);
    unsigned char *out = malloc(padded / 4 * 3 + 1);
    if (!tmp || !out) {
        free(tmp);
        free(out);
        return NULL;
    }
    for (size_t i = 0; i < len; i++) {
        char c = in[i];
        if (c == '-')
            c = '+';
        else if (c == '_')
            c = '/';
        else if (c == '+' || c == '/')
            c = '!'; /* standard-alphabet chars are not base64url: make them invalid */
        tmp[i] = (unsigned char)c;
    }
    for (size_t i = len; i < padded; i++)
        tmp[i] = '=';
    int n = padded ? EVP_DecodeBlock(out, tmp, (int)padded) : 0;
    free(tmp);
    if (n < 0) {
        free(out);
        return NULL;
    }
    n -= (int)(padded - len); /* EVP_DecodeBlock counts the padding as zero bytes */
    out[n] = '\0';
    *outlen = (size_t)n;
    return out;
}

enum wiz_rc wiz_pkce_challenge(struct wiz_ctx *ctx, const char *verifier, char *out, size_t outsz)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!EVP_Digest(verifier, strlen(verifier), md, &mdlen, EVP_sha256(), NULL))
        return wiz_fail(ctx, WIZ_EINTERNAL, "SHA-256 failed");
    if (wiz_base64url_encode(out, outsz, md, mdlen) < 0)
        return wiz_fail(ctx, WIZ_EINTERNAL, "challenge buffer too small");
    return WIZ_OK;
}

enum wiz_rc wiz_pkce_new(struct wiz_ctx *ctx, struct wiz_pkce *out)
{
    unsigned char raw[32], st[16];
    memset(out, 0, sizeof *out);
    if (RAND_bytes(raw, sizeof raw) != 1 || RAND_bytes(st, sizeof st) != 1)
        return wiz_fail(ctx, WIZ_EINTERNAL, "no randomness available (RAND_bytes failed)");
    wiz_base64url_encode(out->verifier, sizeof out->verifier, raw, sizeof raw);
    for (size_t i = 0; i < sizeof st; i++)
        snprintf(out->state + 2 * i, 3, "%02x", st[i]);
    OPENSSL_cleanse(raw, sizeof raw);
    OPENSSL_cleanse(st, sizeof st);
    return wiz_pkce_challenge(ctx, out->verifier, out->challenge, sizeof out->challenge);
}

void wiz_pkce_clear(struct wiz_pkce *p)
{
    OPENSSL_cleanse(p, sizeof *p);
}

bool wiz_state_equal(const char *expected, const char *got)
{
    if (!expected || !got)
        return false;
    size_t n = strlen(expected);
    if (strlen(got) != n || n == 0)
        return false;
    return CRYPTO_memcmp(expected, got, n) == 0;
}

enum wiz_rc wiz_uuid4(struct wiz_ctx *ctx, char out[37])
{
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1)
        return wiz_fail(ctx, WIZ_EINTERNAL, "no randomness available (RAND_bytes failed)");
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
             b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return WIZ_OK;
}
