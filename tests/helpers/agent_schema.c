/* Prints docs/agent-ndjson.schema.json as generated from the agent event registry
 * (core/ui/agent_events.h). scripts/gen-agent-schema writes it; test_agent_schema.sh
 * fails when the committed file differs. */
#include "ui/agent_events.h"

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *s = wiz_agent_schema_text();
    if (!s) {
        fputs("agent_schema: a schema fragment in core/ui/agent_events.h is not valid JSON\n", stderr);
        return 1;
    }
    puts(s);
    free(s);
    return 0;
}
