/* Timestamps in the credential file. Written as JavaScript's toISOString() writes them
 * ("2026-11-27T21:08:00.000Z"; years outside 0000..9999 as "+275760-09-13T00:00:00.000Z"),
 * read in every ISO form JavaScript's Date reads, since Amplitude's wizard parses the same
 * field with `new Date(...)`: years of 4 digits or a signed 6, optional month, day, time,
 * seconds and fraction, and a Z or +hh:mm offset (date-only forms are UTC, date-times
 * without an offset local time, as in JavaScript). Anything else is malformed: the caller
 * treats it as due. */
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
    long y = (long)tm.tm_year + 1900;
    if (y < 0 || y > 9999) {
        char tmp[96]; /* "+YYYYYY-MM-DDTHH:MM:SS.000Z" is 27 bytes for every year JavaScript can hold */
        snprintf(tmp, sizeof tmp, "%c%06ld-%02d-%02dT%02d:%02d:%02d.000Z", y < 0 ? '-' : '+', y < 0 ? -y : y,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        memcpy(buf, tmp, 31);
        buf[31] = '\0';
    } else
        strftime(buf, 32, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
}

/* n decimal digits at s -> *v; 0 on success */
static int digits(const char *s, int n, long *v)
{
    long x = 0;
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
    if (!s)
        return -1;
    const char *p = s;
    long Y, M = 1, D = 1, h = 0, m = 0, sec = 0, off = 0;
    if (*p == '+' || *p == '-') { /* expanded year: sign and exactly 6 digits; -000000 is invalid */
        if (digits(p + 1, 6, &Y) || (*p == '-' && Y == 0))
            return -1;
        Y = *p == '-' ? -Y : Y;
        p += 7;
    } else {
        if (digits(p, 4, &Y))
            return -1;
        p += 4;
    }
    if (*p == '-') {
        if (digits(p + 1, 2, &M))
            return -1;
        p += 3;
        if (*p == '-') {
            if (digits(p + 1, 2, &D))
                return -1;
            p += 3;
        }
    }
    bool has_time = *p == 'T', has_zone = false;
    if (has_time) {
        if (digits(p + 1, 2, &h) || p[3] != ':' || digits(p + 4, 2, &m))
            return -1;
        p += 6;
        if (*p == ':') {
            if (digits(p + 1, 2, &sec))
                return -1;
            p += 3;
            if (*p == '.') { /* toISOString writes 3; Date reads any number of digits */
                int n = 0;
                bool nonzero = false;
                for (p++; *p >= '0' && *p <= '9'; p++, n++)
                    nonzero |= *p != '0';
                if (n == 0 || (h == 24 && nonzero))
                    return -1;
            }
        }
        if (*p == 'Z') {
            has_zone = true;
            p++;
        } else if (*p == '+' || *p == '-') {
            long oh, om;
            if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om) || oh > 23 || om > 59)
                return -1;
            off = (*p == '+' ? 1 : -1) * (oh * 3600 + om * 60);
            has_zone = true;
            p += 6;
        }
    }
    if (*p != '\0')
        return -1;
    if (M < 1 || M > 12 || D < 1 || D > 31 || m > 59 || sec > 59 || h > 24 || (h == 24 && (m || sec)))
        return -1;
    struct tm tm = {.tm_year = (int)(Y - 1900), .tm_mon = (int)M - 1, .tm_mday = (int)D, .tm_hour = (int)h,
                    .tm_min = (int)m, .tm_sec = (int)sec, .tm_isdst = -1};
    /* date-only forms are UTC; a date-time without an offset is local time (JavaScript) */
    time_t t = !has_time || has_zone ? timegm(&tm) : mktime(&tm);
    /* a date that normalised into another month was not a real date (Feb 30); 24:00 is the
     * next day's midnight, as in JavaScript */
    struct tm back;
    time_t probe = h == 24 ? t - 1 : t;
    bool ok = (!has_time || has_zone) ? gmtime_r(&probe, &back) != NULL : localtime_r(&probe, &back) != NULL;
    if (!ok || back.tm_mday != D || back.tm_mon != M - 1 || back.tm_year != Y - 1900)
        return -1;
    *out = t - off;
    return 0;
}
