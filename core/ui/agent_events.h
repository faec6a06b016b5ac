/* The agent NDJSON events: one registry for the emitter (agent.c stamps each event's
 * envelope type and data_version from it, and an event missing here does not compile)
 * and for docs/agent-ndjson.schema.json (agent_schema.c prints the schema from the same
 * table; test_agent_schema.sh fails when the committed file differs, and every recorded
 * line of the tests validates against it).
 *
 * The wire is Amplitude's (amplitude/wizard src/lib/agent-events.ts, AgentEventEnvelope,
 * EVENT_DATA_VERSIONS and the data interfaces; docs/agent-ndjson-contract.md): the
 * discriminators, versions and field names below are theirs for every event a
 * deterministic wizard has; the few of our own (whoami, auth_status, detect, plugins,
 * login, logout, undo results) follow the same rules. Adding a field to an event is
 * fine; changing or removing one bumps its data_version.
 *
 * X(name, envelope type, data_version, JSON Schema of data beyond "event") */
#ifndef WIZ_AGENT_EVENTS_H
#define WIZ_AGENT_EVENTS_H

#define WIZ_AGENT_STRS "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"
#define WIZ_AGENT_SCOPE                                                                                       \
    "{\"type\":\"object\",\"properties\":{\"region\":{\"enum\":[\"us\",\"eu\"]},\"orgId\":{\"type\":\"string\"}," \
    "\"orgName\":{\"type\":\"string\"},\"projectId\":{\"type\":\"string\"},\"projectName\":{\"type\":\"string\"},"  \
    "\"appId\":{\"type\":\"string\",\"pattern\":\"^[0-9]+$\"},\"appName\":{\"type\":\"string\"},"                    \
    "\"envName\":{\"type\":\"string\"}}}"
#define WIZ_AGENT_RECOVERABLE                                                                                   \
    "\"recoverable\":{\"enum\":[\"retry\",\"reinvoke_with_flag\",\"human_required\",\"fatal\"]},"                 \
    "\"suggestedAction\":{\"type\":\"object\",\"properties\":{\"command\":" WIZ_AGENT_STRS                         \
    ",\"docsUrl\":{\"type\":\"string\"}}}"

#define WIZ_AGENT_EVENTS(X)                                                                                   \
    X(start_run, "lifecycle", 1,                                                                              \
      "{\"properties\":{\"version\":{\"type\":\"string\"},\"mode\":{\"const\":\"agent\"},"                        \
      "\"command\":{\"type\":\"string\"},\"pid\":{\"type\":\"integer\"}}}")                                       \
    X(setup_context, "lifecycle", 1,                                                                          \
      "{\"required\":[\"phase\",\"amplitude\"],\"properties\":{\"phase\":{\"enum\":[\"plan\",\"apply_started\","   \
      "\"whoami\"]},\"amplitude\":" WIZ_AGENT_SCOPE ",\"sources\":{\"type\":\"object\",\"additionalProperties\":"  \
      "{\"enum\":[\"auto\",\"flag\",\"saved\",\"recommended\"]}},\"requiresConfirmation\":{\"type\":\"boolean\"},"  \
      "\"resumeFlags\":{\"type\":\"object\",\"properties\":{\"changeApp\":" WIZ_AGENT_STRS "}}}}")                  \
    X(project_create_start, "lifecycle", 1,                                                                   \
      "{\"required\":[\"orgId\",\"name\"],\"properties\":{\"orgId\":{\"type\":\"string\"},"                         \
      "\"name\":{\"type\":\"string\"}}}")                                                                      \
    X(auth_required, "lifecycle", 2,                                                                          \
      "{\"required\":[\"reason\",\"loginCommand\"],\"properties\":{\"reason\":{\"enum\":[\"no_stored_credentials\"," \
      "\"token_expired\",\"refresh_failed\",\"env_selection_failed\"]},\"loginCommand\":" WIZ_AGENT_STRS            \
      ",\"resumeCommand\":" WIZ_AGENT_STRS "}}")                                                                 \
    X(signup_input_required, "lifecycle", 1,                                                                  \
      "{\"required\":[\"missing\",\"resumeCommand\"],\"properties\":{\"missing\":{\"type\":\"array\",\"items\":"    \
      "{\"type\":\"object\",\"required\":[\"flag\",\"description\"],\"properties\":{\"flag\":{\"type\":\"string\"},"  \
      "\"description\":{\"type\":\"string\"},\"url\":{\"type\":\"string\"}}}},\"resumeCommand\":" WIZ_AGENT_STRS "}}") \
    X(decision_auto, "lifecycle", 2,                                                                          \
      "{\"required\":[\"code\",\"decisionId\",\"value\",\"reason\"],\"properties\":{\"code\":{\"type\":\"string\"},"  \
      "\"decisionId\":{\"type\":\"string\",\"pattern\":\"^dec_[0-9]{3,}$\"},\"reason\":{\"enum\":[\"auto_approve\","  \
      "\"back_compat\"]}}}")                                                                                     \
    X(cancel, "lifecycle", 1, "{}")                                                                            \
    X(run_completed, "lifecycle", 1,                                                                          \
      "{\"required\":[\"outcome\",\"exitCode\",\"durationMs\"],\"properties\":{\"outcome\":{\"enum\":[\"success\","   \
      "\"error\",\"cancelled\"]},\"exitCode\":{\"enum\":[0,1,2,3,4,10,11,12,13,14,20,130]},\"durationMs\":"          \
      "{\"type\":\"integer\",\"minimum\":0},\"reason\":{\"type\":\"string\"},\"logFile\":{\"type\":\"string\"}}}")   \
    X(heartbeat, "progress", 1,                                                                               \
      "{\"required\":[\"statuses\",\"elapsedMs\"],\"properties\":{\"statuses\":" WIZ_AGENT_STRS                      \
      ",\"elapsedMs\":{\"type\":\"integer\",\"minimum\":0}}}")                                                  \
    X(file_change_planned, "progress", 1,                                                                     \
      "{\"required\":[\"path\",\"operation\"],\"properties\":{\"path\":{\"type\":\"string\"},\"operation\":"         \
      "{\"enum\":[\"create\",\"modify\",\"delete\"]}}}")                                                          \
    X(file_change_applied, "result", 1,                                                                       \
      "{\"required\":[\"path\",\"operation\"],\"properties\":{\"path\":{\"type\":\"string\"},\"operation\":"         \
      "{\"enum\":[\"create\",\"modify\",\"delete\"]},\"bytes\":{\"type\":\"integer\",\"minimum\":0}}}")            \
    X(project_create_success, "result", 1,                                                                    \
      "{\"required\":[\"appId\",\"name\",\"orgId\"],\"properties\":{\"appId\":{\"type\":\"string\"},"               \
      "\"name\":{\"type\":\"string\"},\"orgId\":{\"type\":\"string\"}},\"not\":{\"required\":[\"apiKey\"]}}")          \
    X(setup_complete, "result", 1,                                                                            \
      "{\"required\":[\"amplitude\"],\"properties\":{\"amplitude\":" WIZ_AGENT_SCOPE ",\"files\":{\"type\":"         \
      "\"object\",\"required\":[\"written\",\"modified\"],\"properties\":{\"written\":" WIZ_AGENT_STRS                \
      ",\"modified\":" WIZ_AGENT_STRS "}},\"envVars\":{\"type\":\"object\",\"required\":[\"added\",\"modified\"],"    \
      "\"properties\":{\"added\":" WIZ_AGENT_STRS ",\"modified\":" WIZ_AGENT_STRS "}},\"durationMs\":{\"type\":"    \
      "\"integer\",\"minimum\":0},\"framework\":{\"type\":\"string\"},\"nextSteps\":" WIZ_AGENT_STRS                 \
      ",\"undoCommand\":" WIZ_AGENT_STRS "}}")                                                                  \
    X(whoami, "result", 1,                                                                                    \
      "{\"required\":[\"loggedIn\"],\"properties\":{\"loggedIn\":{\"type\":\"boolean\"},\"email\":{\"type\":"        \
      "\"string\"},\"firstName\":{\"type\":\"string\"},\"lastName\":{\"type\":\"string\"},\"region\":{\"enum\":"     \
      "[\"us\",\"eu\"]},\"tokenExpiresAt\":{\"type\":[\"string\",\"null\"]},\"loginCommand\":" WIZ_AGENT_STRS "}}")  \
    X(auth_status, "result", 1,                                                                               \
      "{\"required\":[\"loggedIn\",\"user\",\"tokenExpiresAt\"],\"properties\":{\"loggedIn\":{\"type\":"            \
      "\"boolean\"},\"user\":{\"type\":[\"object\",\"null\"]},\"tokenExpiresAt\":{\"type\":[\"string\",\"null\"]}}}") \
    X(detect, "result", 1,                                                                                    \
      "{\"required\":[\"integration\",\"frameworkName\",\"confidence\"],\"properties\":{\"integration\":{\"type\":"  \
      "[\"string\",\"null\"]},\"frameworkName\":{\"type\":[\"string\",\"null\"]},\"confidence\":{\"enum\":"          \
      "[\"detected\",\"chosen\",\"none\"]}}}")                                                                   \
    X(plugins, "result", 1, "{\"required\":[\"plugins\"],\"properties\":{\"plugins\":{\"type\":\"array\"}}}")    \
    X(login, "result", 1, "{\"required\":[\"user\"],\"properties\":{\"user\":{\"type\":\"object\"}}}")           \
    X(logout, "result", 1,                                                                                    \
      "{\"required\":[\"removed\"],\"properties\":{\"removed\":" WIZ_AGENT_STRS "}}")                              \
    X(needs_input, "needs_input", 3,                                                                          \
      "{\"required\":[\"code\",\"decisionId\",\"choices\"],\"properties\":{\"code\":{\"type\":\"string\"},"          \
      "\"decisionId\":{\"type\":\"string\",\"pattern\":\"^dec_[0-9]{3,}$\"},\"ui\":{\"type\":\"object\","           \
      "\"required\":[\"component\"],\"properties\":{\"component\":{\"enum\":[\"searchable_select\",\"select\","    \
      "\"multiselect\",\"confirmation\",\"secret_input\",\"text_input\"]},\"priority\":{\"enum\":[\"required\","    \
      "\"recommended\",\"optional\"]}}},\"choices\":{\"type\":\"array\",\"items\":{\"type\":\"object\","              \
      "\"required\":[\"value\",\"label\"],\"properties\":{\"value\":{\"type\":\"string\"},\"label\":{\"type\":"       \
      "\"string\"},\"resumeFlags\":" WIZ_AGENT_STRS "}}},\"recommended\":{\"type\":\"string\"},\"resumeFlags\":"      \
      "{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"value\",\"flags\"],\"properties\":"         \
      "{\"flags\":" WIZ_AGENT_STRS "}}},\"responseSchema\":{\"type\":\"object\",\"required\":[\"type\","              \
      "\"properties\"]},\"pagination\":{\"type\":\"object\",\"required\":[\"total\",\"returned\"]},"                 \
      "\"allowManualEntry\":{\"type\":\"boolean\"},\"manualEntry\":{\"type\":\"object\",\"required\":[\"flag\"]}}}")  \
    X(run_error, "error", 1,                                                                                  \
      "{\"required\":[\"code\",\"recoverable\",\"exitCode\"],\"properties\":{\"code\":{\"type\":\"string\"},"       \
      WIZ_AGENT_RECOVERABLE ",\"exitCode\":{\"type\":\"integer\"},\"reason\":{\"type\":\"string\"}}}")               \
    X(project_create_error, "error", 1,                                                                       \
      "{\"required\":[\"code\",\"recoverable\"],\"properties\":{\"code\":{\"enum\":[\"NAME_TAKEN\","                  \
      "\"QUOTA_REACHED\",\"FORBIDDEN\",\"INVALID_REQUEST\",\"INTERNAL\",\"MISSING_NAME\",\"MISSING_ORG\"]},"        \
      "\"name\":{\"type\":\"string\"}," WIZ_AGENT_RECOVERABLE "}}")

enum wiz_agent_event {
#define WIZ_AGENT_ENUM(name, type, version, schema) WIZ_AEV_##name,
    WIZ_AGENT_EVENTS(WIZ_AGENT_ENUM)
#undef WIZ_AGENT_ENUM
    WIZ_AEV_COUNT
};

struct wiz_agent_event_info {
    const char *name, *type;
    int data_version;
    const char *schema; /* JSON Schema of data (properties beyond "event") */
};

/* The registry entry of ev (static). */
const struct wiz_agent_event_info *wiz_agent_event_info(enum wiz_agent_event ev);

/* docs/agent-ndjson.schema.json as generated from the registry.
 * returns owned string: free(); NULL when out of memory */
char *wiz_agent_schema_text(void);

#endif
