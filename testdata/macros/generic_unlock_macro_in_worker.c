// lock_release(l) picks the unlock function for the lock's type with C11 _Generic; the sweeper
// thread releases the arena's mutex that main took, and a spinlock of its own.
// helgrind: "unlocked lock ... currently held by thread #1"
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

#define lock_acquire(l)                                                                        \
    _Generic((l), pthread_mutex_t *: pthread_mutex_lock, pthread_spinlock_t *: pthread_spin_lock)(l)
#define lock_release(l)                                                                        \
    _Generic((l), pthread_mutex_t *: pthread_mutex_unlock,                                     \
             pthread_spinlock_t *: pthread_spin_unlock)(l)

struct arena {
    pthread_mutex_t mu;
    pthread_spinlock_t stats_lock;
    long swept;
};

static void *sweeper_thread(void *arg)
{
    struct arena *ar = arg;

    lock_acquire(&ar->stats_lock);
    ar->swept++;
    lock_release(&ar->stats_lock);
    lock_release(&ar->mu); // expect: cross-task-exit {{'ar->mu'}}
    return NULL;
}

int main(void)
{
    struct arena ar = {.swept = 0};
    pthread_t tid;

    pthread_mutex_init(&ar.mu, NULL);
    pthread_spin_init(&ar.stats_lock, PTHREAD_PROCESS_PRIVATE);
    lock_acquire(&ar.mu);
    if (pthread_create(&tid, NULL, sweeper_thread, &ar) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%ld swept\n", ar.swept);
    return 0;
}
