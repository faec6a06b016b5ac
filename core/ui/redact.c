/* Redaction: one left-to-right pass that copies text and masks secret values.
 * Keys are matched case-insensitively at a word start, so "id_token" and
 * "OAuthIdToken" match but "valid_tokens" does not. */
#include "redact.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* THE list of secret field names, for free text here and for the HTTP layer's JSON and
 * form bodies (wiz_redact_secret_name). */
static const char *const secret_keys[] = {
    "access_token", "id_token", "refresh_token", "code_verifier", "client_secret", "password",
    "authorization", "oauthaccesstoken", "oauthidtoken", "oauthrefreshtoken", "api_key", "apikey", NULL,
};

bool wiz_redact_secret_name(const char *name, size_t len)
{
    if (len == 4 && strncasecmp(name, "code", 4) == 0) /* an OAuth code: the form/query parameter, signup's oauth.code */
        return true;
    for (size_t i = 0; secret_keys[i]; i++)
        if (strlen(secret_keys[i]) == len && strncasecmp(secret_keys[i], name, len) == 0)
            return true;
    return false;
}

#define MASK WIZ_REDACTED

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static bool b64url(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* Length of a JWT starting at p (three base64url segments, the first "eyJ"), else 0. */
static size_t jwt_len(const char *p)
{
    if (strncmp(p, "eyJ", 3) != 0)
        return 0;
    size_t i = 0;
    for (int seg = 0; seg < 3; seg++) {
        size_t start = i;
        while (b64url(p[i]))
            i++;
        if (i - start < (seg == 2 ? 0u : 2u))
            return 0;
        if (seg < 2) {
            if (p[i] != '.')
                return 0;
            i++;
        }
    }
    return i;
}

/* If a secret key starts at text[i] (word start), returns the key length, else 0. */
static size_t key_at(const char *text, size_t i)
{
    if (i > 0 && word_char(text[i - 1]))
        return 0;
    for (const char *const *k = secret_keys; *k; k++) {
        size_t n = strlen(*k);
        if (strncasecmp(text + i, *k, n) == 0 && !word_char(text[i + n]))
            return n;
    }
    /* the authorization code as a query/form parameter */
    if (i > 0 && (text[i - 1] == '?' || text[i - 1] == '&') && strncmp(text + i, "code=", 5) == 0)
        return 4;
    return 0;
}

/* After a key at text[j]: skips a closing quote, blanks, one ':' or '=', blanks,
 * an opening quote and a Bearer/Basic scheme. Returns the value start or 0 when no
 * separator follows (the key was just a word in prose). *quoted: value in quotes. */
static size_t value_start(const char *text, size_t j, bool *quoted)
{
    if (text[j] == '"' || text[j] == '\'')
        j++;
    while (text[j] == ' ' || text[j] == '\t')
        j++;
    if (text[j] != ':' && text[j] != '=')
        return 0;
    j++;
    while (text[j] == ' ' || text[j] == '\t')
        j++;
    *quoted = text[j] == '"';
    if (*quoted)
        j++;
    if (strncasecmp(text + j, "Bearer ", 7) == 0)
        j += 7;
    else if (strncasecmp(text + j, "Basic ", 6) == 0)
        j += 6;
    return j;
}

static size_t value_end(const char *text, size_t j, bool quoted)
{
    if (quoted) {
        while (text[j] && text[j] != '"') {
            if (text[j] == '\\' && text[j + 1])
                j++;
            j++;
        }
        return j;
    }
    while (text[j] && !isspace((unsigned char)text[j]) && !strchr("&,;}\"'", text[j]))
        j++;
    return j;
}

char *wiz_redact(const char *text)
{
    if (!text)
        text = "";
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    if (!f)
        return NULL;
    size_t i = 0;
    while (text[i]) {
        size_t k = key_at(text, i);
        if (k) {
            bool quoted = false;
            size_t vs = value_start(text, i + k, &quoted);
            if (vs) {
                size_t ve = value_end(text, vs, quoted);
                fwrite(text + i, 1, vs - i, f);
                if (ve > vs)
                    fputs(MASK, f);
                i = ve;
                continue;
            }
        }
        size_t jl = (i == 0 || !b64url(text[i - 1])) ? jwt_len(text + i) : 0;
        if (jl) {
            fputs(MASK, f);
            i += jl;
            continue;
        }
        fputc(text[i++], f);
    }
    if (fclose(f) != 0) {
        free(out);
        return NULL;
    }
    return out;
}
