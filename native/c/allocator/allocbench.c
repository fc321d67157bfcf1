/* allocbench: sm_alloc beside glibc malloc, on workloads modelled on mimalloc-bench.
 *
 *   churn    small-object churn (alloc-test style): 10 000 live slots; each step frees a random
 *            slot and allocates 16-256 bytes into it. Single-threaded.
 *   mixed    cfrac/espresso-like: mostly tiny blocks, some up to 128 KiB; half are temporaries
 *            freed at once, half replace a random long-lived slot.
 *   larson   larson-style: 2 threads churn their own slots (16-128 B), then swap slot arrays each
 *            round, so every block is freed by a thread that did not allocate it.
 *   realloc  growth by realloc: many buffers appended to in 16-64 byte steps up to ~6 KiB, and a few
 *            grown by 1.5x from 64 KiB to 8 MiB.
 *
 * Every (workload, allocator, repetition) runs in its own child process: time is measured inside
 * it, peak RSS is the child's ru_maxrss, and neither allocator inherits the other's heap. Each
 * line printed is one run (ns_per_op is CPU time per operation):
 *   workload=W allocator=A rep=R seconds=S cpu_seconds=C ops=N ns_per_op=X maxrss_kb=K peak_requested_bytes=B heap_check=ok|n/a|FAILED
 * then one summary line per workload (best CPU time, lowest peak RSS of the repetitions).
 *
 * Usage: allocbench [--scale tiny|small|full] [--reps N] [--only WORKLOAD]
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sm_alloc.h"

typedef struct allocator {
    const char *name;
    void *(*malloc_fn)(size_t);
    void (*free_fn)(void *);
    void *(*realloc_fn)(void *, size_t);
} allocator;

static const allocator allocators[] = {
    {"glibc", malloc, free, realloc},
    {"sm", sm_malloc, sm_free, sm_realloc},
};

typedef struct result {
    double seconds;     /* wall clock */
    double cpu_seconds; /* CPU time of the process: what the comparison uses, as it does not count
                           time spent waiting for a core on a busy machine */
    uint64_t ops;
    uint64_t peak_requested;
    int heap_check; /* 1 ok, 0 n/a, -1 failed */
} result;

typedef struct scale {
    uint64_t churn_ops, mixed_ops, larson_rounds, realloc_buffers, realloc_big;
} scale;

static const allocator *A;
static scale S;
static uint64_t live_requested, peak_requested;

static inline void track(int64_t delta) {
    live_requested += (uint64_t)delta;
    if (live_requested > peak_requested) peak_requested = live_requested;
}

static inline uint64_t next_random(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double clock_seconds(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Touches a block as a program would: its first and last byte. */
static inline void touch(void *p, size_t n) {
    unsigned char *b = p;
    b[0] = (unsigned char)n;
    b[n - 1] = (unsigned char)(n >> 8);
}

/* ------------------------------------------------------------ workloads */

static uint64_t run_churn(void) {
    enum { SLOTS = 10000 };
    static void *slot[SLOTS];
    static uint32_t size[SLOTS];
    uint64_t s = 1;
    for (uint64_t i = 0; i < S.churn_ops; i++) {
        uint32_t k = (uint32_t)(next_random(&s) % SLOTS);
        if (slot[k]) {
            A->free_fn(slot[k]);
            track(-(int64_t)size[k]);
        }
        size[k] = 16 + (uint32_t)(next_random(&s) % 241);
        slot[k] = A->malloc_fn(size[k]);
        touch(slot[k], size[k]);
        track(size[k]);
    }
    for (int k = 0; k < SLOTS; k++) A->free_fn(slot[k]);
    return S.churn_ops;
}

static uint32_t mixed_size(uint64_t *s) {
    uint64_t r = next_random(s) % 1000;
    if (r < 700) return 8 + (uint32_t)(next_random(s) % 57);          /* 8-64 B */
    if (r < 950) return 64 + (uint32_t)(next_random(s) % 961);        /* 64 B-1 KiB */
    if (r < 995) return 1024 + (uint32_t)(next_random(s) % 15361);    /* 1-16 KiB */
    return 16384 + (uint32_t)(next_random(s) % 114689);               /* 16-128 KiB */
}

static uint64_t run_mixed(void) {
    enum { SLOTS = 20000 };
    static void *slot[SLOTS];
    static uint32_t size[SLOTS];
    uint64_t s = 2;
    for (uint64_t i = 0; i < S.mixed_ops; i++) {
        uint32_t n = mixed_size(&s);
        if (next_random(&s) & 1) { /* a temporary */
            void *t = A->malloc_fn(n);
            touch(t, n);
            A->free_fn(t);
            continue;
        }
        uint32_t k = (uint32_t)(next_random(&s) % SLOTS);
        if (slot[k]) {
            A->free_fn(slot[k]);
            track(-(int64_t)size[k]);
        }
        slot[k] = A->malloc_fn(n);
        size[k] = n;
        touch(slot[k], n);
        track(n);
    }
    for (int k = 0; k < SLOTS; k++) A->free_fn(slot[k]);
    return S.mixed_ops;
}

enum { LARSON_THREADS = 2, LARSON_SLOTS = 5000, LARSON_STEPS = 20000 };
static void *larson_arrays[LARSON_THREADS][LARSON_SLOTS];
static pthread_barrier_t larson_barrier;

static void *larson_thread(void *arg) {
    int t = (int)(intptr_t)arg;
    uint64_t s = 100 + (uint64_t)t;
    for (uint64_t round = 0; round < S.larson_rounds; round++) {
        void **slots = larson_arrays[(t + round) % LARSON_THREADS]; /* allocated by the other thread last round */
        for (int i = 0; i < LARSON_STEPS; i++) {
            uint32_t k = (uint32_t)(next_random(&s) % LARSON_SLOTS);
            A->free_fn(slots[k]);
            uint32_t n = 16 + (uint32_t)(next_random(&s) % 113);
            slots[k] = A->malloc_fn(n);
            touch(slots[k], n);
        }
        pthread_barrier_wait(&larson_barrier);
    }
    return NULL;
}

static uint64_t run_larson(void) {
    pthread_barrier_init(&larson_barrier, NULL, LARSON_THREADS);
    pthread_t th[LARSON_THREADS];
    for (int t = 0; t < LARSON_THREADS; t++) pthread_create(&th[t], NULL, larson_thread, (void *)(intptr_t)t);
    for (int t = 0; t < LARSON_THREADS; t++) pthread_join(th[t], NULL);
    pthread_barrier_destroy(&larson_barrier);
    for (int t = 0; t < LARSON_THREADS; t++)
        for (int k = 0; k < LARSON_SLOTS; k++) A->free_fn(larson_arrays[t][k]);
    return S.larson_rounds * LARSON_THREADS * LARSON_STEPS;
}

static uint64_t run_realloc(void) {
    uint64_t ops = 0, s = 3;
    size_t n_small = S.realloc_buffers;
    void **buf = calloc(n_small, sizeof *buf);
    size_t *len = calloc(n_small, sizeof *len);
    /* Interleaved appends: every buffer grows a step per round, as many strings being built at once. */
    for (int round = 0; round < 150; round++) {
        for (size_t b = 0; b < n_small; b++) {
            size_t grow = 16 + next_random(&s) % 49;
            buf[b] = A->realloc_fn(buf[b], len[b] + grow);
            touch((char *)buf[b] + len[b], grow);
            len[b] += grow;
            track((int64_t)grow);
            ops++;
        }
    }
    for (size_t b = 0; b < n_small; b++) {
        A->free_fn(buf[b]);
        track(-(int64_t)len[b]);
    }
    for (uint64_t b = 0; b < S.realloc_big; b++) {
        size_t n = 65536;
        void *p = A->malloc_fn(n);
        touch(p, n);
        track((int64_t)n);
        while (n < (8u << 20)) {
            size_t m = n + n / 2;
            p = A->realloc_fn(p, m);
            touch((char *)p + n, m - n);
            track((int64_t)(m - n));
            n = m;
            ops++;
        }
        A->free_fn(p);
        track(-(int64_t)n);
    }
    free(buf);
    free(len);
    return ops;
}

typedef struct workload {
    const char *name;
    uint64_t (*run)(void);
} workload;

static const workload workloads[] = {
    {"churn", run_churn}, {"mixed", run_mixed}, {"larson", run_larson}, {"realloc", run_realloc}};

/* ------------------------------------------------------------ runner */

static void child(const workload *w, const allocator *a, int fd) {
    A = a;
    result r = {0};
    double t0 = clock_seconds(CLOCK_MONOTONIC), c0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    r.ops = w->run();
    r.cpu_seconds = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
    r.seconds = clock_seconds(CLOCK_MONOTONIC) - t0;
    r.peak_requested = peak_requested;
    if (strcmp(a->name, "sm") == 0) {
        sm_check_report report;
        r.heap_check = sm_heap_check(&report) == SM_OK ? 1 : -1;
        if (r.heap_check < 0) fprintf(stderr, "allocbench: heap check failed after %s: %s\n", w->name, report.message);
    }
    if (write(fd, &r, sizeof r) != (ssize_t)sizeof r) _exit(3);
    _exit(0);
}

static int measure(const workload *w, const allocator *a, result *r, long *maxrss_kb) {
    int fds[2];
    if (pipe(fds) != 0) return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        close(fds[0]);
        child(w, a, fds[1]);
    }
    close(fds[1]);
    ssize_t got = read(fds[0], r, sizeof *r);
    close(fds[0]);
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || got != (ssize_t)sizeof *r) return -1;
    *maxrss_kb = ru.ru_maxrss;
    return 0;
}

int main(int argc, char **argv) {
    const char *scale_name = "small", *only = NULL;
    int reps = 3;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc) scale_name = argv[++i];
        else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) reps = atoi(argv[++i]);
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) only = argv[++i];
        else {
            fprintf(stderr, "usage: allocbench [--scale tiny|small|full] [--reps N] [--only churn|mixed|larson|realloc]\n");
            return 2;
        }
    }
    if (strcmp(scale_name, "tiny") == 0) S = (scale){200000, 100000, 4, 200, 2};
    else if (strcmp(scale_name, "small") == 0) S = (scale){2000000, 1000000, 20, 2000, 8};
    else if (strcmp(scale_name, "full") == 0) S = (scale){20000000, 8000000, 100, 10000, 32};
    else {
        fprintf(stderr, "allocbench: unknown scale '%s' (tiny, small or full)\n", scale_name);
        return 2;
    }
    if (reps < 1) reps = 1;
    int failed = 0;
    for (size_t wi = 0; wi < sizeof workloads / sizeof *workloads; wi++) {
        const workload *w = &workloads[wi];
        if (only && strcmp(only, w->name) != 0) continue;
        double best[2] = {1e300, 1e300};
        long rss[2] = {0, 0};
        for (int rep = 1; rep <= reps; rep++) {
            for (int ai = 0; ai < 2; ai++) { /* alternate, so neither always runs on a warmer machine */
                const allocator *a = &allocators[(ai + rep) % 2];
                int idx = (int)(a - allocators);
                result r;
                long kb = 0;
                if (measure(w, a, &r, &kb) != 0) {
                    fprintf(stderr, "allocbench: %s with %s failed\n", w->name, a->name);
                    failed = 1;
                    continue;
                }
                if (r.heap_check < 0) failed = 1;
                printf("workload=%s allocator=%s rep=%d seconds=%.6f cpu_seconds=%.6f ops=%llu ns_per_op=%.2f maxrss_kb=%ld peak_requested_bytes=%llu heap_check=%s\n",
                       w->name, a->name, rep, r.seconds, r.cpu_seconds, (unsigned long long)r.ops, r.cpu_seconds * 1e9 / (double)r.ops, kb,
                       (unsigned long long)r.peak_requested, r.heap_check > 0 ? "ok" : r.heap_check < 0 ? "FAILED" : "n/a");
                if (r.cpu_seconds < best[idx]) best[idx] = r.cpu_seconds;
                if (rss[idx] == 0 || kb < rss[idx]) rss[idx] = kb;
            }
        }
        printf("summary workload=%s glibc_cpu_seconds=%.6f sm_cpu_seconds=%.6f speedup=%.3f glibc_maxrss_kb=%ld sm_maxrss_kb=%ld rss_ratio=%.3f\n",
               w->name, best[0], best[1], best[0] / best[1], rss[0], rss[1], rss[0] ? (double)rss[1] / (double)rss[0] : 0.0);
    }
    return failed;
}
