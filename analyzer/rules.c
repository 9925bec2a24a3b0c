/* rules.c - rule packs: reads the JSON files of rules/ (schema in rules/README.md) with cJSON,
 * checks every key of them, and copies what they say into a struct ct_rules of interned strings.
 *
 * The only module that includes <cjson/cJSON.h>; a cJSON tree never outlives the function that
 * parsed it. Must never print or exit: every problem becomes a CT_E* code and a struct ct_error
 * naming the file and either the line:col (malformed JSON, binary bytes) or the key path
 * (scopes[2].enter[0].call) and what is wrong. A load that fails leaves the caller's ct_rules
 * exactly as it was: packs are read into a private builder and appended only when all are valid.
 */
#include "rules.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SCHEMA_VERSION 1
#define MAX_ARG_POSITION 255          /* more parameters than any C function has */
#define MAX_PACK_BYTES (64u << 20)    /* refuse to read more than this from one file */
#define KEY_PATH_MAX 160              /* "scopes[12].enter[3].arg_not_equals[1]" and then some */

/* ---- enum names: one table per enum, used for parsing and for ct_*_name() ---- */

struct enum_name {
    const char *name; /* as written in packs and output */
    int value;
};

static const struct enum_name affinity_names[] = {
    {"thread", CT_AFFINITY_THREAD},
    {"task", CT_AFFINITY_TASK},
    {NULL, 0},
};

static const struct enum_name mode_names[] = {
    {"pointee", CT_MODE_POINTEE},
    {"lvalue", CT_MODE_LVALUE},
    {NULL, 0},
};

static const struct enum_name when_names[] = {
    {"always", CT_WHEN_ALWAYS},
    {"returns-zero", CT_WHEN_RETURNS_ZERO},
    {"returns-nonzero", CT_WHEN_RETURNS_NONZERO},
    {NULL, 0},
};

static const struct enum_name result_names[] = {
    {"any", CT_USE_ANY},
    {"used", CT_USE_USED},
    {"unused", CT_USE_UNUSED},
    {NULL, 0},
};

static const struct enum_name edge_kind_names[] = {
    {"spawn", CT_EDGE_SPAWN},
    {"callback", CT_EDGE_CALLBACK},
    {"destructor", CT_EDGE_DESTRUCTOR},
    {"suspension", CT_EDGE_SUSPENSION},
    {NULL, 0},
};

static const struct enum_name runs_on_names[] = {
    {"new-thread", CT_RUNS_NEW_THREAD},
    {"pool-thread", CT_RUNS_POOL_THREAD},
    {"loop-thread", CT_RUNS_LOOP_THREAD},
    {"same-thread-later", CT_RUNS_SAME_THREAD_LATER},
    {"exiting-thread", CT_RUNS_EXITING_THREAD},
    {"signal", CT_RUNS_SIGNAL},
    {"any-thread", CT_RUNS_ANY_THREAD},
    {"signalled-thread", CT_RUNS_SIGNALLED_THREAD},
    {"caller", CT_RUNS_CALLER},
    {NULL, 0},
};

static const struct enum_name runs_at_names[] = {
    {"process-exit", CT_AT_PROCESS_EXIT},
    {"thread-exit", CT_AT_THREAD_EXIT},
    {NULL, 0},
};

static const struct enum_name ownership_names[] = {
    {"unique", 0},
    {"shared", 1},
    {NULL, 0},
};

static const struct enum_name terminator_kind_names[] = {
    {"thread", CT_TERM_THREAD},
    {"process", CT_TERM_PROCESS},
    {NULL, 0},
};

static const char *enum_name_of(const struct enum_name *table, int value)
{
    for (const struct enum_name *e = table; e->name; e++)
        if (e->value == value)
            return e->name;
    return "unknown";
}

const char *ct_runs_on_name(enum ct_runs_on r)
{
    return enum_name_of(runs_on_names, (int)r);
}

const char *ct_edge_kind_name(enum ct_edge_kind k)
{
    return enum_name_of(edge_kind_names, (int)k);
}

const char *ct_affinity_name(enum ct_affinity a)
{
    return enum_name_of(affinity_names, (int)a);
}

/* ---- the keys each object may hold, in the order errors about missing ones are reported ---- */

static const char *const pack_keys[] = {"pack", "schema_version", "summary", "see", "scopes",
                                        "exit_stacks", "edges", "terminators", "setjmps",
                                        "awaitables", "owners", "returns_argument",
                                        "loop_runners", NULL};
static const char *const exit_stack_keys[] = {"kind", "summary", "title", "enter_verb",
                                              "exit_verb", "affinity", "push", "close", NULL};
static const char *const stack_push_keys[] = {"call", "stack", "function", "argument",
                                              "parameter", "scope", NULL};
static const char *const stack_close_keys[] = {"call", "stack", NULL};
static const char *const setjmp_keys[] = {"call", "summary", NULL};
static const char *const loop_runner_keys[] = {"call", "summary", NULL};
static const char *const awaitable_keys[] = {"type", "summary", NULL};
static const char *const owner_keys[] = {"type", "ownership", "release", "summary", NULL};
static const char *const returns_arg_keys[] = {"call", "argument", "reference", "summary", NULL};
static const char *const scope_keys[] = {"kind", "summary", "title", "enter_verb", "exit_verb",
                                         "affinity", "annotated", "enter", "exit", NULL};
static const char *const enter_keys[] = {"call", "resource", "mode", "when", "result",
                                         "arg_equals", "arg_not_equals", NULL};
static const char *const exit_keys[] = {"call", "resource", "mode", "result", "arg_equals",
                                        "arg_not_equals", NULL};
static const char *const edge_keys[] = {"call", "kind", "function", "argument", "parameter",
                                        "function_keyword", "argument_keyword", "function_field",
                                        "argument_field", "runs_on",
                                        "runs_at", "key", "set_by", "handle", "join",
                                        "signal", "thread", "function_stored", "arg_not_equals",
                                        "summary", NULL};
static const char *const set_by_keys[] = {"call", "key", "value", "alternative", NULL};
static const char *const terminator_keys[] = {"call", "kind", "runs_exit_handlers", "summary",
                                              NULL};

/* ---- lifecycle and lookup ---- */

void ct_rules_init(struct ct_rules *rules)
{
    memset(rules, 0, sizeof(*rules));
}

void ct_rules_fini(struct ct_rules *rules)
{
    if (!rules)
        return;
    for (size_t i = 0; i < rules->nscopes; i++) {
        free(rules->scopes[i].enter);
        free(rules->scopes[i].exit);
    }
    free(rules->packs);
    free(rules->scopes);
    free(rules->edges);
    free(rules->terminators);
    free(rules->setjmps);
    free(rules->loop_runners);
    free(rules->awaitables);
    free(rules->owners);
    free(rules->returns_args);
    memset(rules, 0, sizeof(*rules));
}

const struct ct_owner *ct_rules_find_owner(const struct ct_rules *rules, const char *type)
{
    for (size_t i = 0; type && i < rules->nowners; i++)
        if (rules->owners[i].type == type)
            return &rules->owners[i];
    return NULL;
}

const struct ct_owner *ct_rules_find_owner_release(const struct ct_rules *rules,
                                                   const char *name)
{
    for (size_t i = 0; name && i < rules->nowners; i++)
        for (unsigned k = 0; k < rules->owners[i].nrelease; k++)
            if (rules->owners[i].release[k] == name)
                return &rules->owners[i];
    return NULL;
}

bool ct_rules_is_same_thread_awaitable(const struct ct_rules *rules, const char *type)
{
    for (size_t i = 0; type && i < rules->nawaitables; i++)
        if (rules->awaitables[i].type == type || strcmp(rules->awaitables[i].type, type) == 0)
            return true;
    return false;
}

bool ct_rules_returns_reference(const struct ct_rules *rules, const char *name)
{
    for (size_t i = 0; name && i < rules->nreturns_args; i++)
        if (rules->returns_args[i].call == name)
            return rules->returns_args[i].reference;
    return false;
}

int ct_rules_returned_argument(const struct ct_rules *rules, const char *name)
{
    for (size_t i = 0; name && i < rules->nreturns_args; i++)
        if (rules->returns_args[i].call == name)
            return rules->returns_args[i].argument;
    return -1;
}

bool ct_rules_is_loop_runner(const struct ct_rules *rules, const char *name)
{
    for (size_t i = 0; name && i < rules->nloop_runners; i++)
        if (rules->loop_runners[i].call == name || strcmp(rules->loop_runners[i].call, name) == 0)
            return true;
    return false;
}

bool ct_rules_is_setjmp(const struct ct_rules *rules, const char *name)
{
    for (size_t i = 0; name && i < rules->nsetjmps; i++)
        if (rules->setjmps[i].call == name || strcmp(rules->setjmps[i].call, name) == 0)
            return true;
    return false;
}

static bool same_name(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

const struct ct_scope *ct_rules_find_scope(const struct ct_rules *rules, const char *kind)
{
    for (size_t i = 0; i < rules->nscopes; i++)
        if (same_name(rules->scopes[i].kind, kind))
            return &rules->scopes[i];
    return NULL;
}

const struct ct_edge_rule *ct_rules_find_edge(const struct ct_rules *rules, const char *name)
{
    for (size_t i = 0; i < rules->nedges; i++)
        if (same_name(rules->edges[i].call, name))
            return &rules->edges[i];
    return NULL;
}

const struct ct_terminator *ct_rules_find_terminator(const struct ct_rules *rules,
                                                     const char *name)
{
    for (size_t i = 0; i < rules->nterminators; i++)
        if (same_name(rules->terminators[i].call, name))
            return &rules->terminators[i];
    return NULL;
}

static const struct ct_pack_info *find_pack(const struct ct_rules *rules, const char *name)
{
    for (size_t i = 0; i < rules->npacks; i++)
        if (same_name(rules->packs[i].name, name))
            return &rules->packs[i];
    return NULL;
}

/* ---- loading state ---- */

/* What one call of ct_rules_load / ct_rules_load_text adds, before it is appended to RULES. */
struct builder {
    struct ct_rules r; /* owns its arrays; freed with ct_rules_fini */
    size_t cap_packs, cap_scopes, cap_edges, cap_terminators, cap_setjmps, cap_awaitables;
    size_t cap_loop_runners;
    size_t cap_owners;
    size_t cap_returns_args;
};

struct loader {
    const struct ct_rules *base; /* the caller's rules: read only, for duplicate checks */
    struct builder *out;         /* where this load puts what it reads */
    const char *file;            /* interned name of the file being read, for errors */
    const char *pack;            /* interned name of the pack being read */
    struct ct_error *err;
};

static int oom(struct loader *ld)
{
    return ct_error_set(ld->err, CT_ENOMEM, ld->file, 0, 0, "out of memory");
}

/* Sets a CT_ERULES error "PATH: message" (just "message" when PATH is empty); returns CT_ERULES. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int key_error(struct loader *ld, const char *path, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (path[0])
        return ct_error_set(ld->err, CT_ERULES, ld->file, 0, 0, "%s: %s", path, msg);
    return ct_error_set(ld->err, CT_ERULES, ld->file, 0, 0, "%s", msg);
}

/* Ends DST with "..." when the key path did not fit (snprintf returned N for SIZE bytes). */
static void mark_truncated(char *dst, size_t size, int n)
{
    if ((n < 0 || (size_t)n >= size) && size >= 4)
        memcpy(dst + size - 4, "...", 4);
}

static void path_key(char *dst, size_t size, const char *path, const char *key)
{
    int n = path[0] ? snprintf(dst, size, "%s.%s", path, key) : snprintf(dst, size, "%s", key);
    mark_truncated(dst, size, n);
}

static void path_index(char *dst, size_t size, const char *path, int index)
{
    int n = snprintf(dst, size, "%s[%d]", path, index);
    mark_truncated(dst, size, n);
}

/* Writes "a, b, c" (the names of a NULL-terminated list) to DST. */
static void join_names(char *dst, size_t size, const char *const *names)
{
    size_t used = 0;

    dst[0] = '\0';
    for (size_t i = 0; names[i] && used < size; i++) {
        int n = snprintf(dst + used, size - used, "%s%s", i ? ", " : "", names[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static void join_enum_names(char *dst, size_t size, const struct enum_name *table)
{
    const char *names[16];
    size_t n = 0;

    for (; table[n].name && n + 1 < sizeof(names) / sizeof(names[0]); n++)
        names[n] = table[n].name;
    names[n] = NULL;
    join_names(dst, size, names);
}

/* Levenshtein distance of A and B, capped: anything above 3 is reported as 4. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t row[33];

    if (la > 32 || lb > 32)
        return 4;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            if (up + 1 < best)
                best = up + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb] > 3 ? 4 : row[lb];
}

/* The name in NAMES closest to WORD if WORD looks like a misspelling of it, else NULL. */
static const char *closest_name(const char *const *names, const char *word)
{
    const char *best = NULL;
    size_t best_d = 3;

    for (size_t i = 0; names[i]; i++) {
        size_t d = edit_distance(names[i], word);
        if (d < best_d) {
            best = names[i];
            best_d = d;
        }
    }
    return best && best_d < strlen(word) ? best : NULL;
}

/* A kebab-case name: a lowercase letter, then lowercase letters and digits in words joined by
 * single hyphens ("pthread-mutex", "gil-state", "c11-mutex"). */
static bool is_kebab_case(const char *s)
{
    if (!(s[0] >= 'a' && s[0] <= 'z'))
        return false;
    for (size_t i = 1; s[i]; i++) {
        char c = s[i];
        if (c == '-') {
            if (s[i - 1] == '-' || s[i + 1] == '\0')
                return false;
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            return false;
        }
    }
    return true;
}

/* ---- typed getters: each names the key path in its error ---- */

/* Refuses keys of OBJ (at PATH) that are not in KEYS, and keys given twice. */
static int check_keys(struct loader *ld, const cJSON *obj, const char *path,
                      const char *const *keys)
{
    char kp[KEY_PATH_MAX];

    for (const cJSON *c = obj->child; c; c = c->next) {
        const char *key = c->string ? c->string : "";
        bool known = false;

        for (size_t i = 0; keys[i]; i++)
            if (strcmp(keys[i], key) == 0)
                known = true;
        path_key(kp, sizeof(kp), path, key);
        if (!known) {
            const char *near = closest_name(keys, key);
            char list[200];
            if (near)
                return key_error(ld, kp, "unknown key (did you mean '%s'?)", near);
            join_names(list, sizeof(list), keys);
            return key_error(ld, kp, "unknown key (expected one of: %s)", list);
        }
        for (const cJSON *p = obj->child; p != c; p = p->next)
            if (p->string && strcmp(p->string, key) == 0)
                return key_error(ld, kp, "duplicate key");
    }
    return 0;
}

/* Reads string KEY of OBJ into *OUT (interned). Absent and not REQUIRED: 0, *OUT unchanged. */
static int get_string(struct loader *ld, const cJSON *obj, const char *path, const char *key,
                      bool required, const char **out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    char kp[KEY_PATH_MAX];

    path_key(kp, sizeof(kp), path, key);
    if (!item)
        return required ? key_error(ld, path, "missing required key '%s'", key) : 0;
    if (!cJSON_IsString(item) || !item->valuestring)
        return key_error(ld, kp, "expected a string");
    if (item->valuestring[0] == '\0')
        return key_error(ld, kp, "expected a non-empty string");
    *out = ct_intern(item->valuestring);
    return *out ? 0 : oom(ld);
}

/* Checks that ITEM (at KP) is a 0-based argument position and stores it in *OUT. */
static int to_position(struct loader *ld, const cJSON *item, const char *kp, int *out)
{
    double d;

    if (!cJSON_IsNumber(item))
        return key_error(ld, kp, "expected an argument position (a 0-based integer)");
    d = item->valuedouble;
    if (d < 0)
        return key_error(ld, kp, "argument positions are 0-based and cannot be negative (got %g)",
                         d);
    if (d > MAX_ARG_POSITION)
        return key_error(ld, kp, "argument position %g is out of range (0 to %d)", d,
                         MAX_ARG_POSITION);
    if ((double)(int)d != d)
        return key_error(ld, kp, "expected an argument position (a 0-based integer), got %g", d);
    *out = (int)d;
    return 0;
}

static int get_position(struct loader *ld, const cJSON *obj, const char *path, const char *key,
                        bool required, int *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    char kp[KEY_PATH_MAX];

    if (!item)
        return required ? key_error(ld, path, "missing required key '%s'", key) : 0;
    path_key(kp, sizeof(kp), path, key);
    return to_position(ld, item, kp, out);
}

/* Reads KEY of OBJ, one of the names in TABLE, into *OUT. Absent and not REQUIRED: *OUT
 * unchanged. */
static int get_enum(struct loader *ld, const cJSON *obj, const char *path, const char *key,
                    bool required, const struct enum_name *table, int *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    char kp[KEY_PATH_MAX], list[160];

    if (!item)
        return required ? key_error(ld, path, "missing required key '%s'", key) : 0;
    path_key(kp, sizeof(kp), path, key);
    join_enum_names(list, sizeof(list), table);
    if (!cJSON_IsString(item) || !item->valuestring)
        return key_error(ld, kp, "expected a string, one of: %s", list);
    for (const struct enum_name *e = table; e->name; e++) {
        if (strcmp(e->name, item->valuestring) == 0) {
            *out = e->value;
            return 0;
        }
    }
    return key_error(ld, kp, "unknown value '%.40s' (expected one of: %s)", item->valuestring,
                     list);
}

/* Returns the array KEY of OBJ in *OUT (NULL when absent and not REQUIRED). */
static int get_array(struct loader *ld, const cJSON *obj, const char *path, const char *key,
                     bool required, const cJSON **out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    char kp[KEY_PATH_MAX];

    *out = NULL;
    if (!item)
        return required ? key_error(ld, path, "missing required key '%s'", key) : 0;
    path_key(kp, sizeof(kp), path, key);
    if (!cJSON_IsArray(item))
        return key_error(ld, kp, "expected an array");
    *out = item;
    return 0;
}

/* Reads the optional array of call names KEY of OBJ (at most MAX, interned) into OUT, *N. */
static int get_names(struct loader *ld, const cJSON *obj, const char *path, const char *key,
                     const char **out, unsigned *n, unsigned max)
{
    const cJSON *arr, *item;
    char kp[KEY_PATH_MAX], ip[KEY_PATH_MAX];
    int rc, i = 0;

    *n = 0;
    if ((rc = get_array(ld, obj, path, key, false, &arr)) != 0 || !arr)
        return rc;
    path_key(kp, sizeof(kp), path, key);
    if (cJSON_GetArraySize(arr) > (int)max)
        return key_error(ld, kp, "at most %u names", max);
    cJSON_ArrayForEach(item, arr) {
        path_index(ip, sizeof(ip), kp, i++);
        if (!cJSON_IsString(item) || !item->valuestring || !item->valuestring[0])
            return key_error(ld, ip, "expected a non-empty string");
        if (!(out[*n] = ct_intern(item->valuestring)))
            return oom(ld);
        (*n)++;
    }
    return 0;
}

/* ---- the pack's parts ---- */

/* "arg_equals": [1, "PTHREAD_CANCEL_DISABLE"] -> *INDEX, *SPELLING. Absent: unchanged. */
static int get_arg_filter(struct loader *ld, const cJSON *obj, const char *path, const char *key,
                          int *index, const char **spelling)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    const cJSON *pos, *text;
    char kp[KEY_PATH_MAX], ip[KEY_PATH_MAX];
    int rc;

    if (!item)
        return 0;
    path_key(kp, sizeof(kp), path, key);
    if (!cJSON_IsArray(item) || cJSON_GetArraySize(item) != 2)
        return key_error(ld, kp, "expected a pair [argument position, \"spelling\"]");
    pos = cJSON_GetArrayItem(item, 0);
    text = cJSON_GetArrayItem(item, 1);
    path_index(ip, sizeof(ip), kp, 0);
    if ((rc = to_position(ld, pos, ip, index)) != 0)
        return rc;
    path_index(ip, sizeof(ip), kp, 1);
    if (!cJSON_IsString(text) || !text->valuestring)
        return key_error(ld, ip, "expected a string (the argument as spelled in the source)");
    if (text->valuestring[0] == '\0')
        return key_error(ld, ip, "expected a non-empty string");
    *spelling = ct_intern(text->valuestring);
    return *spelling ? 0 : oom(ld);
}

/* One CALL of a scope's enter (ENTER) or exit list. */
static int parse_call(struct loader *ld, const cJSON *obj, const char *path, bool enter,
                      struct ct_scope_call *call)
{
    const cJSON *res;
    char kp[KEY_PATH_MAX];
    int rc, v;

    call->resource = CT_RES_ARG;
    call->arg = -1;
    call->function = call->argument = -1;
    call->mode = CT_MODE_POINTEE;
    call->when = CT_WHEN_ALWAYS;
    call->result = CT_USE_ANY;
    call->arg_equals_index = -1;
    call->arg_equals = NULL;
    call->arg_not_equals_index = -1;
    call->arg_not_equals = NULL;

    if (!cJSON_IsObject(obj))
        return key_error(ld, path, "expected an object");
    if (!enter && cJSON_GetObjectItemCaseSensitive(obj, "when")) {
        path_key(kp, sizeof(kp), path, "when");
        return key_error(ld, kp, "only enter calls take 'when' (an exit always exits)");
    }
    if ((rc = check_keys(ld, obj, path, enter ? enter_keys : exit_keys)) != 0)
        return rc;
    if ((rc = get_string(ld, obj, path, "call", true, &call->call)) != 0)
        return rc;

    res = cJSON_GetObjectItemCaseSensitive(obj, "resource");
    if (!res)
        return key_error(ld, path, "missing required key 'resource'");
    path_key(kp, sizeof(kp), path, "resource");
    if (cJSON_IsNumber(res)) {
        if ((rc = to_position(ld, res, kp, &call->arg)) != 0)
            return rc;
        call->resource = CT_RES_ARG;
    } else if (cJSON_IsString(res) && res->valuestring) {
        if (strcmp(res->valuestring, "return") == 0)
            call->resource = CT_RES_RETURN;
        else if (strcmp(res->valuestring, "thread") == 0)
            call->resource = CT_RES_THREAD;
        else
            return key_error(ld, kp,
                             "unknown value '%.40s' (expected an argument position, "
                             "'return' or 'thread')",
                             res->valuestring);
    } else {
        return key_error(ld, kp, "expected an argument position, 'return' or 'thread'");
    }

    v = (int)call->mode;
    if ((rc = get_enum(ld, obj, path, "mode", false, mode_names, &v)) != 0)
        return rc;
    call->mode = (enum ct_resource_mode)v;
    v = (int)call->when;
    if ((rc = get_enum(ld, obj, path, "when", false, when_names, &v)) != 0)
        return rc;
    call->when = (enum ct_when)v;
    v = (int)call->result;
    if ((rc = get_enum(ld, obj, path, "result", false, result_names, &v)) != 0)
        return rc;
    call->result = (enum ct_result_use)v;
    if ((rc = get_arg_filter(ld, obj, path, "arg_equals", &call->arg_equals_index,
                             &call->arg_equals)) != 0)
        return rc;
    return get_arg_filter(ld, obj, path, "arg_not_equals", &call->arg_not_equals_index,
                          &call->arg_not_equals);
}

/* The enter or exit list KEY of a scope: a non-empty array of CALLs, into a new array. */
static int parse_calls(struct loader *ld, const cJSON *scope, const char *path, const char *key,
                       bool annotated, struct ct_scope_call **out, size_t *nout)
{
    const cJSON *arr, *item;
    char kp[KEY_PATH_MAX], ip[KEY_PATH_MAX];
    size_t n;
    int rc, i = 0;

    if ((rc = get_array(ld, scope, path, key, !annotated, &arr)) != 0)
        return rc;
    if (!arr)
        return 0; /* a kind entered and exited only through source annotations */
    path_key(kp, sizeof(kp), path, key);
    n = (size_t)cJSON_GetArraySize(arr);
    if (n == 0 && annotated)
        return 0;
    if (n == 0)
        return key_error(ld, kp, "expected at least one call");
    *out = calloc(n, sizeof(**out));
    if (!*out)
        return oom(ld);
    *nout = n;
    cJSON_ArrayForEach(item, arr) {
        path_index(ip, sizeof(ip), kp, i);
        if ((rc = parse_call(ld, item, ip, strcmp(key, "enter") == 0, &(*out)[i])) != 0)
            return rc;
        i++;
    }
    return 0;
}

/* Where scope KIND is already defined, in the caller's rules or earlier in this load. */
static const struct ct_scope *find_scope_anywhere(struct loader *ld, const char *kind)
{
    const struct ct_scope *s = ct_rules_find_scope(ld->base, kind);
    return s ? s : ct_rules_find_scope(&ld->out->r, kind);
}

static const struct ct_pack_info *find_pack_anywhere(struct loader *ld, const char *name)
{
    const struct ct_pack_info *p = find_pack(ld->base, name);
    return p ? p : find_pack(&ld->out->r, name);
}

static int parse_scope(struct loader *ld, const cJSON *obj, const char *path)
{
    struct builder *b = ld->out;
    struct ct_scope *scope;
    const struct ct_scope *dup;
    char kp[KEY_PATH_MAX];
    const char *kind = NULL;
    int rc, v;

    if (!cJSON_IsObject(obj))
        return key_error(ld, path, "expected an object");
    if ((rc = check_keys(ld, obj, path, scope_keys)) != 0)
        return rc;
    if ((rc = get_string(ld, obj, path, "kind", true, &kind)) != 0)
        return rc;
    path_key(kp, sizeof(kp), path, "kind");
    if (!is_kebab_case(kind))
        return key_error(ld, kp,
                         "'%.40s' is not kebab-case (lowercase letters and digits, words joined "
                         "by '-')",
                         kind);
    if ((dup = find_scope_anywhere(ld, kind)) != NULL) {
        const struct ct_pack_info *owner = find_pack_anywhere(ld, dup->pack);
        return key_error(ld, kp, "duplicate scope kind '%.40s' (already defined by pack '%s'%s%s)",
                         kind, dup->pack, owner && owner->path ? " in " : "",
                         owner && owner->path ? owner->path : "");
    }

    scope = CT_PUSH(b->r.scopes, b->r.nscopes, b->cap_scopes);
    if (!scope)
        return oom(ld);
    scope->kind = kind;
    scope->pack = ld->pack;
    scope->title = kind;
    scope->enter_verb = ct_intern("entered");
    scope->exit_verb = ct_intern("exited");
    if (!scope->enter_verb || !scope->exit_verb)
        return oom(ld);
    if ((rc = get_string(ld, obj, path, "summary", true, &scope->summary)) != 0 ||
        (rc = get_string(ld, obj, path, "title", false, &scope->title)) != 0 ||
        (rc = get_string(ld, obj, path, "enter_verb", false, &scope->enter_verb)) != 0 ||
        (rc = get_string(ld, obj, path, "exit_verb", false, &scope->exit_verb)) != 0)
        return rc;
    v = 0;
    if ((rc = get_enum(ld, obj, path, "affinity", true, affinity_names, &v)) != 0)
        return rc;
    scope->affinity = (enum ct_affinity)v;
    bool annotated = false;
    const cJSON *an = cJSON_GetObjectItemCaseSensitive(obj, "annotated");
    if (an) {
        path_key(kp, sizeof(kp), path, "annotated");
        if (!cJSON_IsBool(an))
            return key_error(ld, kp, "expected true or false");
        annotated = cJSON_IsTrue(an);
    }
    scope->annotated = annotated;
    if ((rc = parse_calls(ld, obj, path, "enter", annotated, &scope->enter, &scope->nenter)) != 0)
        return rc;
    return parse_calls(ld, obj, path, "exit", annotated, &scope->exit, &scope->nexit);
}

/* Reads the push or close calls of an exit stack (KEY of OBJ at PATH): each names the call
 * and the argument that is the stack, which becomes the scope's resource. */
static int parse_stack_calls(struct loader *ld, const cJSON *obj, const char *path,
                             const char *key, struct ct_scope_call **out, size_t *nout)
{
    bool push = strcmp(key, "push") == 0;
    const cJSON *arr, *item;
    char kp[KEY_PATH_MAX], ip[KEY_PATH_MAX];
    int rc, i = 0;
    size_t cap = 0;

    if ((rc = get_array(ld, obj, path, key, true, &arr)) != 0)
        return rc;
    path_key(kp, sizeof(kp), path, key);
    if (cJSON_GetArraySize(arr) == 0)
        return key_error(ld, kp, "needs at least one call");
    cJSON_ArrayForEach(item, arr) {
        struct ct_scope_call *call;
        path_index(ip, sizeof(ip), kp, i++);
        if (!cJSON_IsObject(item))
            return key_error(ld, ip, "expected an object");
        if ((rc = check_keys(ld, item, ip, push ? stack_push_keys : stack_close_keys)) != 0)
            return rc;
        call = CT_PUSH(*out, *nout, cap);
        if (!call)
            return oom(ld);
        call->resource = CT_RES_ARG;
        call->mode = CT_MODE_POINTEE;
        call->when = CT_WHEN_ALWAYS;
        call->result = CT_USE_ANY;
        call->arg_equals_index = call->arg_not_equals_index = -1;
        call->function = call->argument = -1;
        const cJSON *stk = cJSON_GetObjectItemCaseSensitive(item, "stack");
        bool stack_return = push && cJSON_IsString(stk) && strcmp(stk->valuestring, "return") == 0;
        if (stack_return) {
            /* the call makes the stack: its result, stored in a variable or field, is the stack
             * (table = g_hash_table_new_full(..., value_destroy)) */
            call->resource = CT_RES_RETURN;
            call->arg = -1;
        }
        if ((rc = get_string(ld, item, ip, "call", true, &call->call)) != 0 ||
            (!stack_return && (rc = get_position(ld, item, ip, "stack", true, &call->arg)) != 0) ||
            (push && (rc = get_position(ld, item, ip, "function", false, &call->function)) != 0) ||
            (push && (rc = get_position(ld, item, ip, "argument", false, &call->argument)) != 0) ||
            (push && (rc = get_position(ld, item, ip, "parameter", false, &call->parameter)) != 0))
            return rc;
        const cJSON *sc = push ? cJSON_GetObjectItemCaseSensitive(item, "scope") : NULL;
        if (sc) {
            char sp[KEY_PATH_MAX];
            path_key(sp, sizeof(sp), ip, "scope");
            if (!cJSON_IsBool(sc))
                return key_error(ld, sp, "expected true or false");
            call->unscoped = cJSON_IsFalse(sc);
            if (call->unscoped && call->function < 0)
                return key_error(ld, sp, "false needs 'function': the cleanup whose exits count");
        }
        if (call->argument >= 0 && call->function < 0)
            return key_error(ld, ip, "'argument' needs 'function': the cleanup it is passed to");
        if (call->function >= 0 && (call->function == call->arg || call->function == call->argument))
            return key_error(ld, ip, "'function' must differ from 'stack' and 'argument'");
    }
    return 0;
}

/* An exit stack: every push onto a stack enters a scope on the stack, the close exits it. It
 * becomes a scope kind like any other (listed, explained, reported the same way). */
static int parse_exit_stack(struct loader *ld, const cJSON *obj, const char *path)
{
    struct builder *b = ld->out;
    struct ct_scope *scope;
    const char *kind = NULL;
    char kp[KEY_PATH_MAX];
    int rc, v;

    if (!cJSON_IsObject(obj))
        return key_error(ld, path, "expected an object");
    if ((rc = check_keys(ld, obj, path, exit_stack_keys)) != 0 ||
        (rc = get_string(ld, obj, path, "kind", true, &kind)) != 0)
        return rc;
    path_key(kp, sizeof(kp), path, "kind");
    if (!is_kebab_case(kind))
        return key_error(ld, kp,
                         "'%.40s' is not kebab-case (lowercase letters and digits, words joined "
                         "by '-')",
                         kind);
    if (find_scope_anywhere(ld, kind))
        return key_error(ld, kp, "duplicate scope kind '%.40s'", kind);
    scope = CT_PUSH(b->r.scopes, b->r.nscopes, b->cap_scopes);
    if (!scope)
        return oom(ld);
    scope->kind = kind;
    scope->pack = ld->pack;
    scope->title = kind;
    scope->stack = true;
    scope->enter_verb = ct_intern("pushed");
    scope->exit_verb = ct_intern("closed");
    if (!scope->enter_verb || !scope->exit_verb)
        return oom(ld);
    if ((rc = get_string(ld, obj, path, "summary", true, &scope->summary)) != 0 ||
        (rc = get_string(ld, obj, path, "title", false, &scope->title)) != 0 ||
        (rc = get_string(ld, obj, path, "enter_verb", false, &scope->enter_verb)) != 0 ||
        (rc = get_string(ld, obj, path, "exit_verb", false, &scope->exit_verb)) != 0)
        return rc;
    v = 0;
    if ((rc = get_enum(ld, obj, path, "affinity", true, affinity_names, &v)) != 0)
        return rc;
    scope->affinity = (enum ct_affinity)v;
    if ((rc = parse_stack_calls(ld, obj, path, "push", &scope->enter, &scope->nenter)) != 0)
        return rc;
    return parse_stack_calls(ld, obj, path, "close", &scope->exit, &scope->nexit);
}

static int parse_edge(struct loader *ld, const cJSON *obj, const char *path)
{
    struct builder *b = ld->out;
    struct ct_edge_rule *edge;
    char kp[KEY_PATH_MAX];
    int rc, v;

    if (!cJSON_IsObject(obj))
        return key_error(ld, path, "expected an object");
    if ((rc = check_keys(ld, obj, path, edge_keys)) != 0)
        return rc;
    edge = CT_PUSH(b->r.edges, b->r.nedges, b->cap_edges);
    if (!edge)
        return oom(ld);
    edge->pack = ld->pack;
    edge->argument = -1;
    edge->function = -1;
    edge->signal = -1;
    edge->arg_not_equals_index = -1;
    if ((rc = get_string(ld, obj, path, "call", true, &edge->call)) != 0)
        return rc;
    v = 0;
    if ((rc = get_enum(ld, obj, path, "kind", true, edge_kind_names, &v)) != 0)
        return rc;
    edge->kind = (enum ct_edge_kind)v;
    edge->thread = -1;
    if ((rc = get_position(ld, obj, path, "signal", false, &edge->signal)) != 0 ||
        (rc = get_position(ld, obj, path, "thread", false, &edge->thread)) != 0 ||
        (rc = get_arg_filter(ld, obj, path, "arg_not_equals", &edge->arg_not_equals_index,
                             &edge->arg_not_equals)) != 0)
        return rc;
    const char *stored = NULL;
    if ((rc = get_string(ld, obj, path, "function_stored", false, &stored)) != 0)
        return rc;
    if (stored) {
        const char *dot = strrchr(stored, '.');
        path_key(kp, sizeof(kp), path, "function_stored");
        if (!dot || dot == stored || !dot[1])
            return key_error(ld, kp, "expected \"RECORD.FIELD\" (\"_GObjectClass.finalize\")");
        char rec[128];
        size_t n = (size_t)(dot - stored);
        if (n >= sizeof(rec))
            return key_error(ld, kp, "record name too long");
        memcpy(rec, stored, n);
        rec[n] = '\0';
        edge->stored_record = ct_intern(rec);
        edge->stored_field = ct_intern(dot + 1);
        if (!edge->stored_record || !edge->stored_field)
            return oom(ld);
        if (cJSON_GetObjectItemCaseSensitive(obj, "function"))
            return key_error(ld, kp, "takes no 'function': the functions are those stored");
    }
    /* an edge with a signal and no function delivers the signal: its handlers are the functions;
     * one with function_stored hands over what the program stores in that field */
    if ((rc = get_position(ld, obj, path, "function", edge->signal < 0 && !stored,
                           &edge->function)) != 0 ||
        (rc = get_position(ld, obj, path, "argument", false, &edge->argument)) != 0)
        return rc;
    if (edge->function < 0 && !stored && edge->argument >= 0) {
        path_key(kp, sizeof(kp), path, "argument");
        return key_error(ld, kp, "a signal delivery (no 'function') passes its handlers no "
                                 "argument");
    }
    if ((rc = get_string(ld, obj, path, "function_field", false, &edge->function_field)) != 0 ||
        (rc = get_string(ld, obj, path, "argument_field", false, &edge->argument_field)) != 0)
        return rc;
    if (edge->argument >= 0 && edge->argument == edge->function && !edge->function_field &&
        !edge->argument_field) {
        path_key(kp, sizeof(kp), path, "argument");
        return key_error(ld, kp, "the same position as 'function' (%d)", edge->function);
    }
    if ((rc = get_string(ld, obj, path, "function_keyword", false, &edge->function_keyword)) != 0 ||
        (rc = get_string(ld, obj, path, "argument_keyword", false, &edge->argument_keyword)) != 0)
        return rc;

    if ((rc = get_position(ld, obj, path, "parameter", false, &edge->parameter)) != 0)
        return rc;
    v = 0;
    if ((rc = get_enum(ld, obj, path, "runs_on", true, runs_on_names, &v)) != 0)
        return rc;
    edge->runs_on = (enum ct_runs_on)v;
    v = CT_AT_ANY;
    if ((rc = get_enum(ld, obj, path, "runs_at", false, runs_at_names, &v)) != 0)
        return rc;
    edge->runs_at = (enum ct_runs_at)v;
    edge->key = -1;
    edge->set_key = edge->set_value = -1;
    const cJSON *key = cJSON_GetObjectItemCaseSensitive(obj, "key");
    if (key && cJSON_IsString(key) && key->valuestring &&
        strcmp(key->valuestring, "return") == 0)
        edge->key = CT_KEY_RETURN; /* pool = g_thread_pool_new(...) */
    else if ((rc = get_position(ld, obj, path, "key", false, &edge->key)) != 0)
        return rc;
    const cJSON *set_by = cJSON_GetObjectItemCaseSensitive(obj, "set_by");
    if (set_by) {
        path_key(kp, sizeof(kp), path, "set_by");
        if (!cJSON_IsObject(set_by))
            return key_error(ld, kp, "expected an object with call, key and value");
        bool keyed = edge->key >= 0 || edge->key == CT_KEY_RETURN;
        if (!keyed && cJSON_GetObjectItemCaseSensitive(set_by, "key"))
            return key_error(ld, kp, "'key' needs the edge's 'key': the argument of '%s' that "
                             "names the key", edge->call);
        if ((rc = check_keys(ld, set_by, kp, set_by_keys)) != 0 ||
            (rc = get_string(ld, set_by, kp, "call", true, &edge->set_call)) != 0 ||
            (rc = get_position(ld, set_by, kp, "key", keyed, &edge->set_key)) != 0 ||
            (rc = get_position(ld, set_by, kp, "value", keyed, &edge->set_value)) != 0)
            return rc;
        const cJSON *alt = cJSON_GetObjectItemCaseSensitive(set_by, "alternative");
        if (alt) {
            char ak[KEY_PATH_MAX];
            path_key(ak, sizeof(ak), kp, "alternative");
            if (!cJSON_IsBool(alt))
                return key_error(ld, ak, "expected true or false");
            if (keyed)
                return key_error(ld, ak, "only a set_by without 'key' takes 'alternative'");
            edge->set_alternative = cJSON_IsTrue(alt);
        }
    }
    edge->handle = -1;
    if ((rc = get_position(ld, obj, path, "handle", false, &edge->handle)) != 0 ||
        (rc = get_names(ld, obj, path, "join", edge->join, &edge->njoin, CT_JOIN_MAX)) != 0)
        return rc;
    if (edge->njoin && edge->handle < 0) {
        path_key(kp, sizeof(kp), path, "join");
        return key_error(ld, kp, "needs 'handle': the argument the joining calls are made on");
    }
    return get_string(ld, obj, path, "summary", true, &edge->summary);
}

static int parse_terminator(struct loader *ld, const cJSON *obj, const char *path)
{
    struct builder *b = ld->out;
    struct ct_terminator *term;
    const struct ct_terminator *dup;
    const char *call = NULL, *summary = NULL;
    char kp[KEY_PATH_MAX];
    int rc, v = 0;

    if (!cJSON_IsObject(obj))
        return key_error(ld, path, "expected an object");
    if ((rc = check_keys(ld, obj, path, terminator_keys)) != 0)
        return rc;
    if ((rc = get_string(ld, obj, path, "call", true, &call)) != 0)
        return rc;
    dup = ct_rules_find_terminator(ld->base, call);
    if (!dup)
        dup = ct_rules_find_terminator(&b->r, call);
    if (dup) {
        path_key(kp, sizeof(kp), path, "call");
        return key_error(ld, kp, "'%.40s' is already a terminator (pack '%s')", call, dup->pack);
    }
    if ((rc = get_enum(ld, obj, path, "kind", true, terminator_kind_names, &v)) != 0)
        return rc;
    /* The summary documents the pack; struct ct_terminator has no field for it. */
    if ((rc = get_string(ld, obj, path, "summary", true, &summary)) != 0)
        return rc;
    term = CT_PUSH(b->r.terminators, b->r.nterminators, b->cap_terminators);
    if (!term)
        return oom(ld);
    term->call = call;
    term->pack = ld->pack;
    term->kind = (enum ct_terminator_kind)v;
    const cJSON *handlers = cJSON_GetObjectItemCaseSensitive(obj, "runs_exit_handlers");
    if (handlers) {
        if (!cJSON_IsBool(handlers)) {
            path_key(kp, sizeof(kp), path, "runs_exit_handlers");
            return key_error(ld, kp, "expected true or false");
        }
        term->runs_exit_handlers = cJSON_IsTrue(handlers) != 0;
    }
    return 0;
}

static int parse_setjmp(struct loader *ld, const cJSON *obj, const char *path)
{
    struct builder *b = ld->out;
    struct ct_setjmp *sj;
    const char *call = NULL, *summary = NULL;
    int rc;

    if (!cJSON_IsObject(obj))
        return key_error(ld, path, "expected an object");
    if ((rc = check_keys(ld, obj, path, setjmp_keys)) != 0 ||
        (rc = get_string(ld, obj, path, "call", true, &call)) != 0 ||
        (rc = get_string(ld, obj, path, "summary", true, &summary)) != 0)
        return rc;
    sj = CT_PUSH(b->r.setjmps, b->r.nsetjmps, b->cap_setjmps);
    if (!sj)
        return oom(ld);
    sj->call = call;
    sj->pack = ld->pack;
    return 0;
}

static int parse_loop_runner(struct loader *ld, const cJSON *obj, const char *path)
{
    struct builder *b = ld->out;
    struct ct_loop_runner *lr;
    const char *call = NULL, *summary = NULL;
    int rc;

    if (!cJSON_IsObject(obj))
        return key_error(ld, path, "expected an object");
    if ((rc = check_keys(ld, obj, path, loop_runner_keys)) != 0 ||
        (rc = get_string(ld, obj, path, "call", true, &call)) != 0 ||
        (rc = get_string(ld, obj, path, "summary", true, &summary)) != 0)
        return rc;
    lr = CT_PUSH(b->r.loop_runners, b->r.nloop_runners, b->cap_loop_runners);
    if (!lr)
        return oom(ld);
    lr->call = call;
    lr->pack = ld->pack;
    return 0;
}

static int parse_returns_arg(struct loader *ld, const cJSON *obj, const char *path)
{
    struct builder *b = ld->out;
    struct ct_returns_arg *ra;
    const char *call = NULL, *summary = NULL;
    int argument = -1, rc;

    if (!cJSON_IsObject(obj))
        return key_error(ld, path, "expected an object");
    if ((rc = check_keys(ld, obj, path, returns_arg_keys)) != 0 ||
        (rc = get_string(ld, obj, path, "call", true, &call)) != 0 ||
        (rc = get_position(ld, obj, path, "argument", true, &argument)) != 0 ||
        (rc = get_string(ld, obj, path, "summary", true, &summary)) != 0)
        return rc;
    ra = CT_PUSH(b->r.returns_args, b->r.nreturns_args, b->cap_returns_args);
    if (!ra)
        return oom(ld);
    ra->call = call;
    ra->pack = ld->pack;
    ra->argument = argument;
    ra->reference = false;
    const cJSON *ref = cJSON_GetObjectItemCaseSensitive(obj, "reference");
    if (ref) {
        char kp[256];
        path_key(kp, sizeof(kp), path, "reference");
        if (!cJSON_IsBool(ref))
            return key_error(ld, kp, "expected true or false");
        ra->reference = cJSON_IsTrue(ref);
    }
    return 0;
}

static int parse_awaitable(struct loader *ld, const cJSON *obj, const char *path)
{
    struct builder *b = ld->out;
    struct ct_awaitable *aw;
    const char *type = NULL, *summary = NULL;
    int rc;

    if (!cJSON_IsObject(obj))
        return key_error(ld, path, "expected an object");
    if ((rc = check_keys(ld, obj, path, awaitable_keys)) != 0 ||
        (rc = get_string(ld, obj, path, "type", true, &type)) != 0 ||
        (rc = get_string(ld, obj, path, "summary", true, &summary)) != 0)
        return rc;
    aw = CT_PUSH(b->r.awaitables, b->r.nawaitables, b->cap_awaitables);
    if (!aw)
        return oom(ld);
    aw->type = type;
    aw->pack = ld->pack;
    return 0;
}

static int parse_owner(struct loader *ld, const cJSON *obj, const char *path)
{
    struct builder *b = ld->out;
    struct ct_owner *ow;
    const char *type = NULL, *summary = NULL;
    char kp[KEY_PATH_MAX];
    int rc, v = 0;

    if (!cJSON_IsObject(obj))
        return key_error(ld, path, "expected an object");
    if ((rc = check_keys(ld, obj, path, owner_keys)) != 0 ||
        (rc = get_string(ld, obj, path, "type", true, &type)) != 0)
        return rc;
    if (ct_rules_find_owner(ld->base, type) || ct_rules_find_owner(&b->r, type)) {
        path_key(kp, sizeof(kp), path, "type");
        return key_error(ld, kp, "'%.40s' is already an owner type", type);
    }
    if ((rc = get_enum(ld, obj, path, "ownership", true, ownership_names, &v)) != 0 ||
        (rc = get_string(ld, obj, path, "summary", true, &summary)) != 0)
        return rc;
    ow = CT_PUSH(b->r.owners, b->r.nowners, b->cap_owners);
    if (!ow)
        return oom(ld);
    memset(ow, 0, sizeof(*ow));
    ow->type = type;
    ow->pack = ld->pack;
    ow->shared = v == 1;
    return get_names(ld, obj, path, "release", ow->release, &ow->nrelease, CT_RELEASE_MAX);
}

/* Runs PARSE over each element of the optional array KEY of the pack. */
static int parse_list(struct loader *ld, const cJSON *root, const char *key,
                      int (*parse)(struct loader *, const cJSON *, const char *))
{
    const cJSON *arr, *item;
    char ip[KEY_PATH_MAX];
    int rc, i = 0;

    if ((rc = get_array(ld, root, "", key, false, &arr)) != 0 || !arr)
        return rc;
    cJSON_ArrayForEach(item, arr) {
        path_index(ip, sizeof(ip), key, i++);
        if ((rc = parse(ld, item, ip)) != 0)
            return rc;
    }
    return 0;
}

static int parse_pack(struct loader *ld, const cJSON *root)
{
    struct builder *b = ld->out;
    struct ct_pack_info *info;
    const struct ct_pack_info *dup;
    const cJSON *version;
    const char *name = NULL, *summary = NULL, *see = NULL;
    int rc;

    /* The version first: a pack written for another schema gets that as its error. */
    version = cJSON_GetObjectItemCaseSensitive(root, "schema_version");
    if (!version)
        return key_error(ld, "", "missing required key 'schema_version'");
    if (!cJSON_IsNumber(version))
        return key_error(ld, "schema_version", "expected an integer");
    if (version->valuedouble != SCHEMA_VERSION)
        return key_error(ld, "schema_version", "unsupported schema version %g (expected %d)",
                         version->valuedouble, SCHEMA_VERSION);
    if ((rc = check_keys(ld, root, "", pack_keys)) != 0)
        return rc;
    if ((rc = get_string(ld, root, "", "pack", true, &name)) != 0)
        return rc;
    if (!is_kebab_case(name))
        return key_error(ld, "pack",
                         "'%.40s' is not kebab-case (lowercase letters and digits, words joined "
                         "by '-')",
                         name);
    if ((dup = find_pack_anywhere(ld, name)) != NULL)
        return key_error(ld, "pack", "pack '%s' is already loaded (from %s)", name,
                         dup->path ? dup->path : "text");
    if ((rc = get_string(ld, root, "", "summary", true, &summary)) != 0 ||
        (rc = get_string(ld, root, "", "see", true, &see)) != 0)
        return rc;

    info = CT_PUSH(b->r.packs, b->r.npacks, b->cap_packs);
    if (!info)
        return oom(ld);
    info->name = name;
    info->summary = summary;
    info->see = see;
    info->path = ld->file;
    ld->pack = name;

    if ((rc = parse_list(ld, root, "scopes", parse_scope)) != 0 ||
        (rc = parse_list(ld, root, "exit_stacks", parse_exit_stack)) != 0 ||
        (rc = parse_list(ld, root, "edges", parse_edge)) != 0)
        return rc;
    if ((rc = parse_list(ld, root, "terminators", parse_terminator)) != 0)
        return rc;
    if ((rc = parse_list(ld, root, "setjmps", parse_setjmp)) != 0)
        return rc;
    if ((rc = parse_list(ld, root, "loop_runners", parse_loop_runner)) != 0)
        return rc;
    if ((rc = parse_list(ld, root, "awaitables", parse_awaitable)) != 0)
        return rc;
    if ((rc = parse_list(ld, root, "owners", parse_owner)) != 0)
        return rc;
    return parse_list(ld, root, "returns_argument", parse_returns_arg);
}

/* ---- text: empty, binary, malformed JSON, with line:col ---- */

static void line_col(const char *text, size_t offset, unsigned *line, unsigned *col)
{
    unsigned l = 1, c = 1;

    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static bool is_json_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The offset of the first byte that JSON text cannot hold (NUL, a control character other than
 * tab, newline or carriage return, or a byte that is not valid UTF-8), or LEN if there is none. */
static size_t find_bad_byte(const unsigned char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned char c = s[i];
        size_t more;
        uint32_t cp, min;

        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                return i;
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            more = 1;
            cp = c & 0x1fu;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            more = 2;
            cp = c & 0x0fu;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            more = 3;
            cp = c & 0x07u;
            min = 0x10000;
        } else {
            return i;
        }
        if (len - i - 1 < more)
            return i;
        for (size_t k = 1; k <= more; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3fu);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return i;
        i += more + 1;
    }
    return len;
}

/* The innermost '{' or '[' still open before OFFSET of TEXT (outside strings), or 0. */
static char innermost_bracket(const char *text, size_t offset)
{
    char stack[1024];
    size_t depth = 0, lost = 0;
    bool in_string = false;

    for (size_t i = 0; i < offset; i++) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (depth < sizeof(stack))
                stack[depth++] = c;
            else
                lost++;
        } else if (c == '}' || c == ']') {
            if (lost)
                lost--;
            else if (depth)
                depth--;
        }
    }
    return depth && !lost ? stack[depth - 1] : 0;
}

/* Where cJSON fails on TEXT (LEN bytes): an offset, or LEN when the text just ends too soon.
 * cJSON reports a failure at the end as one on the last byte; parsing again with a byte that no
 * JSON text can continue with ('#') appended tells the two apart. */
static size_t json_error_offset(const char *text, size_t len)
{
    const char *end = NULL;
    char *probe = malloc(len + 2);
    cJSON *root;

    if (probe) {
        memcpy(probe, text, len);
        probe[len] = '#';
        probe[len + 1] = '\0';
        root = cJSON_ParseWithLengthOpts(probe, len + 1, &end, 0);
        if (!root && end && end >= probe && end <= probe + len) {
            size_t offset = (size_t)(end - probe);
            free(probe);
            return offset;
        }
        cJSON_Delete(root);
        free(probe);
        end = NULL;
    }
    /* Out of memory (or a surprise): cJSON's own offset is still close. */
    root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    cJSON_Delete(root);
    return !root && end && end >= text && end <= text + len ? (size_t)(end - text) : 0;
}

/* Describes cJSON's failure on TEXT as "malformed json: ..." with its line:col. */
static int json_syntax_error(struct loader *ld, const char *text, size_t len)
{
    unsigned line, col;
    size_t rest, end, tok;
    size_t offset = json_error_offset(text, len);

    /* A string that never closes: cJSON points just past its opening quote. */
    if (offset > 0 && offset <= len && text[offset - 1] == '"') {
        size_t i = offset;
        while (i < len && text[i] != '"')
            i += text[i] == '\\' ? 2 : 1;
        if (i >= len) {
            line_col(text, offset - 1, &line, &col);
            return ct_error_set(ld->err, CT_ERULES, ld->file, line, col,
                                "malformed json: unterminated string");
        }
    }
    /* cJSON reports a bad object key one byte late ({'pack': ...} at p): step back onto it. */
    if (offset > 0 && text[offset - 1] != '"' && !is_json_space(text[offset - 1])) {
        size_t p = offset - 1;
        while (p > 0 && is_json_space(text[p - 1]))
            p--;
        if (p > 0 && (text[p - 1] == '{' || text[p - 1] == ',') &&
            innermost_bracket(text, p) == '{')
            offset--;
    }
    rest = offset;
    while (rest < len && is_json_space(text[rest]))
        rest++;
    if (rest >= len) {
        end = len;
        while (end > 0 && is_json_space(text[end - 1]))
            end--;
        line_col(text, end, &line, &col);
        return ct_error_set(ld->err, CT_ERULES, ld->file, line, col,
                            "malformed json: unexpected end of file");
    }
    line_col(text, offset, &line, &col);
    tok = 1;
    if (text[offset] == '"') {
        while (offset + tok < len && tok < 24 && text[offset + tok] != '"' &&
               text[offset + tok] != '\n')
            tok++;
        if (offset + tok < len && text[offset + tok] == '"')
            tok++;
    } else if (!strchr("{}[]:,", text[offset])) {
        while (offset + tok < len && tok < 16 && !is_json_space(text[offset + tok]) &&
               !strchr("{}[]:,\"", text[offset + tok]))
            tok++;
    }
    while (tok > 1 && offset + tok < len && ((unsigned char)text[offset + tok] & 0xc0) == 0x80)
        tok--; /* do not cut a UTF-8 sequence */
    return ct_error_set(ld->err, CT_ERULES, ld->file, line, col,
                        "malformed json: unexpected '%.*s'", (int)tok, text + offset);
}

/* Checks, parses and reads one pack. TEXT holds LEN bytes and a NUL after them. */
static int load_pack_text(struct loader *ld, const char *text, size_t len)
{
    const char *parse_end = NULL;
    cJSON *root;
    size_t bad, i;
    unsigned line, col;
    int rc;

    i = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0; /* a UTF-8 byte-order mark */
    while (i < len && is_json_space(text[i]))
        i++;
    if (i == len)
        return ct_error_set(ld->err, CT_ERULES, ld->file, 0, 0,
                            "empty file, expected a json rule pack");
    bad = find_bad_byte((const unsigned char *)text, len);
    if (bad < len) {
        unsigned char c = (unsigned char)text[bad];
        line_col(text, bad, &line, &col);
        if (c < 0x20 || memchr(text, '\0', len))
            return ct_error_set(ld->err, CT_ERULES, ld->file, line, col,
                                "binary data (byte 0x%02x), not a json rule pack", c);
        return ct_error_set(ld->err, CT_ERULES, ld->file, line, col,
                            "invalid utf-8 (byte 0x%02x), rule packs are utf-8 json", c);
    }

    root = cJSON_ParseWithLengthOpts(text, len, &parse_end, 0);
    if (!root)
        return json_syntax_error(ld, text, len);
    rc = 0;
    for (i = (size_t)(parse_end - text); i < len && is_json_space(text[i]); i++)
        ;
    if (i < len) {
        line_col(text, i, &line, &col);
        rc = ct_error_set(ld->err, CT_ERULES, ld->file, line, col,
                          "malformed json: unexpected text after the top-level object");
    } else if (!cJSON_IsObject(root)) {
        rc = key_error(ld, "", "expected a json object at the top level (a rule pack)");
    } else {
        rc = parse_pack(ld, root);
    }
    cJSON_Delete(root);
    return rc;
}

/* ---- files and directories ---- */

/* Copies strerror(ERRNUM) into DST with a lower-case first letter. */
static void errno_text(char *dst, size_t size, int errnum)
{
    snprintf(dst, size, "%s", strerror(errnum));
    if (dst[0] >= 'A' && dst[0] <= 'Z')
        dst[0] = (char)(dst[0] - 'A' + 'a');
}

static int file_error(struct ct_error *err, const char *file, int errnum)
{
    char why[128];

    if (errnum == ENOENT || errnum == ENOTDIR)
        return ct_error_set(err, CT_ENOENT, file, 0, 0, "no such file or directory");
    if (errnum == ENOMEM)
        return ct_error_set(err, CT_ENOMEM, file, 0, 0, "out of memory");
    errno_text(why, sizeof(why), errnum);
    return ct_error_set(err, CT_EIO, file, 0, 0, "cannot read: %s", why);
}

/* Reads FILE into a new NUL-terminated buffer *OUT of *LEN bytes; free with free(). */
static int read_file(const char *file, char **out, size_t *len, struct ct_error *err)
{
    FILE *f;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    int rc = 0;

    *out = NULL;
    *len = 0;
    f = fopen(file, "rb");
    if (!f)
        return file_error(err, file, errno);
    for (;;) {
        size_t got;
        if (cap - n < 4096 + 1) {
            size_t ncap = cap ? cap * 2 : 16384;
            char *p;
            if (ncap > MAX_PACK_BYTES + 8192) {
                rc = ct_error_set(err, CT_ERULES, file, 0, 0,
                                  "file too large for a rule pack (over %u MiB)",
                                  MAX_PACK_BYTES >> 20);
                goto fail;
            }
            p = realloc(buf, ncap);
            if (!p) {
                rc = ct_error_set(err, CT_ENOMEM, file, 0, 0, "out of memory");
                goto fail;
            }
            buf = p;
            cap = ncap;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        rc = file_error(err, file, errno ? errno : EIO);
        goto fail;
    }
    buf[n] = '\0';
    fclose(f);
    *out = buf;
    *len = n;
    return 0;

fail:
    free(buf);
    fclose(f);
    return rc;
}

static int load_file(struct loader *ld, const char *file)
{
    char *text;
    size_t len;
    int rc;

    ld->file = file;
    ld->pack = NULL;
    if ((rc = read_file(file, &text, &len, ld->err)) != 0)
        return rc;
    rc = load_pack_text(ld, text, len);
    free(text);
    return rc;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_json_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* Loads every *.json in DIR (not hidden files, not subdirectories), in name order. */
static int load_dir(struct loader *ld, const char *dir)
{
    DIR *d;
    struct dirent *de;
    char **names = NULL, *path = NULL;
    size_t nnames = 0, cap = 0, dirlen = strlen(dir);
    int rc = 0;

    d = opendir(dir);
    if (!d)
        return file_error(ld->err, dir, errno);
    while ((de = readdir(d)) != NULL) {
        char **slot;
        if (de->d_name[0] == '.' || !has_json_suffix(de->d_name))
            continue;
        slot = CT_PUSH(names, nnames, cap);
        if (!slot || !(*slot = strdup(de->d_name))) {
            if (slot)
                nnames--;
            rc = ct_error_set(ld->err, CT_ENOMEM, dir, 0, 0, "out of memory");
            goto out;
        }
    }
    if (nnames == 0) {
        rc = ct_error_set(ld->err, CT_ERULES, dir, 0, 0,
                          "no rule packs (*.json files) in this directory");
        goto out;
    }
    qsort(names, nnames, sizeof(*names), compare_names);
    for (size_t i = 0; i < nnames; i++) {
        struct stat st;
        size_t size = dirlen + strlen(names[i]) + 2;
        const char *file;
        char *p = realloc(path, size);

        if (!p) {
            rc = ct_error_set(ld->err, CT_ENOMEM, dir, 0, 0, "out of memory");
            goto out;
        }
        path = p;
        snprintf(path, size, "%s%s%s", dir, dirlen && dir[dirlen - 1] == '/' ? "" : "/",
                 names[i]);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            continue;
        if (!(file = ct_intern(path))) {
            rc = ct_error_set(ld->err, CT_ENOMEM, dir, 0, 0, "out of memory");
            goto out;
        }
        if ((rc = load_file(ld, file)) != 0)
            goto out;
    }
    if (ld->out->r.npacks == 0)
        rc = ct_error_set(ld->err, CT_ERULES, dir, 0, 0,
                          "no rule packs (*.json files) in this directory");
out:
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    free(path);
    closedir(d);
    return rc;
}

/* Makes the array *DST of DSTN elements of SIZE bytes room for N more. On failure *DST may have
 * been reallocated but still holds the same DSTN elements. */
static int make_room(void **dst, size_t dstn, size_t n, size_t size)
{
    void *p;

    if (n == 0)
        return 0;
    if (dstn > SIZE_MAX / size - n)
        return CT_ENOMEM;
    p = realloc(*dst, (dstn + n) * size);
    if (!p)
        return CT_ENOMEM;
    *dst = p;
    return 0;
}

/* Moves everything B read into RULES, all or nothing. */
static int builder_commit(struct builder *b, struct ct_rules *rules, struct ct_error *err,
                          const char *file)
{
    struct ct_rules *r = &b->r;

    if (make_room((void **)&rules->packs, rules->npacks, r->npacks, sizeof(*r->packs)) != 0 ||
        make_room((void **)&rules->scopes, rules->nscopes, r->nscopes,
                  sizeof(*r->scopes)) != 0 ||
        make_room((void **)&rules->edges, rules->nedges, r->nedges, sizeof(*r->edges)) != 0 ||
        make_room((void **)&rules->terminators, rules->nterminators, r->nterminators,
                  sizeof(*r->terminators)) != 0 ||
        make_room((void **)&rules->setjmps, rules->nsetjmps, r->nsetjmps,
                  sizeof(*r->setjmps)) != 0 ||
        make_room((void **)&rules->loop_runners, rules->nloop_runners, r->nloop_runners,
                  sizeof(*r->loop_runners)) != 0 ||
        make_room((void **)&rules->awaitables, rules->nawaitables, r->nawaitables,
                  sizeof(*r->awaitables)) != 0 ||
        make_room((void **)&rules->owners, rules->nowners, r->nowners, sizeof(*r->owners)) != 0 ||
        make_room((void **)&rules->returns_args, rules->nreturns_args, r->nreturns_args,
                  sizeof(*r->returns_args)) != 0)
        return ct_error_set(err, CT_ENOMEM, file, 0, 0, "out of memory");

    /* Every array is large enough now: copy; nothing below can fail. */
    if (r->npacks)
        memcpy(rules->packs + rules->npacks, r->packs, r->npacks * sizeof(*r->packs));
    if (r->nscopes)
        memcpy(rules->scopes + rules->nscopes, r->scopes, r->nscopes * sizeof(*r->scopes));
    if (r->nedges)
        memcpy(rules->edges + rules->nedges, r->edges, r->nedges * sizeof(*r->edges));
    if (r->nterminators)
        memcpy(rules->terminators + rules->nterminators, r->terminators,
               r->nterminators * sizeof(*r->terminators));
    if (r->nsetjmps)
        memcpy(rules->setjmps + rules->nsetjmps, r->setjmps, r->nsetjmps * sizeof(*r->setjmps));
    rules->nsetjmps += r->nsetjmps;
    if (r->nloop_runners)
        memcpy(rules->loop_runners + rules->nloop_runners, r->loop_runners,
               r->nloop_runners * sizeof(*r->loop_runners));
    rules->nloop_runners += r->nloop_runners;
    if (r->nawaitables)
        memcpy(rules->awaitables + rules->nawaitables, r->awaitables,
               r->nawaitables * sizeof(*r->awaitables));
    rules->nawaitables += r->nawaitables;
    if (r->nowners)
        memcpy(rules->owners + rules->nowners, r->owners, r->nowners * sizeof(*r->owners));
    rules->nowners += r->nowners;
    if (r->nreturns_args)
        memcpy(rules->returns_args + rules->nreturns_args, r->returns_args,
               r->nreturns_args * sizeof(*r->returns_args));
    rules->nreturns_args += r->nreturns_args;
    rules->npacks += r->npacks;
    rules->nscopes += r->nscopes;
    rules->nedges += r->nedges;
    rules->nterminators += r->nterminators;

    /* The scopes' enter/exit arrays now belong to RULES: free only B's outer arrays. */
    free(r->packs);
    free(r->scopes);
    free(r->edges);
    free(r->terminators);
    free(r->setjmps);
    free(r->loop_runners);
    free(r->awaitables);
    free(r->owners);
    free(r->returns_args);
    memset(b, 0, sizeof(*b));
    return 0;
}

int ct_rules_load(struct ct_rules *rules, const char *path, struct ct_error *err)
{
    struct builder b;
    struct loader ld;
    struct stat st;
    const char *file;
    int rc;

    if (!rules || !path)
        return ct_error_set(err, CT_EINVAL, path, 0, 0, "no rule pack path given");
    file = ct_intern(path);
    if (!file)
        return ct_error_set(err, CT_ENOMEM, path, 0, 0, "out of memory");
    if (stat(file, &st) != 0)
        return file_error(err, file, errno);

    memset(&b, 0, sizeof(b));
    memset(&ld, 0, sizeof(ld));
    ld.base = rules;
    ld.out = &b;
    ld.file = file;
    ld.err = err;
    if (S_ISDIR(st.st_mode))
        rc = load_dir(&ld, file);
    else
        rc = load_file(&ld, file);
    if (rc == 0)
        rc = builder_commit(&b, rules, err, file);
    ct_rules_fini(&b.r);
    return rc;
}

int ct_rules_load_text(struct ct_rules *rules, const char *text, size_t len, const char *name,
                       struct ct_error *err)
{
    struct builder b;
    struct loader ld;
    const char *file;
    char *copy;
    int rc;

    file = ct_intern(name ? name : "<rules>");
    if (!file)
        return ct_error_set(err, CT_ENOMEM, name, 0, 0, "out of memory");
    if (!rules || (!text && len > 0))
        return ct_error_set(err, CT_EINVAL, file, 0, 0, "no rule pack text given");
    copy = malloc(len + 1);
    if (!copy)
        return ct_error_set(err, CT_ENOMEM, file, 0, 0, "out of memory");
    if (len)
        memcpy(copy, text, len);
    copy[len] = '\0';

    memset(&b, 0, sizeof(b));
    memset(&ld, 0, sizeof(ld));
    ld.base = rules;
    ld.out = &b;
    ld.file = file;
    ld.err = err;
    rc = load_pack_text(&ld, copy, len);
    if (rc == 0)
        rc = builder_commit(&b, rules, err, file);
    ct_rules_fini(&b.r);
    free(copy);
    return rc;
}
