/* Measurements of the dynamic array run natively, so the C# experiments see C's own costs
 * (one P/Invoke call per measurement, not per element). Times are CPU time of the calling thread:
 * on a shared machine, time spent waiting for a core is not the array's cost. */
#define _POSIX_C_SOURCE 199309L
#include "dynarray.h"

#include <time.h>

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void record(const dynarray *a, da_growth_point *p) {
    p->pushes = a->counters.pushes;
    p->capacity = a->cap;
    p->grows = a->counters.grows;
    p->elements_copied = a->counters.elements_copied;
    p->elements_moved = a->counters.elements_moved;
}

int da_measure_growth(double growth_factor, size_t growth_step, uint64_t n,
                      da_growth_point *points, int max_points, da_growth_point *worst) {
    if (points == NULL || max_points <= 0 || worst == NULL) return -DA_ERR_ARG;
    dynarray a;
    da_options opts = {0, growth_factor, growth_step, NULL};
    da_status s = da_init(&a, sizeof(int64_t), &opts);
    if (s != DA_OK) return -(int)s;
    int written = 0;
    uint64_t next_checkpoint = 1;
    *worst = (da_growth_point){0};
    for (uint64_t i = 1; i <= n; i++) {
        int64_t v = (int64_t)i;
        s = da_push(&a, &v);
        if (s != DA_OK) {
            da_destroy(&a);
            return -(int)s;
        }
        /* Copies per push after every push, not only at the checkpoints: with x2 growth the powers of two are
         * exactly the sizes just before a grow, where the ratio is at its lowest; its peaks come right after
         * each grow. Compared as copied_i * pushes_w > copied_w * pushes_i, exact in integers. */
        if (worst->pushes == 0 || a.counters.elements_copied * worst->pushes > worst->elements_copied * i) record(&a, worst);
        if ((i == next_checkpoint || i == n) && written < max_points) {
            record(&a, &points[written++]);
            while (next_checkpoint <= i) next_checkpoint *= 2;
        }
    }
    da_destroy(&a);
    return written;
}

int da_bench_push_get(uint64_t n, int reps, da_bench_result *out) {
    if (out == NULL || n == 0 || reps <= 0) return -DA_ERR_ARG;
    double best_push = 1e300, best_get = 1e300;
    uint64_t checksum = 0;
    for (int r = 0; r < reps; r++) {
        dynarray a;
        da_status s = da_init(&a, sizeof(uint64_t), NULL);
        if (s != DA_OK) return -(int)s;
        double t0 = now_ns();
        for (uint64_t i = 0; i < n; i++) {
            s = da_push(&a, &i);
            if (s != DA_OK) {
                da_destroy(&a);
                return -(int)s;
            }
        }
        double t1 = now_ns();
        uint64_t sum = 0, v = 0;
        for (uint64_t i = 0; i < n; i++) {
            da_get(&a, i, &v);
            sum += v;
        }
        double t2 = now_ns();
        da_destroy(&a);
        if (t1 - t0 < best_push) best_push = t1 - t0;
        if (t2 - t1 < best_get) best_get = t2 - t1;
        checksum = sum;
    }
    out->push_ns_per_op = best_push / (double)n;
    out->get_ns_per_op = best_get / (double)n;
    out->checksum = checksum;
    return 0;
}
