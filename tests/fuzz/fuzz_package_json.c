/* The format-preserving package.json editor (core/plugin/edit_json.c). The first byte
 * picks the section and package; the rest is the file. An edit that succeeds must
 * leave valid JSON that holds the package. */
#include "plugin/host.h"
#include "fuzz_util.h"

#include <jansson.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const sections[] = {"dependencies", "devDependencies"};
    static const char *const names[] = {"@amplitude/unified", "@amplitude/analytics-node", "a\"b\\c"};
    if (size < 1)
        return 0;
    unsigned pick = data[0];
    char *text = fuzz_cstr(data + 1, size - 1);
    if (!text)
        return 0;
    const char *name = names[pick % 3];
    char *out = NULL;
    int rc = wiz_edit_package_json(text, sections[(pick / 3) % 2], name, "^2.0.0", &out);
    json_t *in_doc = json_loads(text, JSON_DECODE_ANY, NULL);
    if (rc == 0 && out && json_is_object(in_doc)) {
        /* valid input object -> valid output holding the dependency */
        json_error_t err;
        json_t *doc = json_loads(out, 0, &err);
        if (!doc)
            abort();
        json_t *sec = json_object_get(doc, sections[(pick / 3) % 2]);
        if (!json_is_object(sec) || !json_object_get(sec, name))
            abort();
        json_decref(doc);
    }
    json_decref(in_doc);
    free(out);
    free(text);
    return 0;
}
