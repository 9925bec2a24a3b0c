// main switches its own thread to a "C" locale object with uselocale and restores it later;
// a worker thread sets itself to the global locale with uselocale(LC_GLOBAL_LOCALE). Each
// thread only changes its own locale.
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <pthread.h>
#include <stdio.h>

static void *formatter(void *arg)
{
    char buf[32];

    uselocale(LC_GLOBAL_LOCALE);
    snprintf(buf, sizeof buf, "%.2f", *(double *)arg);
    puts(buf);
    return NULL;
}

int main(void)
{
    locale_t c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t old = uselocale(c_loc);
    double price = 3.5;
    pthread_t t;

    pthread_create(&t, NULL, formatter, &price);
    pthread_join(t, NULL);
    uselocale(old);
    freelocale(c_loc);
    return 0;
}
