/* Reports: the per-app lines on the terminal, and the --json / --junit files. */
#include "ci.h"

#include <stdlib.h>
#include <string.h>

static const char *status_word(enum ci_status s)
{
    return s == CI_PASS ? "PASS" : s == CI_FAIL ? "FAIL" : s == CI_SKIP ? "SKIP" : "----";
}

void ci_print_app(FILE *f, const struct ci_app *app, enum ci_level upto, bool colour)
{
    for (int l = 0; l <= (int)upto; l++) {
        const struct ci_result *r = &app->lv[l];
        if (r->status == CI_NOTRUN)
            continue; /* after a failed level: nothing to say */
        const char *on = !colour ? "" : r->status == CI_PASS ? "\033[32m" : r->status == CI_FAIL ? "\033[31m" : "\033[33m";
        fprintf(f, "%s%s%s  %-7s %6.1fs  %s", on, status_word(r->status), colour ? "\033[0m" : "",
                ci_level_name((enum ci_level)l), r->seconds, app->id);
        if (r->status != CI_PASS)
            fprintf(f, "  [%s] %s", r->step ? r->step : "?", r->message ? r->message : "");
        fputc('\n', f);
        if (r->status == CI_FAIL && r->tail) {
            fprintf(f, "      --- last lines of %s:\n", r->log ? r->log : "the log");
            for (const char *p = r->tail; *p;) {
                size_t n = strcspn(p, "\n");
                fprintf(f, "      | %.*s\n", (int)n, p);
                p += n + (p[n] == '\n');
            }
        }
    }
}

void ci_count(const struct ci_apps *apps, int *pass, int *fail, int *skip)
{
    *pass = *fail = *skip = 0;
    for (size_t i = 0; i < apps->n; i++) {
        bool failed = false, skipped = false;
        for (int l = 0; l < CI_NLEVELS; l++) {
            failed |= apps->v[i].lv[l].status == CI_FAIL;
            skipped |= apps->v[i].lv[l].status == CI_SKIP;
        }
        if (failed)
            (*fail)++;
        else if (skipped)
            (*skip)++;
        else
            (*pass)++;
    }
}

static const char *lower(enum ci_status s)
{
    return s == CI_PASS ? "pass" : s == CI_FAIL ? "fail" : s == CI_SKIP ? "skip" : "notrun";
}

enum wiz_rc ci_write_json(struct wiz_ctx *ctx, const char *path, const struct ci_apps *apps, enum ci_level upto,
                          double secs)
{
    int pass, fail, skip;
    ci_count(apps, &pass, &fail, &skip);
    json_t *arr = json_array();
    for (size_t i = 0; i < apps->n; i++) {
        const struct ci_app *a = &apps->v[i];
        json_t *levels = json_array();
        for (int l = 0; l <= (int)upto; l++) {
            const struct ci_result *r = &a->lv[l];
            json_t *o = json_pack("{s:s, s:s, s:f}", "level", ci_level_name((enum ci_level)l), "status",
                                  lower(r->status), "seconds", r->seconds);
            if (r->step)
                json_object_set_new(o, "step", json_string(r->step));
            if (r->message)
                json_object_set_new(o, "message", json_string(r->message));
            if (r->tail)
                json_object_set_new(o, "log_tail", json_string(r->tail));
            json_array_append_new(levels, o);
        }
        bool failed = false, skipped = false;
        for (int l = 0; l <= (int)upto; l++)
            failed |= a->lv[l].status == CI_FAIL, skipped |= a->lv[l].status == CI_SKIP;
        json_array_append_new(arr, json_pack("{s:s, s:s, s:f, s:o}", "app", a->id, "status",
                                             failed ? "fail" : skipped ? "skip" : "pass", "seconds", a->seconds,
                                             "levels", levels));
    }
    json_t *doc = json_pack("{s:i, s:s, s:i, s:i, s:i, s:f, s:o}", "schema", 1, "level", ci_level_name(upto),
                            "passed", pass, "failed", fail, "skipped", skip, "seconds", secs, "apps", arr);
    int r = doc ? json_dump_file(doc, path, JSON_INDENT(2)) : -1;
    json_decref(doc);
    return r ? wiz_fail(ctx, WIZ_EIO, "cannot write %s", path) : WIZ_OK;
}

/* XML text: escapes markup and drops control characters XML 1.0 forbids. */
static void xml_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '<') fputs("&lt;", f);
        else if (c == '>') fputs("&gt;", f);
        else if (c == '&') fputs("&amp;", f);
        else if (c == '"') fputs("&quot;", f);
        else if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') continue;
        else fputc(c, f);
    }
}

enum wiz_rc ci_write_junit(struct wiz_ctx *ctx, const char *path, const struct ci_apps *apps, enum ci_level upto,
                           double secs)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot write %s", path);
    int tests = 0, failures = 0, skipped = 0;
    for (size_t i = 0; i < apps->n; i++)
        for (int l = 0; l <= (int)upto; l++) {
            tests++;
            failures += apps->v[i].lv[l].status == CI_FAIL;
            skipped += apps->v[i].lv[l].status == CI_SKIP || apps->v[i].lv[l].status == CI_NOTRUN;
        }
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(f, "<testsuites name=\"wizard-ci\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" time=\"%.3f\">\n", tests,
            failures, skipped, secs);
    fprintf(f, "  <testsuite name=\"wizard-ci\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">\n",
            tests, failures, skipped, secs);
    for (size_t i = 0; i < apps->n; i++) {
        const struct ci_app *a = &apps->v[i];
        for (int l = 0; l <= (int)upto; l++) {
            const struct ci_result *r = &a->lv[l];
            fprintf(f, "    <testcase classname=\"wizard-ci.");
            xml_text(f, a->id);
            fprintf(f, "\" name=\"%s\" time=\"%.3f\"", ci_level_name((enum ci_level)l), r->seconds);
            if (r->status == CI_PASS) {
                fprintf(f, "/>\n");
                continue;
            }
            fprintf(f, ">\n");
            if (r->status == CI_FAIL) {
                fprintf(f, "      <failure message=\"");
                xml_text(f, r->step);
                fputs(": ", f);
                xml_text(f, r->message);
                fprintf(f, "\">");
                xml_text(f, r->tail);
                fprintf(f, "</failure>\n");
            } else {
                fprintf(f, "      <skipped message=\"");
                xml_text(f, r->status == CI_SKIP ? r->message : "an earlier level failed");
                fprintf(f, "\"/>\n");
            }
            fprintf(f, "    </testcase>\n");
        }
    }
    fprintf(f, "  </testsuite>\n</testsuites>\n");
    if (fclose(f) != 0)
        return wiz_fail_errno(ctx, WIZ_EIO, "cannot write %s", path);
    return WIZ_OK;
}
