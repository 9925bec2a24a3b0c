/* seed_cache.c - writes the encoded facts of each C file given into DIR, as seeds for
 * fuzz_cache. Usage: seed_cache DIR FILE... */
#include <stdio.h>
#include <stdlib.h>
#include "cache.h"
#include "frontend.h"

int main(int argc, char **argv)
{
    struct ct_frontend *fe = ct_frontend_new();
    const char *args[] = {"-std=c11", "-pthread"};
    if (!fe || argc < 3)
        return 2;
    for (int i = 2; i < argc; i++) {
        struct ct_tu_facts *facts = NULL;
        struct ct_error err;
        unsigned char *data;
        size_t len;
        char path[4096];
        if (ct_frontend_parse(fe, argv[i], args, 2, &facts, &err) != 0)
            continue;
        if (ct_facts_encode(facts, &data, &len) == 0) {
            snprintf(path, sizeof(path), "%s/seed%d", argv[1], i);
            FILE *fp = fopen(path, "wb");
            if (fp) {
                fwrite(data, 1, len, fp);
                fclose(fp);
            }
            free(data);
        }
        ct_tu_facts_free(facts);
    }
    ct_frontend_free(fe);
    ct_intern_shutdown();
    ct_ops_shutdown();
    return 0;
}
