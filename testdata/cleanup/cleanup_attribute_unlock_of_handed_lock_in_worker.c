// systemd-style cleanup: _cleanup_(unlockp) pthread_mutex_t *held = ... unlocks the mutex the
// variable points to when its scope ends. The uploader thread adopts a lock main took before it
// started the thread, so the cleanup (reported where the variable's scope ends, at the return) unlocks on the uploader a lock main holds (helgrind:
// unlocked lock held by other thread). The verifier thread's cleanup variable holds a lock it
// took itself: silent.
// flags: -std=gnu11 -pthread
#include <pthread.h>
#include <stdio.h>

#define _cleanup_(f) __attribute__((cleanup(f)))

static void unlockp(pthread_mutex_t **m)
{
    if (*m)
        pthread_mutex_unlock(*m);
}

static pthread_mutex_t *lock_and_return(pthread_mutex_t *m)
{
    pthread_mutex_lock(m);
    return m;
}

struct upload {
    pthread_mutex_t lock;
    size_t sent;
};

static struct upload upload = {PTHREAD_MUTEX_INITIALIZER, 0};

static void *uploader_main(void *arg)
{
    _cleanup_(unlockp) pthread_mutex_t *held = arg;

    upload.sent += 4096;
    return NULL; // expect: cross-task-exit {{pthread mutex 'upload.lock' is unlocked in thread 'uploader_main' but was locked in thread 'main'}}
}

static void *verifier_main(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3; i++) {
        _cleanup_(unlockp) pthread_mutex_t *held = lock_and_return(&upload.lock);

        if (upload.sent > 8192)
            break;
    }
    return NULL;
}

int main(void)
{
    pthread_t uploader, verifier;

    pthread_create(&verifier, NULL, verifier_main, NULL);
    pthread_join(verifier, NULL);
    pthread_mutex_lock(&upload.lock);
    pthread_create(&uploader, NULL, uploader_main, &upload.lock);
    pthread_join(uploader, NULL);
    printf("sent %zu\n", upload.sent);
    return 0;
}
