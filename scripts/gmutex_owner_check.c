/* gmutex_owner_check.c - confirms a testdata program's GMutex hand-overs at run time. GLib's
 * GMutex is a futex on Linux, which helgrind and DRD do not track; link a program with this file
 * and `-Wl,--wrap=g_mutex_lock,--wrap=g_mutex_unlock` and every unlock by a thread other than the
 * one that locked prints "OWNER-CHECK: GMutex ... unlocked by a thread that did not lock it":
 *
 *   gcc -g -o prog testdata/cleanup/FILE.c scripts/gmutex_owner_check.c \
 *       -Wl,--wrap=g_mutex_lock,--wrap=g_mutex_unlock $(pkg-config --cflags --libs glib-2.0)
 *
 * (GMutexLocker's inline functions call g_mutex_lock/unlock, so they are seen too.) Not part of
 * crosstask: a test aid, never linked into it. */
#include <glib.h>
#include <pthread.h>
#include <stdio.h>

void __real_g_mutex_lock(GMutex *m);
void __real_g_mutex_unlock(GMutex *m);
void __wrap_g_mutex_lock(GMutex *m);
void __wrap_g_mutex_unlock(GMutex *m);

#define NSLOT 64 /* mutexes held at once */

static GMutex *held_mutex[NSLOT];
static pthread_t held_by[NSLOT];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

void __wrap_g_mutex_lock(GMutex *m)
{
    __real_g_mutex_lock(m);
    pthread_mutex_lock(&table_lock);
    for (int i = 0; i < NSLOT; i++) {
        if (!held_mutex[i] || held_mutex[i] == m) {
            held_mutex[i] = m;
            held_by[i] = pthread_self();
            break;
        }
    }
    pthread_mutex_unlock(&table_lock);
}

void __wrap_g_mutex_unlock(GMutex *m)
{
    pthread_mutex_lock(&table_lock);
    for (int i = 0; i < NSLOT; i++) {
        if (held_mutex[i] == m) {
            if (!pthread_equal(held_by[i], pthread_self()))
                fprintf(stderr, "OWNER-CHECK: GMutex %p unlocked by a thread that did not lock it\n",
                        (void *)m);
            held_mutex[i] = NULL;
            break;
        }
    }
    pthread_mutex_unlock(&table_lock);
    __real_g_mutex_unlock(m);
}
