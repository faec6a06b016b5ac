/* The agent event registry (agent_events.h) and the JSON Schema generated from it. */
#include "agent_events.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const struct wiz_agent_event_info registry[] = {
#define WIZ_AGENT_ROW(name, type, version, schema) {#name, type, version, schema},
    WIZ_AGENT_EVENTS(WIZ_AGENT_ROW)
#undef WIZ_AGENT_ROW
};

const struct wiz_agent_event_info *wiz_agent_event_info(enum wiz_agent_event ev)
{
    return ev >= 0 && ev < WIZ_AEV_COUNT ? &registry[ev] : NULL;
}

/* The envelope types whose data is free-form in Amplitude's contract, and the shapes
 * this wizard gives them (its emitter, agent.c, writes nothing else). */
static const char *const freeform[][2] = {
    {"log", "{\"type\":\"object\",\"maxProperties\":0}"},
    {"status",
     "{\"type\":\"object\",\"required\":[\"kind\"],\"properties\":{\"kind\":{\"enum\":[\"header\",\"plan\","
     "\"spinner\",\"summary\",\"answer\"]},\"state\":{\"enum\":[\"start\",\"stop\",\"failed\"]}}}"},
    {"prompt",
     "{\"type\":\"object\",\"required\":[\"promptType\"],\"properties\":{\"promptType\":{\"const\":\"open_url\"},"
     "\"url\":{\"type\":\"string\"},\"label\":{\"type\":\"string\"}}}"},
    {"session_state",
     "{\"type\":\"object\",\"required\":[\"field\",\"value\"],\"properties\":{\"field\":{\"enum\":[\"loginUrl\","
     "\"detectedFramework\"]}}}"},
    {"diagnostic", "{\"type\":\"object\",\"required\":[\"code\"],\"properties\":{\"code\":{\"type\":\"string\","
                   "\"minLength\":1}}}"},
};

static json_t *frag(const char *text)
{
    return json_loads(text, 0, NULL);
}

static json_t *build(void)
{
    json_t *names = json_array(), *discriminated = json_array();
    for (int i = 0; i < WIZ_AEV_COUNT; i++) {
        json_array_append_new(names, json_string(registry[i].name));
        bool seen = false;
        size_t k;
        json_t *t;
        json_array_foreach(discriminated, k, t)
            seen = seen || strcmp(json_string_value(t), registry[i].type) == 0;
        if (!seen)
            json_array_append_new(discriminated, json_string(registry[i].type));
    }
    json_t *types = frag("[\"lifecycle\",\"log\",\"status\",\"progress\",\"session_state\",\"prompt\","
                         "\"needs_input\",\"diagnostic\",\"result\",\"error\"]");
    json_t *all = json_array();
    json_array_append_new(
        all, json_pack("{s:{s:{s:{s:o}}}, s:{s:[s,s], s:{s:{s:[s], s:{s:{s:o}}}}}}", "if", "properties", "type",
                       "enum", discriminated, "then", "required", "data", "data_version", "properties", "data",
                       "required", "event", "properties", "event", "enum", names));
    for (int i = 0; i < WIZ_AEV_COUNT; i++) {
        json_t *data = frag(registry[i].schema);
        if (!data)
            return NULL; /* a registry typo: the generator test names it */
        json_object_set_new(data, "type", json_string("object"));
        json_t *props = json_object_get(data, "properties");
        if (!props)
            json_object_set_new(data, "properties", props = json_object());
        json_object_set_new(props, "event", json_pack("{s:s}", "const", registry[i].name));
        json_array_append_new(
            all, json_pack("{s:{s:[s], s:{s:{s:[s], s:{s:{s:s}}}}}, s:{s:{s:{s:s}, s:{s:i}, s:o}}}", "if", "required",
                           "data", "properties", "data", "required", "event", "properties", "event", "const",
                           registry[i].name, "then", "properties", "type", "const", registry[i].type,
                           "data_version", "const", registry[i].data_version, "data", data));
    }
    for (size_t i = 0; i < sizeof freeform / sizeof freeform[0]; i++)
        json_array_append_new(all, json_pack("{s:{s:{s:{s:s}}}, s:{s:{s:o}}}", "if", "properties", "type", "const",
                                             freeform[i][0], "then", "properties", "data", frag(freeform[i][1])));
    return json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:[s,s,s,s,s,s,s], s:b, s:{s:{s:i}, s:{s:s, s:s}, s:{s:o}, s:{s:s}, "
        "s:{s:s, s:i}, s:{s:s, s:s}, s:{s:[s,s,s,s,s]}, s:{s:s, s:i}, s:{s:s}}, s:o}",
        "$schema", "https://json-schema.org/draft/2020-12/schema", "$id",
        "https://github.com/amplitude/ampli-wizard/docs/agent-ndjson.schema.json", "title",
        "ampli-wizard agent event (one NDJSON line)", "description",
        "Every line ampli-wizard writes to stdout in agent mode: Amplitude's wizard's envelope and "
        "discriminators. Generated from core/ui/agent_events.h (scripts/gen-agent-schema); see "
        "docs/agent-ndjson.md.",
        "type", "object", "required", "v", "@timestamp", "type", "message", "session_id", "run_id", "level",
        "additionalProperties", 0, "properties", "v", "const", 1, "@timestamp", "type", "string", "pattern",
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$", "type", "enum", types, "message",
        "type", "string", "session_id", "type", "string", "minLength", 1, "run_id", "type", "string", "pattern",
        "^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$", "level", "enum", "info", "warn", "error", "success", "step",
        "data_version", "type", "integer", "minimum", 1, "data", "type", "object", "allOf", all);
}

char *wiz_agent_schema_text(void)
{
    json_t *s = build();
    char *text = s ? json_dumps(s, JSON_INDENT(2)) : NULL;
    json_decref(s);
    return text;
}
