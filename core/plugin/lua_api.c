/* Session methods for Lua plugins. Each is a thin client of the same host table C
 * plugins get, so both kinds of plugin obey exactly the same rules. */
#include "lua_api.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#define MT "ampli.session"

static wiz_session *check(lua_State *L)
{
    wiz_session **box = luaL_checkudata(L, 1, MT);
    if (!*box)
        luaL_error(L, "session used after its call ended");
    wiz_lua_charge(L, 0);
    return *box;
}

static const struct wiz_host_api *H(void)
{
    return wiz_host_api();
}

/* Raises the session's error as a Lua error. */
static int raise(lua_State *L, wiz_session *s)
{
    return luaL_error(L, "%s", s->errmsg[0] ? s->errmsg : "host call failed");
}

/* nil, message */
static int soft(lua_State *L, wiz_session *s)
{
    lua_pushnil(L);
    lua_pushstring(L, s->errmsg);
    return 2;
}

static int l_read(lua_State *L)
{
    wiz_session *s = check(L);
    char *t;
    size_t n;
    if (H()->read_file(s, luaL_checkstring(L, 2), &t, &n))
        return soft(L, s);
    lua_pushlstring(L, t, n);
    H()->free(t);
    wiz_lua_charge(L, n); /* the bytes read count (may raise: nothing is left to free) */
    return 1;
}

static int l_exists(lua_State *L)
{
    wiz_session *s = check(L);
    int r = H()->file_exists(s, luaL_checkstring(L, 2));
    lua_pushboolean(L, r == 1);
    return 1;
}

static int l_list(lua_State *L)
{
    wiz_session *s = check(L);
    char **v;
    if (H()->list_files(s, luaL_checkstring(L, 2), &v))
        return raise(L, s);
    lua_newtable(L);
    for (int i = 0; v[i]; i++) {
        lua_pushstring(L, v[i]);
        lua_rawseti(L, -2, i + 1);
    }
    H()->free(v);
    return 1;
}

static int l_json(lua_State *L)
{
    wiz_session *s = check(L);
    char *v;
    if (H()->json_get(s, luaL_checkstring(L, 2), luaL_checkstring(L, 3), &v))
        return soft(L, s);
    lua_pushstring(L, v);
    H()->free(v);
    return 1;
}

static int l_find_first(lua_State *L)
{
    wiz_session *s = check(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer n = luaL_len(L, 2);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, 2, i);
        const char *c = lua_tostring(L, -1);
        if (c && H()->file_exists(s, c) == 1)
            return 1;
        lua_pop(L, 1);
    }
    lua_pushnil(L);
    return 1;
}

static int l_get(lua_State *L)
{
    wiz_session *s = check(L);
    const char *v = H()->get(s, luaL_checkstring(L, 2));
    if (v)
        lua_pushstring(L, v);
    else
        lua_pushnil(L);
    return 1;
}

static int l_claim(lua_State *L)
{
    wiz_session *s = check(L);
    if (H()->claim(s, luaL_checkstring(L, 2), luaL_optstring(L, 3, "")))
        return raise(L, s);
    return 0;
}

static int l_create(lua_State *L)
{
    wiz_session *s = check(L);
    size_t n = 0;
    luaL_checklstring(L, 3, &n);
    wiz_lua_charge(L, n);
    if (H()->plan_create(s, luaL_checkstring(L, 2), luaL_checkstring(L, 3), luaL_optstring(L, 4, NULL)))
        return raise(L, s);
    return 0;
}

static int l_replace(lua_State *L)
{
    wiz_session *s = check(L);
    size_t n = 0;
    luaL_checklstring(L, 3, &n);
    wiz_lua_charge(L, n);
    if (H()->plan_replace(s, luaL_checkstring(L, 2), luaL_checkstring(L, 3), luaL_optstring(L, 4, NULL)))
        return raise(L, s);
    return 0;
}

static int l_skip(lua_State *L)
{
    wiz_session *s = check(L);
    if (H()->plan_skip(s, luaL_checkstring(L, 2), luaL_optstring(L, 3, NULL)))
        return raise(L, s);
    return 0;
}

static int l_dependency(lua_State *L)
{
    wiz_session *s = check(L);
    if (H()->plan_dependency(s, luaL_checkstring(L, 2), luaL_checkstring(L, 3), luaL_optstring(L, 4, NULL)))
        return raise(L, s);
    return 0;
}

static int l_env(lua_State *L)
{
    wiz_session *s = check(L);
    if (H()->plan_env(s, luaL_checkstring(L, 2), luaL_checkstring(L, 3), luaL_checkstring(L, 4)))
        return raise(L, s);
    return 0;
}

static int l_install(lua_State *L)
{
    wiz_session *s = check(L);
    if (H()->plan_install(s, luaL_optstring(L, 2, NULL)))
        return raise(L, s);
    return 0;
}

static int l_log(lua_State *L)
{
    wiz_session *s = check(L);
    static const char *const levels[] = {"error", "warn", "info", "debug", NULL};
    int lv = luaL_checkoption(L, 2, NULL, levels);
    H()->log(s, lv, "%s", luaL_checkstring(L, 3));
    return 0;
}

static int l_progress(lua_State *L)
{
    wiz_session *s = check(L);
    H()->progress(s, "%s", luaL_checkstring(L, 2));
    return 0;
}

static int l_ask(lua_State *L)
{
    wiz_session *s = check(L);
    char *ans;
    if (H()->ask(s, luaL_checkstring(L, 2), luaL_optstring(L, 3, NULL), &ans))
        return raise(L, s);
    lua_pushstring(L, ans);
    H()->free(ans);
    return 1;
}

/* ---- source edits (ABI 1.2): new text, or nil and the reason ---- */
static int edited(lua_State *L, wiz_session *s, int rc, char *out)
{
    if (rc)
        return soft(L, s);
    size_t n = strlen(out);
    lua_pushlstring(L, out, n);
    H()->free(out);
    wiz_lua_charge(L, n);
    return 1;
}

static int l_edit_import(lua_State *L)
{
    wiz_session *s = check(L);
    char *out = NULL;
    int rc = H()->edit_import(s, luaL_checkstring(L, 2), luaL_checkstring(L, 3), luaL_checkstring(L, 4),
                              luaL_optstring(L, 5, NULL), &out);
    return edited(L, s, rc, out);
}

static int l_edit_insert(lua_State *L)
{
    wiz_session *s = check(L);
    char *out = NULL;
    int rc = H()->edit_insert(s, luaL_checkstring(L, 2), luaL_checkstring(L, 3), luaL_checkstring(L, 4),
                              luaL_checkstring(L, 5), &out);
    return edited(L, s, rc, out);
}

static int l_edit_head_script(lua_State *L)
{
    wiz_session *s = check(L);
    char *out = NULL;
    int rc = H()->edit_head_script(s, luaL_checkstring(L, 2), luaL_checkstring(L, 3), luaL_checkstring(L, 4), &out);
    return edited(L, s, rc, out);
}

static int l_edit_json_set(lua_State *L)
{
    wiz_session *s = check(L);
    char *out = NULL;
    int rc = H()->edit_json_set(s, luaL_checkstring(L, 2), luaL_checkstring(L, 3), luaL_checkstring(L, 4),
                                lua_toboolean(L, 5), &out);
    return edited(L, s, rc, out);
}

/* s:edit_count_calls(path, text, module, {names...}) -> count, or nil and the reason */
static int l_edit_count_calls(lua_State *L)
{
    wiz_session *s = check(L);
    const char *path = luaL_checkstring(L, 2), *text = luaL_checkstring(L, 3), *mod = luaL_checkstring(L, 4);
    luaL_checktype(L, 5, LUA_TTABLE);
    const char *names[33];
    lua_Integer n = luaL_len(L, 5);
    if (n < 1 || n > 32)
        return luaL_error(L, "edit_count_calls: 1 to 32 names");
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, 5, i);
        names[i - 1] = luaL_checkstring(L, -1); /* kept alive by the table */
        lua_pop(L, 1);
    }
    names[n] = NULL;
    int count = 0;
    if (H()->edit_count_calls(s, path, text, mod, names, &count))
        return soft(L, s);
    lua_pushinteger(L, count);
    return 1;
}

static int l_next_step(lua_State *L)
{
    wiz_session *s = check(L);
    if (H()->plan_next_step(s, luaL_checkstring(L, 2)))
        return raise(L, s);
    return 0;
}

static int l_gitignore(lua_State *L)
{
    wiz_session *s = check(L);
    if (H()->plan_gitignore(s, luaL_checkstring(L, 2)))
        return raise(L, s);
    return 0;
}

static const luaL_Reg methods[] = {
    {"read", l_read},       {"exists", l_exists},   {"list", l_list},       {"json", l_json},
    {"find_first", l_find_first}, {"get", l_get},   {"claim", l_claim},     {"create", l_create},
    {"replace", l_replace}, {"skip", l_skip},       {"dependency", l_dependency}, {"env", l_env},
    {"install", l_install}, {"log", l_log},         {"progress", l_progress}, {"ask", l_ask},
    {"edit_import", l_edit_import}, {"edit_insert", l_edit_insert}, {"edit_count_calls", l_edit_count_calls},
    {"edit_head_script", l_edit_head_script}, {"edit_json_set", l_edit_json_set}, {"gitignore", l_gitignore},
    {"next_step", l_next_step},
    {NULL, NULL},
};

void wiz_lua_api_open(lua_State *L)
{
    luaL_newmetatable(L, MT);
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

void wiz_lua_push_session(lua_State *L, wiz_session *s)
{
    wiz_session **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = s;
    luaL_setmetatable(L, MT);
}

void wiz_lua_end_session(lua_State *L, int idx)
{
    wiz_session **box = luaL_testudata(L, idx, MT);
    if (box)
        *box = NULL;
}
