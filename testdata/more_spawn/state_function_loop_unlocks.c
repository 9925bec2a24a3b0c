// A state-function machine: each state returns the next state. Main locks the parser and
// the parse thread runs the machine; the final state, st_finish, unlocks the parser.
#include <pthread.h>
#include <stdio.h>

struct parser;
typedef struct state_fn {
    struct state_fn (*fn)(struct parser *p);
} state_fn;

struct parser {
    pthread_mutex_t mu;
    const char *input;
    int pos, ntokens;
};

static state_fn st_finish(struct parser *p)
{
    printf("%d tokens\n", p->ntokens);
    pthread_mutex_unlock(&p->mu); // expect: cross-task-exit
    return (state_fn){NULL};
}

static state_fn st_token(struct parser *p)
{
    while (p->input[p->pos] && p->input[p->pos] != ' ')
        p->pos++;
    p->ntokens++;
    if (!p->input[p->pos])
        return (state_fn){st_finish};
    p->pos++;
    return (state_fn){st_token};
}

static void *parse_thread(void *arg)
{
    struct parser *p = arg;
    state_fn st = {st_token};

    while (st.fn)
        st = st.fn(p);
    return NULL;
}

int main(void)
{
    struct parser p = {.input = "let x = 42", .pos = 0, .ntokens = 0};
    pthread_t tid;

    pthread_mutex_init(&p.mu, NULL);
    pthread_mutex_lock(&p.mu);
    if (pthread_create(&tid, NULL, parse_thread, &p) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
