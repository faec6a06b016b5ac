/* ISO-8601 UTC timestamps as the credential file writes them: "2026-11-27T21:08:00.000Z".
 * Parsing is strict (the exact shape, real calendar dates) so that a malformed value is
 * recognised as such and the caller can fall back (invariant 5 of the services reference). */
#include "credstore.h"

#include <stdio.h>
#include <string.h>

void wiz_time_format_iso(char buf[32], time_t t)
{
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        snprintf(buf, 32, "1970-01-01T00:00:00.000Z");
        return;
    }
    /* years outside 0000..9999 cannot be written in this shape; clamp rather than overflow */
    if (tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 0) {
        snprintf(buf, 32, "%s", tm.tm_year > 0 ? "9999-12-31T23:59:59.000Z" : "0000-01-01T00:00:00.000Z");
        return;
    }
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
}

/* n decimal digits at s -> *v; 0 on success */
static int digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 0;
}

int wiz_time_parse_iso(time_t *out, const char *s)
{
    if (!s || strlen(s) < 20)
        return -1;
    int Y, M, D, h, m, sec;
    if (digits(s, 4, &Y) || s[4] != '-' || digits(s + 5, 2, &M) || s[7] != '-' || digits(s + 8, 2, &D) ||
        s[10] != 'T' || digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &m) || s[16] != ':' ||
        digits(s + 17, 2, &sec))
        return -1;
    const char *p = s + 19;
    if (*p == '.') { /* 1..9 fraction digits; JavaScript's toISOString() writes 3 */
        int n = 0;
        for (p++; *p >= '0' && *p <= '9'; p++)
            n++;
        if (n < 1 || n > 9)
            return -1;
    }
    if (p[0] != 'Z' || p[1] != '\0')
        return -1;
    if (M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 59)
        return -1;
    struct tm tm = {.tm_year = Y - 1900, .tm_mon = M - 1, .tm_mday = D, .tm_hour = h, .tm_min = m, .tm_sec = sec};
    time_t t = timegm(&tm);
    /* timegm normalises Feb 30 into March: a date that moved was not a real date */
    struct tm back;
    if (t == (time_t)-1 && !(Y == 1969 && M == 12 && D == 31 && h == 23 && m == 59 && sec == 59))
        return -1;
    if (!gmtime_r(&t, &back) || back.tm_mday != D || back.tm_mon != M - 1 || back.tm_year != Y - 1900)
        return -1;
    *out = t;
    return 0;
}
