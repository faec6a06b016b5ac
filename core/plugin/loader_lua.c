/* Lua plugins: one lua_State each, a byte-capped allocator, an instruction budget per
 * call, only base/string/table/math/utf8, text chunks in a fresh _ENV, tracebacks. */
#include "lua_api.h"

#include <lauxlib.h>
#include <lualib.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <time.h>

#define LUA_MEM_CAP (16u << 20)
#define LUA_STEP 1000
#define LUA_BUDGET 50000000L /* instructions per call: a runaway loop stops in well under a second */
#define LUA_WALL_MS 10000   /* and wall-clock time per call, whatever the instructions cost */

struct wiz_lua_plugin {
    lua_State *L;
    size_t used, cap;
    long steps;
    bool exhausted;      /* the budget ran out in this call: no pcall inside may swallow that */
    struct timespec t0;  /* this call's start */
    jmp_buf *panic_to;   /* where a Lua error outside any protected call lands (set around host code) */
    bool broken;         /* such an error happened: the state is never used again */
    int ref;          /* registry ref of the plugin's table */
    int env;          /* registry ref of its _ENV */
    char *sdk_dir;
};

static void *lalloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct wiz_lua_plugin *lp = ud;
    size_t old = ptr ? osize : 0; /* with ptr NULL, osize is a type tag */
    if (nsize == 0) {
        lp->used -= old;
        free(ptr);
        return NULL;
    }
    if (nsize > old && lp->used + (nsize - old) > lp->cap)
        return NULL; /* Lua raises LUA_ERRMEM */
    void *n = realloc(ptr, nsize);
    if (n)
        lp->used = lp->used - old + nsize;
    /* Bytes count against the instruction budget too (one step per 8), so a loop of
     * cheap-looking calls that build big strings (string.rep) still ends at the next
     * hook; found by fuzz_lua_descriptor (a loop that ran for minutes). */
    if (n && nsize > old)
        lp->steps += (long)((nsize - old) / 8);
    return n;
}

static long elapsed_ms(const struct wiz_lua_plugin *lp)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - lp->t0.tv_sec) * 1000L + (now.tv_nsec - lp->t0.tv_nsec) / 1000000L;
}

/* Raises the budget error once the budget is spent; from then on every pcall inside the
 * plugin re-raises it (l_pcall), so plugin code can neither catch nor reset it. */
static void charge(lua_State *L, struct wiz_lua_plugin *lp, long steps)
{
    lp->steps += steps;
    if (!lp->exhausted && (lp->steps > LUA_BUDGET || elapsed_ms(lp) > LUA_WALL_MS))
        lp->exhausted = true;
    if (lp->exhausted)
        luaL_error(L, "instruction budget exhausted (%d instructions or %d s): runaway loop?", (int)LUA_BUDGET,
                   LUA_WALL_MS / 1000);
}

static void hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    struct wiz_lua_plugin *lp;
    lua_getallocf(L, (void **)&lp);
    charge(L, lp, LUA_STEP);
}

void wiz_lua_charge(lua_State *L, size_t work)
{
    struct wiz_lua_plugin *lp;
    lua_getallocf(L, (void **)&lp);
    charge(L, lp, 2000 + (long)(work / 8)); /* a host call costs its fixed part and its bytes */
}

/* pcall / xpcall for plugins: the same, except that a spent budget goes on unwinding */
static int l_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    struct wiz_lua_plugin *lp;
    lua_getallocf(L, (void **)&lp);
    int r = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    if (r != LUA_OK && lp->exhausted)
        charge(L, lp, 0);
    lua_pushboolean(L, r == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
}

static int l_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    struct wiz_lua_plugin *lp;
    lua_getallocf(L, (void **)&lp);
    lua_pushvalue(L, 1); /* f */
    lua_copy(L, 2, 1);   /* the handler goes to index 1 */
    lua_replace(L, 2);   /* f at index 2, its arguments after it */
    int r = lua_pcall(L, n - 2, LUA_MULTRET, 1);
    if (r != LUA_OK && lp->exhausted)
        charge(L, lp, 0);
    lua_pushboolean(L, r == LUA_OK);
    lua_replace(L, 1); /* the handler's slot holds the status */
    return lua_gettop(L);
}

/* A Lua error with no protected call to catch it would abort the process (holding the
 * session's tokens in memory): land on the host's recovery point instead. */
static int at_panic(lua_State *L)
{
    struct wiz_lua_plugin *lp;
    lua_getallocf(L, (void **)&lp);
    if (lp && lp->panic_to)
        longjmp(*lp->panic_to, 1);
    return 0;
}

/* The error handler: the traceback is kept in the registry for the --debug log; users
 * get the message alone (the one line naming the plugin and what failed). */
static int traceback(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    luaL_traceback(L, L, msg ? msg : "(error object is not a string)", 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "wiz.traceback");
    if (!msg)
        lua_pushstring(L, "(error object is not a string)");
    else
        lua_pushvalue(L, 1);
    return 1;
}

/* m without the "plugin.lua:151: " that error() puts before a plugin's own message. */
static const char *without_location(const char *m)
{
    const char *p = m ? strstr(m, ".lua:") : NULL;
    if (!p || p - m > 120 || memchr(m, ' ', (size_t)(p - m)))
        return m;
    p += 5;
    if (!isdigit((unsigned char)*p))
        return m;
    while (isdigit((unsigned char)*p))
        p++;
    return p[0] == ':' && p[1] == ' ' ? p + 2 : m;
}

/* pcall with the traceback handler and a fresh budget; out-of-memory does not run the
 * handler, so it gets its own message. On error the message is on the stack. */
static int call(struct wiz_lua_plugin *lp, int nargs, int nres)
{
    lua_State *L = lp->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, traceback);
    lua_insert(L, base);
    lp->steps = 0;
    lp->exhausted = false;
    clock_gettime(CLOCK_MONOTONIC, &lp->t0);
    int r = lua_pcall(L, nargs, nres, base);
    lua_remove(L, base);
    if (r == LUA_ERRMEM) {
        lua_pop(L, 1);
        lua_pushfstring(L, "out of memory: the plugin went over its %d MiB limit", (int)(LUA_MEM_CAP >> 20));
    }
    return r;
}

/* load(chunk [, name [, mode [, env]]]): text only, into the plugin's _ENV by default. */
static int l_load(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    const char *name = luaL_optstring(L, 2, "=(load)");
    if (luaL_loadbufferx(L, s, n, name, "t") != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (!lua_isnoneornil(L, 4)) {
        lua_pushvalue(L, 4);
    } else {
        struct wiz_lua_plugin *lp;
        lua_getallocf(L, (void **)&lp);
        lua_rawgeti(L, LUA_REGISTRYINDEX, lp->env);
    }
    lua_setupvalue(L, -2, 1);
    return 1;
}

static int l_print(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
        if (i < n)
            luaL_addchar(&b, '\t');
    }
    luaL_pushresult(&b);
    fprintf(stderr, "%s\n", lua_tostring(L, -1));
    return 0;
}

/* import("text") returns a stand-in for an SDK module whose source is compiled and run
 * on the first use of one of its fields, inside the call that needs it (under that call's
 * budget): plugins import at load time, but most are loaded only to be ranked and never
 * called, and compiling every plugin's copy of the SDK was half the CPU of a setup run.
 * Each metamethod of the stand-in's first metatable has upvalues 1 the module name, 2 its
 * source text (read at import, so a missing module still fails the load), 3 nil; the first
 * one called runs the module and swaps in a metatable that forwards to it, so the others
 * are never called after that. */
static int sdk_forward_pairs(lua_State *L);
static int sdk_forward_len(lua_State *L);

/* Pushes the module behind stand-in `proxy` (an absolute index), running it if needed. */
static void sdk_resolve(lua_State *L, int proxy)
{
    if (lua_type(L, lua_upvalueindex(3)) == LUA_TTABLE) {
        lua_pushvalue(L, lua_upvalueindex(3));
        return;
    }
    const char *name = lua_tostring(L, lua_upvalueindex(1));
    size_t len;
    const char *text = lua_tolstring(L, lua_upvalueindex(2), &len);
    if (!text)
        luaL_error(L, "import: SDK module '%s' is still loading (circular import) or failed to load", name);
    char chunk[96];
    snprintf(chunk, sizeof chunk, "@sdk/%s.lua", name);
    if (luaL_loadbufferx(L, text, len, chunk, "t") != LUA_OK)
        lua_error(L);
    lua_pushnil(L);
    lua_replace(L, lua_upvalueindex(2)); /* the text is no longer needed, even on error */
    struct wiz_lua_plugin *lp;
    lua_getallocf(L, (void **)&lp);
    lua_rawgeti(L, LUA_REGISTRYINDEX, lp->env);
    lua_setupvalue(L, -2, 1);
    lua_call(L, 0, 1);
    if (!lua_istable(L, -1))
        luaL_error(L, "import: SDK module '%s' did not return a table", name);
    lua_pushvalue(L, -1);
    lua_replace(L, lua_upvalueindex(3));
    /* From now on reads and writes go straight to the module table (no C call per access). */
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, -2);
    lua_pushcclosure(L, sdk_forward_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushvalue(L, -2);
    lua_pushcclosure(L, sdk_forward_len, 1);
    lua_setfield(L, -2, "__len");
    lua_pushliteral(L, "sdk module");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, proxy);
}

/* pairs(module) for a module table at index i: the base library's next (the state's
 * real global table, which plugin code cannot reach). */
static int push_pairs(lua_State *L, int i)
{
    lua_getglobal(L, "next");
    lua_pushvalue(L, i);
    lua_pushnil(L);
    return 3;
}

static int sdk_forward_pairs(lua_State *L)
{
    return push_pairs(L, lua_upvalueindex(1));
}

static int sdk_forward_len(lua_State *L)
{
    lua_pushinteger(L, luaL_len(L, lua_upvalueindex(1)));
    return 1;
}

static int sdk_index(lua_State *L) /* (proxy, key) */
{
    sdk_resolve(L, 1);
    lua_pushvalue(L, 2);
    lua_gettable(L, -2);
    return 1;
}

static int sdk_newindex(lua_State *L) /* (proxy, key, value) */
{
    sdk_resolve(L, 1);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, 3);
    lua_settable(L, -3);
    return 0;
}

static int sdk_pairs(lua_State *L)
{
    sdk_resolve(L, 1);
    return push_pairs(L, lua_gettop(L));
}

static int sdk_len(lua_State *L)
{
    sdk_resolve(L, 1);
    lua_pushinteger(L, luaL_len(L, -1));
    return 1;
}

static int push_text(lua_State *L)
{
    lua_pushlstring(L, lua_touserdata(L, 1), (size_t)lua_tointeger(L, 2));
    return 1;
}

static int l_import(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
            return luaL_error(L, "import: bad module name '%s'", name);
    lua_getfield(L, LUA_REGISTRYINDEX, "ampli.imports");
    if (lua_getfield(L, -1, name) != LUA_TNIL)
        return 1;
    lua_pop(L, 1);
    struct wiz_lua_plugin *lp;
    lua_getallocf(L, (void **)&lp);
    char *path = wiz_asprintf("%s/%s.lua", lp->sdk_dir ? lp->sdk_dir : ".", name);
    struct wiz_ctx ctx;
    wiz_ctx_init(&ctx);
    char *text = NULL;
    size_t len = 0;
    enum wiz_rc rc = path ? wiz_pfs_read_abs(&ctx, path, &text, &len, NULL) : WIZ_EINTERNAL;
    free(path);
    if (rc)
        return luaL_error(L, "import: no SDK module '%s'", name);
    /* the text as one Lua string, shared by the four closures; pushed under a pcall so
     * an out-of-memory error cannot skip the free */
    lua_pushcfunction(L, push_text);
    lua_pushlightuserdata(L, text);
    lua_pushinteger(L, (lua_Integer)len);
    int pr = lua_pcall(L, 2, 1, 0);
    free(text);
    if (pr != LUA_OK)
        return lua_error(L);
    lua_newtable(L); /* the stand-in */
    lua_insert(L, -2);
    lua_createtable(L, 0, 5);
    lua_insert(L, -2);
    static const struct {
        const char *event;
        lua_CFunction fn;
    } mm[] = {{"__index", sdk_index}, {"__newindex", sdk_newindex}, {"__pairs", sdk_pairs}, {"__len", sdk_len}};
    for (size_t i = 0; i < sizeof mm / sizeof mm[0]; i++) {
        lua_pushstring(L, name);
        lua_pushvalue(L, -2);
        lua_pushnil(L);
        lua_pushcclosure(L, mm[i].fn, 3);
        lua_setfield(L, -3, mm[i].event);
    }
    lua_pop(L, 1); /* the text */
    lua_pushliteral(L, "sdk module");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, name);
    return 1;
}

/* The plugin's globals: copies of the safe library entries only. */
static void make_env(lua_State *L)
{
    static const char *const base[] = {"assert", "error", "ipairs", "next", "pairs", "pcall", "select", "tonumber",
                                       "tostring", "type", "xpcall", "rawequal", "rawget", "rawset", "rawlen",
                                       "setmetatable", "getmetatable", "_VERSION", "string", "table", "math",
                                       "utf8", NULL};
    lua_newtable(L);
    lua_pushglobaltable(L);
    for (const char *const *k = base; *k; k++) {
        lua_getfield(L, -1, *k);
        lua_setfield(L, -3, *k);
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, l_load);
    lua_setfield(L, -2, "load");
    lua_pushcfunction(L, l_pcall);
    lua_setfield(L, -2, "pcall");
    lua_pushcfunction(L, l_xpcall);
    lua_setfield(L, -2, "xpcall");
    lua_pushcfunction(L, l_print);
    lua_setfield(L, -2, "print");
    lua_pushcfunction(L, l_import);
    lua_setfield(L, -2, "import");
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "_G");
}

static enum wiz_rc refuse(struct wiz_ctx *ctx, struct wiz_plugin *p, const char *msg)
{
    p->status = WIZ_PS_REFUSED;
    free(p->note);
    p->note = wiz_strdup(msg);
    return wiz_fail(ctx, WIZ_EINTEGRATION, "%s: %s", p->path, msg);
}

/* t[k] without metamethods: a plugin's __index must not run (or fail) in host code */
static int rawfield(lua_State *L, int idx, const char *k)
{
    idx = lua_absindex(L, idx);
    lua_pushstring(L, k);
    return lua_rawget(L, idx);
}

static char *field_str(lua_State *L, const char *k)
{
    rawfield(L, -1, k);
    char *v = lua_type(L, -1) == LUA_TSTRING ? wiz_strdup(lua_tostring(L, -1)) : NULL;
    lua_pop(L, 1);
    return v;
}

static enum wiz_rc describe(struct wiz_ctx *ctx, struct wiz_plugin *p)
{
    lua_State *L = p->lua->L;
    if (!lua_istable(L, -1))
        return refuse(ctx, p, "the file must return a table (name, frameworks, detect, plan)");
    char *abi = field_str(L, "abi");
    unsigned maj = 1, min = 0;
    if (abi && sscanf(abi, "%u.%u", &maj, &min) != 2) {
        free(abi);
        return refuse(ctx, p, "abi must look like \"1.0\"");
    }
    free(abi);
    p->abi_major = maj;
    p->abi_minor = min;
    if (maj != WIZ_PLUGIN_ABI_MAJOR || min > WIZ_PLUGIN_ABI_MINOR) {
        char m[128];
        snprintf(m, sizeof m, "needs plugin ABI %u.%u, this ampli-wizard provides %d.%d", maj, min,
                 WIZ_PLUGIN_ABI_MAJOR, WIZ_PLUGIN_ABI_MINOR);
        return refuse(ctx, p, m);
    }
    p->name = field_str(L, "name");
    p->version = field_str(L, "version");
    p->description = field_str(L, "description");
    if (!p->version)
        p->version = wiz_strdup("0");
    rawfield(L, -1, "priority");
    p->priority = lua_isinteger(L, -1) && lua_tointeger(L, -1) > 0 ? (int)lua_tointeger(L, -1) : 500;
    lua_pop(L, 1);
    rawfield(L, -1, "verify");
    p->has_verify = lua_isfunction(L, -1);
    lua_pop(L, 1);
    bool fns = true;
    for (const char *const *k = (const char *const[]){"detect", "plan", NULL}; *k; k++) {
        rawfield(L, -1, *k);
        fns &= lua_isfunction(L, -1);
        lua_pop(L, 1);
    }
    rawfield(L, -1, "frameworks");
    size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
    p->ids = calloc(n + 1, sizeof *p->ids);
    for (size_t i = 0; p->ids && i < n; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        p->ids[i] = wiz_strdup(lua_isstring(L, -1) ? lua_tostring(L, -1) : "?");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (!p->ids)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    if (!p->name || !n || !fns)
        return refuse(ctx, p, "the table lacks name, frameworks, detect or plan");
    p->lua->ref = luaL_ref(L, LUA_REGISTRYINDEX);
    p->status = WIZ_PS_OK;
    return WIZ_OK;
}

enum wiz_rc wiz_load_lua(struct wiz_ctx *ctx, struct wiz_plugin *p, const char *sdk_dir)
{
    p->kind = WIZ_PK_LUA;
    char *text;
    size_t len;
    enum wiz_rc rc = wiz_pfs_read_abs(ctx, p->path, &text, &len, NULL);
    if (rc)
        return refuse(ctx, p, wiz_errmsg(ctx));
    struct wiz_lua_plugin *lp = calloc(1, sizeof *lp);
    if (!lp) {
        free(text);
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    }
    lp->cap = LUA_MEM_CAP;
    lp->ref = lp->env = LUA_NOREF;
    lp->sdk_dir = wiz_strdup(sdk_dir);
    p->lua = lp;
    lp->L = lua_newstate(lalloc, lp);
    if (!lp->L) {
        free(text);
        return wiz_fail(ctx, WIZ_EINTERNAL, "cannot create a Lua state");
    }
    lua_State *L = lp->L;
    lua_atpanic(L, at_panic);
    jmp_buf jb;
    char *volatile vtext = text;
    lp->panic_to = &jb;
    if (setjmp(jb)) {
        lp->broken = true;
        lp->panic_to = NULL;
        free(vtext);
        return refuse(ctx, p, "a Lua error outside a protected call while loading");
    }
    static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base}, {LUA_STRLIBNAME, luaopen_string},
                                    {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
                                    {LUA_UTF8LIBNAME, luaopen_utf8}, {NULL, NULL}};
    for (const luaL_Reg *l = libs; l->name; l++) {
        luaL_requiref(L, l->name, l->func, 1);
        lua_pop(L, 1);
    }
    wiz_lua_api_open(L);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "ampli.imports");
    lua_sethook(L, hook, LUA_MASKCOUNT, LUA_STEP);
    make_env(L);
    lp->env = luaL_ref(L, LUA_REGISTRYINDEX);
    const char *base = strrchr(p->path, '/') ? strrchr(p->path, '/') + 1 : p->path;
    char chunk[300];
    snprintf(chunk, sizeof chunk, "@%s", base);
    int lr = luaL_loadbufferx(L, text, len, chunk, "t");
    vtext = NULL;
    free(text);
    if (lr != LUA_OK) {
        char m[1024];
        snprintf(m, sizeof m, "%s", lua_tostring(L, -1));
        lua_pop(L, 1);
        lp->panic_to = NULL;
        return refuse(ctx, p, m);
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, lp->env);
    lua_setupvalue(L, -2, 1);
    if (call(lp, 0, 1) != LUA_OK) {
        char m[1024];
        snprintf(m, sizeof m, "%s", lua_tostring(L, -1));
        lua_pop(L, 1);
        lp->panic_to = NULL;
        return refuse(ctx, p, m);
    }
    rc = describe(ctx, p);
    lua_settop(L, 0);
    lp->panic_to = NULL;
    return rc;
}

void wiz_unload_lua(struct wiz_plugin *p)
{
    if (!p->lua)
        return;
    if (p->lua->L && !p->lua->broken) /* a state left by a panic is not safe to close */
        lua_close(p->lua->L);
    free(p->lua->sdk_dir);
    free(p->lua);
    p->lua = NULL;
}

int wiz_lua_call(struct wiz_plugin *p, enum wiz_call which, wiz_session *s)
{
    static const char *const names[] = {"detect", "plan", "verify"};
    struct wiz_lua_plugin *lp = p->lua;
    lua_State *L = lp->L;
    if (lp->broken)
        return wiz_session_fail(s, WIZ_PLUGIN_ERR, "its Lua state failed earlier; not called again");
    jmp_buf jb;
    lp->panic_to = &jb;
    if (setjmp(jb)) {
        lp->broken = true;
        lp->panic_to = NULL;
        return wiz_session_fail(s, WIZ_PLUGIN_ERR, "a Lua error outside a protected call (in %s)", names[which]);
    }
    lua_settop(L, 0);
    lua_rawgeti(L, LUA_REGISTRYINDEX, lp->ref);
    rawfield(L, 1, names[which]);
    if (!lua_isfunction(L, -1)) {
        lua_settop(L, 0);
        lp->panic_to = NULL;
        return WIZ_PLUGIN_OK; /* verify is optional */
    }
    wiz_lua_push_session(L, s);
    lua_pushvalue(L, -1);
    lua_insert(L, 1); /* keep a handle to clear it afterwards */
    int r = call(lp, 1, 2);
    int prc = WIZ_PLUGIN_OK;
    if (r != LUA_OK) {
        const char *m = lua_tostring(L, -1);
        /* the traceback for --debug only; the message as one line */
        lua_getfield(L, LUA_REGISTRYINDEX, "wiz.traceback");
        if (lua_isstring(L, -1))
            wiz_debug(&s->app->ctx, "plugin %s: %s", s->plugin && s->plugin->name ? s->plugin->name : "?",
                      lua_tostring(L, -1));
        lua_pop(L, 1);
        /* a host refusal raised as a Lua error keeps its code */
        int code = s->err ? s->err : WIZ_PLUGIN_ERR;
        wiz_session_fail(s, code, "%s", m ? without_location(m) : "error");
        prc = code;
    } else if (lua_type(L, -2) == LUA_TBOOLEAN && !lua_toboolean(L, -2)) {
        const char *m = lua_tostring(L, -1);
        prc = wiz_session_fail(s, WIZ_PLUGIN_ERR, "%s", m ? m : "returned false");
    } else if (which == WIZ_CALL_DETECT && lua_type(L, -2) == LUA_TSTRING) {
        /* detect may return id, evidence instead of calling s:claim */
        prc = wiz_host_api()->claim(s, lua_tostring(L, -2), lua_isstring(L, -1) ? lua_tostring(L, -1) : "");
    }
    wiz_lua_end_session(L, 1);
    lua_settop(L, 0);
    lua_gc(L, LUA_GCCOLLECT);
    lp->panic_to = NULL;
    return prc;
}
