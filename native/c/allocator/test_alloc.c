/* Tests of sm_alloc: alignment and contents across all size ranges, realloc paths, coalescing,
 * double and invalid frees (detected, reported, harmless), threads with cross-thread frees while another
 * thread reads the statistics, trim, and — last, because it breaks the heap on purpose — detection of an
 * overwritten block header. The heap check runs after every phase. ctest also runs it under ASan/UBSan (with
 * the allocator's poisoning), ThreadSanitizer and valgrind.
 *   test_alloc [name]   runs only the tests whose name contains `name` (e.g. coalescing, realloc, threads)
 * (the corruption test runs only when it is named, or when everything runs). */
#define _GNU_SOURCE
#include "sm_alloc.h"
#include "sm_check.h"

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void heap_ok(const char *phase) {
    sm_check_report r;
    int s = sm_heap_check(&r);
    CHECKF(s == SM_OK, "heap check after %s: %s", phase, r.message);
}

static uint64_t rng_state = 12345;
static uint64_t rnd(void) {
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Errors reported through the handler, remembered for the assertions. */
static int last_error = 0;
static int errors_seen = 0;
static void capture(int status, void *ptr, const char *message, void *context) {
    (void)ptr;
    (void)message;
    (void)context;
    last_error = status;
    errors_seen++;
}

static void fill(unsigned char *p, size_t n, unsigned char seed) {
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(seed + i * 7);
}

static int intact(const unsigned char *p, size_t n, unsigned char seed) {
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(seed + i * 7)) return 0;
    return 1;
}

static void test_sizes_and_alignment(void) {
    const size_t sizes[] = {0, 1, 8, 15, 16, 17, 100, 128, 129, 500, 1000, 1024, 1025, 4000, 65536, 262144, 262145, 1 << 20, 5 << 20};
    void *p[sizeof sizes / sizeof *sizes];
    int aligned = 1, roomy = 1;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        p[i] = sm_malloc(sizes[i]);
        CHECK(p[i] != NULL);
        aligned &= ((uintptr_t)p[i] & 15) == 0;
        roomy &= sm_usable_size(p[i]) >= sizes[i];
        fill(p[i], sizes[i], (unsigned char)i);
    }
    CHECK(aligned);
    CHECK(roomy);
    heap_ok("allocations of every size range");
    int ok = 1;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        ok &= intact(p[i], sizes[i], (unsigned char)i);
        sm_free(p[i]);
    }
    CHECK(ok);
    CHECK(sm_usable_size(p[5]) == 0); /* freed */
    heap_ok("freeing every size range");
}

static void test_random_workload(void) {
    enum { SLOTS = 3000, OPS = 60000 };
    static void *slot[SLOTS];
    static size_t len[SLOTS];
    int corrupt = 0;
    for (int op = 0; op < OPS; op++) {
        int i = (int)(rnd() % SLOTS);
        if (slot[i]) {
            corrupt |= !intact(slot[i], len[i], (unsigned char)i);
            sm_free(slot[i]);
            slot[i] = NULL;
        } else {
            uint64_t r = rnd() % 1000;
            len[i] = r < 900 ? rnd() % 1024 : r < 995 ? 1025 + rnd() % 60000 : 300000 + rnd() % 700000;
            slot[i] = sm_malloc(len[i]);
            if (slot[i] == NULL) {
                corrupt = 1;
                continue;
            }
            fill(slot[i], len[i], (unsigned char)i);
        }
        if (op % 20000 == 0) heap_ok("random workload (midway)");
    }
    CHECK(!corrupt);
    heap_ok("random workload");
    sm_stats st;
    sm_get_stats(&st);
    CHECK(st.live_blocks > 0 && st.live_bytes > 0 && st.mapped_bytes >= st.live_bytes);
    for (int i = 0; i < SLOTS; i++) sm_free(slot[i]);
    sm_get_stats(&st);
    CHECK(st.live_blocks == 0);
    CHECK(st.live_bytes == 0);
    heap_ok("random workload freed");
}

static void test_calloc(void) {
    /* Dirty a block, free it, and get it back through calloc: it must come back zeroed. */
    unsigned char *p = sm_malloc(200);
    memset(p, 0xAB, 200);
    sm_free(p);
    unsigned char *q = sm_calloc(25, 8);
    int zero = 1;
    for (int i = 0; i < 200; i++) zero &= q[i] == 0;
    CHECK(zero);
    sm_free(q);
    unsigned char *m = sm_calloc(1, 5000);
    zero = 1;
    for (int i = 0; i < 5000; i++) zero &= m[i] == 0;
    CHECK(zero);
    sm_free(m);
    CHECK(sm_calloc(SIZE_MAX / 2, 4) == NULL); /* n * size overflows */
    CHECK(sm_malloc(SIZE_MAX) == NULL);
}

static void test_realloc(void) {
    sm_trim(); /* no medium segment left: the next medium blocks are carved in order from a fresh arena */
    unsigned char *p = sm_realloc(NULL, 40);
    fill(p, 40, 1);
    p = sm_realloc(p, 100); /* small -> small, another class */
    CHECK(intact(p, 40, 1));
    p = sm_realloc(p, 3000); /* small -> medium */
    CHECK(intact(p, 40, 1));
    fill(p, 3000, 2);

    /* Medium growth in place: p's neighbour is freed, so p can grow into it without moving. */
    unsigned char *after = sm_malloc(3000);
    unsigned char *guard = sm_malloc(3000);
    CHECK(after == p + sm_usable_size(p) + 16); /* the next block starts right after p's block and header */
    sm_free(after);
    unsigned char *grown = sm_realloc(p, 5500);
    CHECK(grown == p);
    CHECK(intact(grown, 3000, 2));
    unsigned char *shrunk = sm_realloc(grown, 2000);
    CHECK(shrunk == grown); /* shrinking a medium block never moves it */
    CHECK(intact(shrunk, 2000, 2));
    heap_ok("medium realloc");

    unsigned char *big = sm_realloc(shrunk, 600000); /* medium -> large */
    CHECK(big != NULL && intact(big, 2000, 2));
    fill(big, 600000, 3);
    big = sm_realloc(big, 9 << 20); /* large growth: pages move with mremap */
    CHECK(big != NULL && intact(big, 600000, 3));
    CHECK(((uintptr_t)big & 15) == 0);
    big = sm_realloc(big, 700000); /* large shrink */
    CHECK(intact(big, 600000, 3));
    heap_ok("large realloc");
    unsigned char *same = sm_realloc(big, 650000); /* shrinking a large block remaps it where it is */
    CHECK(same == big && intact(same, 600000, 3));
    CHECK(sm_realloc(same, 0) == NULL); /* realloc to 0 frees */
    sm_free(guard);
    heap_ok("realloc freed");

    /* A small block that still fits its class stays where it is (100 and 60 bytes are both class 112). */
    unsigned char *s1 = sm_malloc(100);
    fill(s1, 100, 4);
    unsigned char *s2 = sm_realloc(s1, 60);
    CHECK(s2 == s1 && intact(s2, 60, 4));
    sm_free(s2);
    heap_ok("small realloc in place");
}

static void test_coalescing(void) {
    sm_trim(); /* start from no medium segment at all */
    sm_stats before;
    sm_get_stats(&before);
    CHECK(before.medium_live_blocks == 0);
    void *a = sm_malloc(10000), *b = sm_malloc(10000), *c = sm_malloc(10000);
    sm_stats mid;
    sm_get_stats(&mid);
    CHECK(mid.medium_free_blocks == 1); /* one fresh arena: three blocks carved off its front */
    sm_free(a);
    sm_free(c); /* c merges with the free tail of the arena */
    sm_get_stats(&mid);
    CHECK(mid.medium_free_blocks == 2); /* a, and c+tail: separated by b */
    sm_free(b); /* b merges with both neighbours: the arena is one free block again */
    sm_get_stats(&mid);
    CHECK(mid.medium_free_blocks == 1);
    CHECK(mid.largest_medium_free == mid.medium_free_bytes);
    heap_ok("coalescing");
}

/* A batch of 4 KiB blocks that needs two medium segments, allocated and freed over and over: both arenas,
 * empty after each free-all, stay mapped instead of one being unmapped and mapped again every cycle;
 * a trim still gives them back. */
static void test_spare_medium_segment(void) {
    enum { N = 1200 }; /* 1200 blocks of ~4 KiB: more than one 4 MiB segment holds */
    static void *blocks[N];
    sm_trim();
    sm_stats first, later;
    for (int cycle = 0; cycle < 3; cycle++) {
        for (int i = 0; i < N; i++) CHECK((blocks[i] = sm_malloc(4096)) != NULL);
        for (int i = 0; i < N; i++) sm_free(blocks[i]);
        sm_get_stats(cycle == 0 ? &first : &later);
    }
    CHECK(first.medium_live_blocks == 0 && later.medium_live_blocks == 0);
    CHECK(first.segments == later.segments);          /* no segment was unmapped or added by the cycles */
    CHECK(first.mapped_bytes == later.mapped_bytes);
    CHECK(later.medium_free_blocks == 2);             /* two empty arenas, each one free block */
    heap_ok("spare medium segment");
    CHECK(sm_trim() > 0);                             /* trimming releases the empty arenas */
    sm_get_stats(&later);
    CHECK(later.mapped_bytes < first.mapped_bytes);
    heap_ok("spare medium segment trimmed");
}

static void test_double_and_invalid_free(void) {
    sm_set_error_handler(capture, NULL);
    sm_reset_error_counts();
    void *small = sm_malloc(48), *medium = sm_malloc(5000), *large = sm_malloc(1 << 20);
    sm_free(small);
    CHECK(sm_free_checked(small) == SM_ERR_DOUBLE_FREE);
    sm_free(medium);
    CHECK(sm_free_checked(medium) == SM_ERR_DOUBLE_FREE);
    sm_free(large);
    CHECK(sm_free_checked(large) == SM_ERR_DOUBLE_FREE);
    CHECK(sm_error_count(SM_ERR_DOUBLE_FREE) == 3);
    CHECK(last_error == SM_ERR_DOUBLE_FREE);

    int on_stack = 0;
    void *from_libc = malloc(64);
    unsigned char *s2 = sm_malloc(64), *m2 = sm_malloc(4000), *l2 = sm_malloc(2 << 20);
    CHECK(sm_free_checked(&on_stack) == SM_ERR_INVALID_FREE);
    /* Rejected either way; if libc's block happens to sit exactly where a large block of ours was
     * unmapped (valgrind's malloc does reuse such addresses), it is reported as a double free. */
    int libc_status = sm_free_checked(from_libc);
    CHECK(libc_status == SM_ERR_INVALID_FREE || libc_status == SM_ERR_DOUBLE_FREE);
    uint64_t libc_as_invalid = libc_status == SM_ERR_INVALID_FREE;
    CHECK(sm_free_checked(s2 + 16) == SM_ERR_INVALID_FREE); /* inside a block */
    CHECK(sm_free_checked(s2 + 1) == SM_ERR_INVALID_FREE);  /* misaligned */
    CHECK(sm_free_checked(m2 + 32) == SM_ERR_INVALID_FREE);
    CHECK(sm_free_checked(l2 + 4096) == SM_ERR_INVALID_FREE);
    CHECK(sm_free_checked(l2 - 16) == SM_ERR_INVALID_FREE); /* into a large block's header */
    CHECK(sm_error_count(SM_ERR_INVALID_FREE) == 6 + libc_as_invalid);
    CHECK(sm_realloc(s2 + 16, 100) == NULL); /* realloc of a non-block is reported too */
    CHECK(sm_error_count(SM_ERR_INVALID_FREE) == 7 + libc_as_invalid);
    free(from_libc);
    /* Nothing was corrupted: the real blocks are still fine and the heap checks out. */
    heap_ok("double and invalid frees");
    CHECK(sm_usable_size(s2) >= 64 && sm_usable_size(m2) >= 4000 && sm_usable_size(l2) >= (2 << 20));
    sm_free(s2);
    sm_free(m2);
    sm_free(l2);
    CHECK(errors_seen == 11);
    sm_set_error_handler(NULL, NULL);
    heap_ok("after the error tests");
}

typedef struct exchange {
    pthread_mutex_t lock;
    void *items[4096];
    int count;
} exchange;

static exchange box = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* Each thread allocates, keeps some, frees some of its own and frees what others handed over. */
static void *worker(void *arg) {
    uint64_t s = (uint64_t)(uintptr_t)arg * 7919 + 1;
    void *mine[256] = {0};
    for (int op = 0; op < 40000; op++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        int i = (int)((s >> 33) % 256);
        size_t size = (s >> 20) % 100 < 95 ? (s >> 40) % 512 : 1025 + (s >> 40) % 8000;
        if (mine[i]) {
            if ((s >> 11) & 1) {
                pthread_mutex_lock(&box.lock);
                if (box.count < 4096) {
                    box.items[box.count++] = mine[i];
                    mine[i] = NULL;
                }
                pthread_mutex_unlock(&box.lock);
            }
            sm_free(mine[i]); /* NULL if it was handed over */
        }
        mine[i] = sm_malloc(size);
        if (mine[i]) memset(mine[i], (int)(op & 255), size < 16 ? size : 16);
        if ((op & 63) == 0) { /* free a block another thread allocated */
            void *other = NULL;
            pthread_mutex_lock(&box.lock);
            if (box.count > 0) other = box.items[--box.count];
            pthread_mutex_unlock(&box.lock);
            sm_free(other);
        }
    }
    for (int i = 0; i < 256; i++) sm_free(mine[i]);
    return NULL;
}

/* Reads the statistics over and over while the workers run: every counter it reads is being changed by
 * them (the thread caches' counts without any lock), which ThreadSanitizer checks are atomic accesses. */
static int workers_done;
static void *stats_reader(void *arg) {
    uint64_t reads = 0;
    sm_stats st;
    while (!__atomic_load_n(&workers_done, __ATOMIC_ACQUIRE) || reads < 16) {
        sm_get_stats(&st);
        reads++;
        /* Give the CPU back every 64 reads: the reads still overlap the workers' updates (what ThreadSanitizer checks),
         * but on few cores, or under valgrind, which runs one thread at a time, a reader that never yields takes
         * the workers' turns and the test's time grows without bound. */
        if ((reads & 63) == 0) sched_yield();
    }
    *(uint64_t *)arg = reads;
    return NULL;
}

static void test_threads(void) {
    sm_reset_error_counts();
    sm_stats before, after;
    sm_get_stats(&before);
    pthread_t t[4], reader;
    uint64_t stats_reads = 0;
    __atomic_store_n(&workers_done, 0, __ATOMIC_RELEASE);
    pthread_create(&reader, NULL, stats_reader, &stats_reads);
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)(i + 1));
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    __atomic_store_n(&workers_done, 1, __ATOMIC_RELEASE);
    pthread_join(reader, NULL);
    CHECK(stats_reads >= 16);
    for (int i = 0; i < box.count; i++) sm_free(box.items[i]);
    box.count = 0;
    sm_get_stats(&after);
    CHECK(after.live_blocks == before.live_blocks);
    CHECK(sm_error_count(SM_ERR_DOUBLE_FREE) == 0 && sm_error_count(SM_ERR_INVALID_FREE) == 0);
    heap_ok("threads with cross-thread frees");
}

static void test_trim_returns_everything(void) {
    sm_thread_flush();
    uint64_t released = sm_trim();
    sm_stats st;
    sm_get_stats(&st);
    CHECK(released > 0);
    CHECK(st.live_blocks == 0);
    CHECK(st.mapped_bytes == 0); /* every segment was empty and went back to the OS */
    CHECK(st.peak_mapped_bytes > 0);
    heap_ok("trim");
    void *p = sm_malloc(100); /* and the allocator still works */
    CHECK(p != NULL);
    sm_free(p);
}

/* Writes past the end of a block on purpose, without address instrumentation: in the ASan build the
 * allocator's poisoning would stop the overflow at its first byte (alloc_poison_demo shows that); this test
 * checks the allocator's own detection, the header tags. volatile: no call to an instrumented memset. */
__attribute__((no_sanitize_address, noinline)) static void overflow_on_purpose(unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++) ((volatile unsigned char *)p)[i] = 0x41;
}

static void test_corruption_is_detected(void) {
    sm_set_error_handler(capture, NULL);
    unsigned char *a = sm_malloc(2000), *b = sm_malloc(2000);
    heap_ok("before the overflow");
    overflow_on_purpose(a, sm_usable_size(a) + 24); /* a buffer overflow runs into b's header */
    sm_check_report r;
    CHECK(sm_heap_check(&r) == SM_ERR_CORRUPTION);
    CHECK(strstr(r.message, "tag") != NULL || strstr(r.message, "overwritten") != NULL);
    CHECK(sm_free_checked(b) == SM_ERR_CORRUPTION);
    CHECK(last_error == SM_ERR_CORRUPTION);
    sm_set_error_handler(NULL, NULL);
    printf("overflow detected: %s\n", r.message);
    /* The heap is now broken on purpose: this test runs last and the process ends. */
}

typedef struct named_test { const char *name; void (*run)(void); } named_test;

int main(int argc, char **argv) {
    static const named_test tests[] = {
        {"sizes", test_sizes_and_alignment}, {"workload", test_random_workload}, {"calloc", test_calloc},
        {"realloc", test_realloc}, {"coalescing", test_coalescing}, {"spare", test_spare_medium_segment},
        {"double", test_double_and_invalid_free}, {"threads", test_threads}, {"trim", test_trim_returns_everything},
        {"corruption", test_corruption_is_detected}, /* last: it leaves the heap broken */
    };
    const char *only = argc > 1 ? argv[1] : NULL;
    int ran = 0;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (only && !strstr(tests[i].name, only)) continue;
        tests[i].run();
        ran++;
    }
    CHECKF(ran > 0, "no test is named like '%s'", only ? only : "");
    return check_summary("allocator");
}
