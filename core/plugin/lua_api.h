/* The Lua face of the host table: a session userdata whose methods call wiz_host_api(). */
#ifndef WIZ_LUA_API_H
#define WIZ_LUA_API_H

#include "host.h"
#include <lua.h>

/* loader_lua.c: charges a host call against the plugin's budget (a fixed part plus work
 * bytes); raises the budget error when it is spent. */
void wiz_lua_charge(lua_State *L, size_t work);
/* Registers the session metatable in L. */
void wiz_lua_api_open(lua_State *L);
/* Pushes a session userdata for s. */
void wiz_lua_push_session(lua_State *L, wiz_session *s);
/* Clears the userdata at idx, so a script that kept it gets an error, not freed memory. */
void wiz_lua_end_session(lua_State *L, int idx);

#endif
