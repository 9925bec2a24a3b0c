/* fuzz_rules.c - libFuzzer target: the rule-pack loader must refuse or accept any bytes without a
 * crash, a leak or undefined behaviour, and leave the rules unchanged when it refuses. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ct_rules rules;
    struct ct_error err;
    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    if (ct_rules_load_text(&rules, (const char *)data, size, "fuzz.json", &err) != 0 &&
        (rules.nscopes || rules.nedges || rules.npacks))
        __builtin_trap(); /* a refused pack must leave nothing behind */
    ct_rules_fini(&rules);
    return 0;
}
