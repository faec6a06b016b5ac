/* The ABI 1.2 source edits behind the host function table: core/edit does the work, this
 * file checks the session and turns a refusal into the session's error. */
#include "host.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int done(wiz_session *s, const char *op, const char *path, int rc, const char *why)
{
    wiz_session_trace(s, "%s %.200s: %s", op, path ? path : "(null)", rc ? why : "ok");
    if (rc)
        return wiz_session_fail(s, rc, "%s %.200s: %s", op, path ? path : "(null)", why[0] ? why : "failed");
    return WIZ_PLUGIN_OK;
}

#define NEED(s, text, out)                                                                                    \
    do {                                                                                                      \
        if (!wiz_session_live(s))                                                                             \
            return WIZ_PLUGIN_EREFUSED;                                                                       \
        if (!(text) || !(out))                                                                                \
            return wiz_session_fail(s, WIZ_PLUGIN_EINVAL, "%s: text and an output are needed", __func__ + 6); \
    } while (0)

int wiz_h_edit_import(wiz_session *s, const char *path, const char *text, const char *module, const char *clause,
                      char **out)
{
    NEED(s, text, out);
    char why[WIZ_EDIT_WHY];
    return done(s, "edit_import", path, wiz_edit_import(path, text, module, clause, out, why), why);
}

int wiz_h_edit_insert(wiz_session *s, const char *path, const char *text, const char *anchor, const char *code,
                      char **out)
{
    NEED(s, text, out);
    char why[WIZ_EDIT_WHY];
    return done(s, "edit_insert", path, wiz_edit_insert(path, text, anchor, code, out, why), why);
}

int wiz_h_edit_count_calls(wiz_session *s, const char *path, const char *text, const char *module,
                           const char *const *names, int *count)
{
    NEED(s, text, count);
    char why[WIZ_EDIT_WHY];
    return done(s, "edit_count_calls", path, wiz_edit_count_calls(path, text, module, names, count, why), why);
}

int wiz_h_edit_head_script(wiz_session *s, const char *path, const char *text, const char *element, char **out)
{
    NEED(s, text, out);
    char why[WIZ_EDIT_WHY];
    return done(s, "edit_head_script", path, wiz_edit_head_script(path, text, element, out, why), why);
}

int wiz_h_edit_json_set(wiz_session *s, const char *text, const char *key_path, const char *json, int merge,
                        char **out)
{
    NEED(s, text, out);
    char why[WIZ_EDIT_WHY];
    return done(s, "edit_json_set", key_path, wiz_edit_json_set(text, key_path, json, merge != 0, out, why), why);
}

int wiz_h_plan_gitignore(wiz_session *s, const char *path)
{
    if (!wiz_session_planning(s, "plan_gitignore"))
        return WIZ_PLUGIN_EREFUSED;
    wiz_session_trace(s, "plan_gitignore %.200s", path ? path : "(null)");
    struct wiz_plan_entry *e = wiz_plan_entry_for(s, path); /* checks the path is in the project */
    if (!e)
        return s->err;
    return wiz_plan_ignore(s->plan, e->path);
}

int wiz_h_plan_next_step(wiz_session *s, const char *text)
{
    if (!wiz_session_planning(s, "plan_next_step"))
        return WIZ_PLUGIN_EREFUSED;
    if (!text)
        return wiz_session_fail(s, WIZ_PLUGIN_EINVAL, "plan_next_step: no text");
    wiz_session_trace(s, "plan_next_step %.200s", text);
    size_t n = strlen(text);
    /* a plugin's text reaches the terminal: printable characters only (no escapes, no
     * second line to pass for the host's own) */
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
            return wiz_session_fail(s, WIZ_PLUGIN_EINVAL, "plan_next_step: a control character at byte %zu", i);
    if (n == 0 || n > 300)
        return wiz_session_fail(s, WIZ_PLUGIN_EINVAL, "plan_next_step: %zu bytes (1 to 300)", n);
    struct wiz_plan *p = s->plan;
    for (size_t i = 0; i < p->nnext; i++)
        if (strcmp(p->next[i], text) == 0)
            return WIZ_PLUGIN_OK;
    if (p->nnext >= sizeof p->next / sizeof p->next[0])
        return wiz_session_fail(s, WIZ_PLUGIN_EINVAL, "plan_next_step: at most 4 steps");
    p->next[p->nnext] = strdup(text);
    if (!p->next[p->nnext])
        return wiz_session_fail(s, WIZ_PLUGIN_ENOMEM, "out of memory");
    p->nnext++;
    return WIZ_PLUGIN_OK;
}

int wiz_h_edit_style(wiz_session *s, const char *path, const char *text, struct wiz_code_style *out)
{
    NEED(s, text, out);
    if (out->struct_size < offsetof(struct wiz_code_style, trailing_commas) + sizeof out->trailing_commas)
        return wiz_session_fail(s, WIZ_PLUGIN_EINVAL, "edit_style: struct_size %zu is too small", out->struct_size);
    char why[WIZ_EDIT_WHY], q = '\'', unit[9] = "  ";
    bool semi = true, trail = true;
    const char *eol = "\n";
    int rc = wiz_edit_style(path, text, &q, &semi, &trail, unit, &eol, why);
    if (!rc) {
        out->quote = q;
        out->semicolons = semi;
        memcpy(out->indent, unit, sizeof out->indent);
        snprintf(out->eol, sizeof out->eol, "%s", eol);
        out->trailing_commas = trail;
    }
    return done(s, "edit_style", path, rc, why);
}
