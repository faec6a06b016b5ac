/* The shape of an API key, checked where a key enters (server replies, flags, the
 * environment): it is written into .env files and source code. */
#include "wiz.h"

#include <string.h>

bool wiz_api_key_valid(const char *key)
{
    size_t n = key ? strlen(key) : 0;
    return n > 0 && n <= 128 &&
           strspn(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == n;
}

bool wiz_api_key_is_amplitude(const char *key)
{
    return key && strlen(key) == 32 && strspn(key, "0123456789abcdefABCDEF") == 32;
}
