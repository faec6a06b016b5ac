/* POST /2/httpapi: HTTP V2 ingestion. A batch is accepted whole or refused whole,
 * with the error shapes of the real endpoint; accepted events are recorded for
 * GET /__stand-in/events, each with the api_key it came with. */
#include "standin.h"

#include <stdio.h>
#include <string.h>
#include <sys/time.h>

bool wiz_si_api_key_served(const struct wiz_si_server *srv, const char *key)
{
    size_t i, j, k;
    json_t *org, *ws, *env;
    json_array_foreach(srv->set.orgs, i, org)
    {
        json_array_foreach(json_object_get(org, "workspaces"), j, ws)
        {
            json_array_foreach(json_object_get(ws, "environments"), k, env)
            {
                const char *have = wiz_si_field(json_object_get(env, "app"), "apiKey");
                if (have && key && strcmp(have, key) == 0)
                    return true;
            }
        }
    }
    return false;
}

static void bad_request(struct wiz_si_reply *r, json_t *owned)
{
    json_object_set_new(owned, "code", json_integer(400));
    wiz_si_reply_json(r, 400, owned);
}

/* Adds index i under field in the object map (field -> [indexes]). */
static void note(json_t *map, const char *field, size_t i)
{
    json_t *list = json_object_get(map, field);
    if (!list) {
        list = json_array();
        json_object_set_new(map, field, list);
    }
    json_array_append_new(list, json_integer((json_int_t)i));
}

/* An id is fine when absent, or a string of at least min characters. */
static bool id_ok(json_t *v, size_t min)
{
    return !v || (json_is_string(v) && json_string_length(v) >= min);
}

/* HTTP V2's throttling: a device or user with more than eps_threshold events in the last
 * second gets the batch refused with 429 and the ids named (Amplitude's HTTP V2 docs: the
 * body has eps_threshold, throttled_devices, throttled_users, throttled_events); the SDKs
 * retry later. So an integration that sends every event as one device fails here, as it
 * would lose events there. Accepted events count toward the window. */
static bool throttled(struct wiz_si_server *srv, json_t *events, json_int_t now, struct wiz_si_reply *r)
{
    long limit = srv->set.eps_threshold;
    if (limit <= 0)
        return false;
    if (!srv->recent && !(srv->recent = json_object()))
        return false;
    json_t *devices = json_object(), *users = json_object(), *idx = json_array();
    size_t i;
    json_t *ev;
    /* count, per id, the window's events plus this batch's */
    json_array_foreach(events, i, ev)
    {
        for (int k = 0; k < 2; k++) {
            const char *id = wiz_si_field(ev, k ? "user_id" : "device_id");
            if (!id)
                continue;
            char key[300];
            snprintf(key, sizeof key, "%c:%s", k ? 'u' : 'd', id);
            json_t *times = json_object_get(srv->recent, key);
            if (!times) {
                times = json_array();
                json_object_set_new(srv->recent, key, times);
            }
            while (json_array_size(times) && json_integer_value(json_array_get(times, 0)) <= now - 1000)
                json_array_remove(times, 0);
            json_array_append_new(times, json_integer(now));
            if ((long)json_array_size(times) > limit) {
                json_object_set_new(k ? users : devices, id, json_integer((json_int_t)json_array_size(times)));
                json_array_append_new(idx, json_integer((json_int_t)i));
            }
        }
    }
    if (json_object_size(devices) == 0 && json_object_size(users) == 0) {
        json_decref(devices);
        json_decref(users);
        json_decref(idx);
        return false;
    }
    wiz_si_reply_json(r, 429,
                      json_pack("{s:i, s:s, s:I, s:o, s:o, s:o}", "code", 429, "error",
                                "Too many requests for some devices and users", "eps_threshold", (json_int_t)limit,
                                "throttled_devices", devices, "throttled_users", users, "throttled_events", idx));
    return true;
}

void wiz_si_ingest(struct wiz_si_server *srv, const struct wiz_si_req *req, struct wiz_si_reply *r)
{
    json_t *b = req->json;
    r->cors = true;
    if (!json_is_object(b)) {
        bad_request(r, json_pack("{s:s}", "error", "Invalid JSON request body"));
        return;
    }
    const char *key = wiz_si_field(b, "api_key");
    json_t *events = json_object_get(b, "events");
    if (!key || !*key) {
        bad_request(r, json_pack("{s:s, s:s}", "error", "Request missing required field", "missing_field", "api_key"));
        return;
    }
    if (!wiz_si_api_key_served(srv, key)) {
        bad_request(r, json_pack("{s:s}", "error", "Invalid API key"));
        return;
    }
    if (!json_is_array(events) || json_array_size(events) == 0) {
        bad_request(r, json_pack("{s:s, s:s}", "error", "Request missing required field", "missing_field", "events"));
        return;
    }
    json_t *opt_min = json_object_get(json_object_get(b, "options"), "min_id_length");
    size_t min = json_is_integer(opt_min) && json_integer_value(opt_min) > 0 ? (size_t)json_integer_value(opt_min) : 5;
    json_t *missing = json_object(), *invalid = json_object();
    size_t i;
    json_t *ev;
    json_array_foreach(events, i, ev)
    {
        json_t *type = json_object_get(ev, "event_type");
        json_t *uid = json_object_get(ev, "user_id"), *did = json_object_get(ev, "device_id");
        if (!json_is_object(ev)) {
            note(invalid, "event", i);
            continue;
        }
        if (!type)
            note(missing, "event_type", i);
        else if (!json_is_string(type) || json_string_length(type) == 0)
            note(invalid, "event_type", i);
        if (!uid && !did)
            note(missing, "user_id or device_id", i);
        if (!id_ok(uid, min))
            note(invalid, "user_id", i);
        if (!id_ok(did, min))
            note(invalid, "device_id", i);
    }
    if (json_object_size(missing) || json_object_size(invalid)) {
        const char *why =
            json_object_size(missing) ? "Request missing required field" : "Invalid field values on some events";
        bad_request(r, json_pack("{s:s, s:o, s:o}", "error", why, "events_with_missing_fields", missing,
                                 "events_with_invalid_fields", invalid));
        return;
    }
    json_decref(missing);
    json_decref(invalid);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    json_int_t ms = (json_int_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
    if (throttled(srv, events, ms, r))
        return;
    json_array_foreach(events, i, ev)
    {
        json_t *copy = json_deep_copy(ev);
        if (copy && json_object_set_new(copy, "api_key", json_string(key)) == 0)
            json_array_append_new(srv->events, copy);
        else
            json_decref(copy);
    }
    wiz_si_reply_json(r, 200,
                      json_pack("{s:i, s:I, s:I, s:I}", "code", 200, "events_ingested",
                                (json_int_t)json_array_size(events), "payload_size_bytes", (json_int_t)req->body_len,
                                "server_upload_time", ms));
}
