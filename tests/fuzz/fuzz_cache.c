/* fuzz_cache.c - libFuzzer target: decoding cached facts from any bytes must either refuse them
 * or give facts that encode back to the same bytes; never crash, leak or read out of bounds. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ct_tu_facts *facts = NULL;
    if (ct_facts_decode(data, size, &facts) == 0) {
        unsigned char *again = NULL;
        size_t len = 0;
        if (ct_facts_encode(facts, &again, &len) != 0)
            __builtin_trap();
        /* re-decoding what we encoded must work */
        struct ct_tu_facts *twice = NULL;
        if (ct_facts_decode(again, len, &twice) != 0)
            __builtin_trap();
        ct_tu_facts_free(twice);
        free(again);
        ct_tu_facts_free(facts);
    }
    return 0;
}
