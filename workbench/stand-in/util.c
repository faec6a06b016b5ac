/* Small shared pieces: randomness, base64url, PKCE check, JWT minting, the
 * redirect allow-list, field lookups and reply helpers. */
#include "standin.h"

#include <microhttpd.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *wiz_si_random_hex(size_t nbytes)
{
    unsigned char buf[64];
    if (nbytes > sizeof buf || RAND_bytes(buf, (int)nbytes) != 1)
        return NULL;
    char *out = malloc(2 * nbytes + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < nbytes; i++)
        snprintf(out + 2 * i, 3, "%02x", buf[i]);
    return out;
}

char *wiz_si_b64url(const unsigned char *data, size_t len)
{
    char *out = malloc(4 * ((len + 2) / 3) + 1);
    if (!out)
        return NULL;
    int n = EVP_EncodeBlock((unsigned char *)out, data, (int)len);
    /* standard alphabet -> URL alphabet, padding dropped (RFC 7515 appendix C) */
    for (int i = 0; i < n; i++) {
        if (out[i] == '+')
            out[i] = '-';
        else if (out[i] == '/')
            out[i] = '_';
        else if (out[i] == '=') {
            out[i] = '\0';
            break;
        }
    }
    out[n] = '\0';
    return out;
}

bool wiz_si_pkce_wellformed(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 43 || n > 128)
        return false;
    return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~") == n;
}

bool wiz_si_pkce_matches(const char *verifier, const char *challenge)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!wiz_si_pkce_wellformed(verifier) || !challenge)
        return false;
    if (EVP_Digest(verifier, strlen(verifier), md, &mdlen, EVP_sha256(), NULL) != 1)
        return false;
    char *enc = wiz_si_b64url(md, mdlen);
    bool ok = enc && strcmp(enc, challenge) == 0;
    free(enc);
    return ok;
}

static char *b64url_json(json_t *obj)
{
    char *text = json_dumps(obj, JSON_COMPACT);
    if (!text)
        return NULL;
    char *enc = wiz_si_b64url((const unsigned char *)text, strlen(text));
    free(text);
    return enc;
}

char *wiz_si_jwt_make(const struct wiz_si_server *srv, json_t *claims)
{
    /* HS256 with a per-process key: clients decode, never verify, as the reference says */
    json_t *hdr = json_pack("{s:s, s:s, s:s}", "alg", "HS256", "typ", "JWT", "kid", "stand-in");
    char *h = hdr ? b64url_json(hdr) : NULL;
    char *p = b64url_json(claims);
    json_decref(hdr);
    char *out = NULL;
    if (h && p) {
        size_t n = strlen(h) + 1 + strlen(p);
        char *signing = malloc(n + 1);
        if (signing) {
            snprintf(signing, n + 1, "%s.%s", h, p);
            unsigned char mac[EVP_MAX_MD_SIZE];
            unsigned int maclen = 0;
            if (HMAC(EVP_sha256(), srv->jwt_key, sizeof srv->jwt_key, (const unsigned char *)signing, n, mac,
                     &maclen)) {
                char *sig = wiz_si_b64url(mac, maclen);
                if (sig)
                    out = wiz_asprintf("%s.%s", signing, sig);
                free(sig);
            }
            free(signing);
        }
    }
    free(h);
    free(p);
    return out;
}

bool wiz_si_redirect_allowed(const char *uri)
{
    /* exact string match, like Hydra's registered redirect URIs */
    for (int port = 13222; port <= 13232; port++) {
        char want[64];
        snprintf(want, sizeof want, "http://localhost:%d/callback", port);
        if (uri && strcmp(uri, want) == 0)
            return true;
    }
    return false;
}

bool wiz_si_client_known(const char *client_id)
{
    return client_id && (strcmp(client_id, WIZ_SI_US_CLIENT) == 0 || strcmp(client_id, WIZ_SI_EU_CLIENT) == 0);
}

const char *wiz_si_field(json_t *obj, const char *name)
{
    return obj ? json_string_value(json_object_get(obj, name)) : NULL;
}

const char *wiz_si_header(const struct wiz_si_req *req, const char *name)
{
    return MHD_lookup_connection_value((struct MHD_Connection *)req->conn, MHD_HEADER_KIND, name);
}

void wiz_si_reply_json(struct wiz_si_reply *r, unsigned status, json_t *owned)
{
    json_decref(r->json);
    r->status = status;
    r->json = owned;
}

void wiz_si_reply_oauth_error(struct wiz_si_reply *r, unsigned status, const char *error, const char *desc)
{
    wiz_si_reply_json(r, status, json_pack("{s:s, s:s}", "error", error, "error_description", desc));
}

void wiz_si_reply_clear(struct wiz_si_reply *r)
{
    json_decref(r->json);
    free(r->location);
    free(r->retry_after);
    memset(r, 0, sizeof *r);
}
