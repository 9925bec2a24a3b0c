#!/bin/sh
# gen_program.sh - writes a valid C11 program of about LINES lines for timing crosstask:
# account modules (a struct with a mutex, lock/unlock helpers, an operations table of function
# pointers, worker threads that each lock their own accounts), job queues (mutex + condition
# variable, producer and consumer threads, each locking and unlocking in the same thread), pure
# helpers, and a few hand-over modules where main locks a mutex and a spawned thread unlocks it
# through a helper: the genuine cross-task exits crosstask must report (one per ~25,000 lines,
# at least 2). Everything else is correct code that must give no finding.
#
#   sh bench/gen_program.sh 100000 > big.c
#   cc -std=c11 -pthread -fsyntax-only big.c
#   build/crosstask --stats big.c -- -std=c11 -pthread
#
# POSIX sh and awk only; the output depends on LINES alone.

if [ $# -ne 1 ] || ! [ "$1" -ge 200 ] 2>/dev/null; then
    echo "usage: sh bench/gen_program.sh LINES   (LINES >= 200)" >&2
    exit 2
fi

awk -v target="$1" '
# emit(S): prints S and counts its lines.
function emit(s,    c) {
    c = gsub(/\n/, "\n", s)
    printf "%s\n", s
    nlines += c + 1
}

# An account module: about 95 lines.
function account(i,    a) {
    a = "acct" i
    emit("/* --- module " i ": accounts ------------------------------------------------------ */")
    emit("struct " a " {\n    pthread_mutex_t mu;       /* guards balance and history */\n" \
         "    long balance;\n    long history[4];\n    int id;\n};\n")
    emit("static struct " a " g_" a "[4];\n")
    emit("static void " a "_init(void)\n{\n    for (int k = 0; k < 4; k++) {\n" \
         "        pthread_mutex_init(&g_" a "[k].mu, NULL);\n" \
         "        g_" a "[k].balance = " (i % 13) " * 100;\n" \
         "        g_" a "[k].id = " i " * 4 + k;\n    }\n}\n")
    emit("static void " a "_lock(struct " a " *a)\n{\n    pthread_mutex_lock(&a->mu);\n}\n")
    emit("static void " a "_unlock(struct " a " *a)\n{\n    pthread_mutex_unlock(&a->mu);\n}\n")
    emit("static void " a "_record(struct " a " *a, long v)\n{\n" \
         "    for (int k = 3; k > 0; k--)\n        a->history[k] = a->history[k - 1];\n" \
         "    a->history[0] = v;\n}\n")
    emit("static long " a "_deposit(struct " a " *a, long v)\n{\n    long b;\n\n" \
         "    " a "_lock(a);\n    a->balance += v;\n    " a "_record(a, v);\n" \
         "    b = a->balance;\n    " a "_unlock(a);\n    return b;\n}\n")
    emit("static long " a "_withdraw(struct " a " *a, long v)\n{\n    long b;\n\n" \
         "    pthread_mutex_lock(&a->mu);\n    if (a->balance < v) {\n" \
         "        pthread_mutex_unlock(&a->mu);\n        return -1;\n    }\n" \
         "    a->balance -= v;\n    " a "_record(a, -v);\n    b = a->balance;\n" \
         "    pthread_mutex_unlock(&a->mu);\n    return b;\n}\n")
    emit("static long " a "_peek(struct " a " *a, long unused)\n{\n    long b;\n\n" \
         "    (void)unused;\n    if (pthread_mutex_trylock(&a->mu) != 0)\n        return -1;\n" \
         "    b = a->balance;\n    pthread_mutex_unlock(&a->mu);\n    return b;\n}\n")
    emit("typedef long (*" a "_op)(struct " a " *, long);\n")
    emit("static const struct {\n    const char *name;\n    " a "_op fn;\n} " a "_ops[] = {\n" \
         "    {\"deposit\", " a "_deposit},\n    {\"withdraw\", " a "_withdraw},\n" \
         "    {\"peek\", " a "_peek},\n};\n")
    emit("static void *" a "_worker(void *arg)\n{\n    struct " a " *a = arg;\n    long sum = 0;\n\n" \
         "    for (int r = 0; r < 6; r++)\n" \
         "        sum += " a "_ops[r % 3].fn(a, r + " (i % 5) ");\n" \
         "    return sum > 0 ? arg : NULL;\n}\n")
    emit("static int " a "_run(void)\n{\n    pthread_t tid[2];\n    int started = 0;\n\n" \
         "    " a "_init();\n    for (int k = 0; k < 2; k++)\n" \
         "        if (pthread_create(&tid[k], NULL, " a "_worker, &g_" a "[k]) == 0)\n" \
         "            started |= 1 << k;\n    for (int k = 0; k < 2; k++)\n" \
         "        if (started & (1 << k))\n            pthread_join(tid[k], NULL);\n" \
         "    return " a "_deposit(&g_" a "[2], 1) < 0;\n}\n")
}

# A job queue module: about 80 lines.
function queue(i,    q) {
    q = "queue" i
    emit("/* --- module " i ": a job queue ----------------------------------------------------- */")
    emit("enum " q "_state { " toupper(q) "_EMPTY, " toupper(q) "_READY, " toupper(q) "_DONE };\n")
    emit("struct " q " {\n    pthread_mutex_t mu;\n    pthread_cond_t cv;\n    int jobs[8];\n" \
         "    int head, tail;\n    enum " q "_state state;\n};\n")
    emit("static struct " q " g_" q " = {\n    .mu = PTHREAD_MUTEX_INITIALIZER,\n" \
         "    .cv = PTHREAD_COND_INITIALIZER,\n};\n")
    emit("static void " q "_push(struct " q " *q, int job)\n{\n    pthread_mutex_lock(&q->mu);\n" \
         "    while (q->tail - q->head == 8)\n        pthread_cond_wait(&q->cv, &q->mu);\n" \
         "    q->jobs[q->tail++ % 8] = job;\n    q->state = " toupper(q) "_READY;\n" \
         "    pthread_cond_broadcast(&q->cv);\n    pthread_mutex_unlock(&q->mu);\n}\n")
    emit("static int " q "_pop(struct " q " *q)\n{\n    int job;\n\n    pthread_mutex_lock(&q->mu);\n" \
         "    while (q->head == q->tail && q->state != " toupper(q) "_DONE)\n" \
         "        pthread_cond_wait(&q->cv, &q->mu);\n    if (q->head == q->tail) {\n" \
         "        pthread_mutex_unlock(&q->mu);\n        return -1;\n    }\n" \
         "    job = q->jobs[q->head++ % 8];\n    pthread_cond_broadcast(&q->cv);\n" \
         "    pthread_mutex_unlock(&q->mu);\n    return job;\n}\n")
    emit("static void *" q "_producer(void *arg)\n{\n    struct " q " *q = arg;\n\n" \
         "    for (int j = 0; j < 16; j++)\n        " q "_push(q, j * " (i % 7 + 1) ");\n" \
         "    pthread_mutex_lock(&q->mu);\n    q->state = " toupper(q) "_DONE;\n" \
         "    pthread_cond_broadcast(&q->cv);\n    pthread_mutex_unlock(&q->mu);\n" \
         "    return NULL;\n}\n")
    emit("static void *" q "_consumer(void *arg)\n{\n    struct " q " *q = arg;\n" \
         "    long total = 0;\n    int job;\n\n    while ((job = " q "_pop(q)) >= 0)\n" \
         "        total += job;\n    return total ? arg : NULL;\n}\n")
    emit("static int " q "_run(void)\n{\n    pthread_t p, c;\n\n" \
         "    if (pthread_create(&p, NULL, " q "_producer, &g_" q ") != 0)\n        return 1;\n" \
         "    if (pthread_create(&c, NULL, " q "_consumer, &g_" q ") != 0) {\n" \
         "        pthread_join(p, NULL);\n        return 1;\n    }\n" \
         "    pthread_join(p, NULL);\n    pthread_join(c, NULL);\n    return 0;\n}\n")
}

# Pure helpers: about 45 lines.
function helpers(i,    h) {
    h = "calc" i
    emit("/* --- module " i ": helpers --------------------------------------------------------- */")
    emit("static unsigned " h "_hash(const char *s)\n{\n    unsigned v = " (2166136 + i) "u;\n\n" \
         "    while (*s)\n        v = (v ^ (unsigned char)*s++) * 16777619u;\n    return v;\n}\n")
    emit("static int " h "_classify(int x)\n{\n    switch (x % 8) {\n    case 0:\n        return 1;\n" \
         "    case 1:\n    case 2:\n        return x / 2;\n    case 3:\n        return -x;\n" \
         "    case 4:\n        return x * 3 + " i ";\n    default:\n        break;\n    }\n" \
         "    return x > 100 ? 100 : x;\n}\n")
    emit("static int " h "_run(void)\n{\n    static const char *const words[] = " \
         "{\"alpha\", \"beta\", \"gamma\"};\n    unsigned acc = 0;\n\n" \
         "    for (int k = 0; k < 3; k++)\n        acc += " h "_hash(words[k]);\n" \
         "    for (int k = 0; k < 10; k++)\n        acc += (unsigned)" h "_classify(k);\n" \
         "    return acc == 0;\n}\n")
}

# A genuine cross-task exit: main locks, the spawned thread unlocks through a helper. ~35 lines.
function handoff(i,    s) {
    s = "session" i
    emit("/* --- module " i ": a session handed to another thread (a real bug) ------------- */")
    emit("struct " s " {\n    pthread_mutex_t mu;\n    int state;\n};\n")
    emit("static struct " s " g_" s " = {.mu = PTHREAD_MUTEX_INITIALIZER};\n")
    emit("static void " s "_release(struct " s " *s)\n{\n    s->state = 2;\n" \
         "    pthread_mutex_unlock(&s->mu);\n}\n")
    emit("static void *" s "_handoff_main(void *arg)\n{\n    " s "_release(arg);\n" \
         "    return NULL;\n}\n")
    emit("static int " s "_run(void)\n{\n    pthread_t tid;\n\n" \
         "    pthread_mutex_lock(&g_" s ".mu);\n    g_" s ".state = 1;\n" \
         "    if (pthread_create(&tid, NULL, " s "_handoff_main, &g_" s ") != 0) {\n" \
         "        pthread_mutex_unlock(&g_" s ".mu);\n        return 1;\n    }\n" \
         "    pthread_join(tid, NULL);\n    return 0;\n}\n")
}

BEGIN {
    emit("/* Generated by bench/gen_program.sh " target ": correct locking everywhere but in the" \
         "\n * session modules, whose mutex main locks and a spawned thread unlocks. */")
    emit("#include <pthread.h>\n#include <stddef.h>\n#include <stdio.h>\n")
    nbugs = int(target / 25000)
    if (nbugs < 2)
        nbugs = 2
    # main: about 12 lines plus one per module; a module is about 75 lines on average.
    nmods = int((target - 20) / 76)
    if (nmods < nbugs + 1)
        nmods = nbugs + 1
    every = int(nmods / nbugs)
    if (every < 1)
        every = 1
    m = 0
    while (m == 0 || nlines + m + 16 < target) {
        if (m % every == int(every / 2) && nb < nbugs) {
            handoff(m)
            kind[m] = "session"
            nb++
        } else if (m % 3 == 0) {
            account(m)
            kind[m] = "acct"
        } else if (m % 3 == 1) {
            queue(m)
            kind[m] = "queue"
        } else {
            helpers(m)
            kind[m] = "calc"
        }
        m++
    }
    # The correct modules run through a table of function pointers, the sessions directly.
    emit("static int (*const g_modules[])(void) = {")
    for (k = 0; k < m; k++)
        if (kind[k] != "session")
            emit("    " kind[k] k "_run,")
    emit("};\n")
    emit("int main(void)\n{\n    int failed = 0;\n\n" \
         "    for (size_t k = 0; k < sizeof(g_modules) / sizeof(g_modules[0]); k++)\n" \
         "        failed += g_modules[k]();")
    for (k = 0; k < m; k++)
        if (kind[k] == "session")
            emit("    failed += session" k "_run();")
    emit("    printf(\"%d modules failed\\n\", failed);\n    return failed != 0;\n}")
}' </dev/null
