/* The simulator against traces small enough to work out by hand (the expected numbers are derived
 * in the comments), plus trace-file parsing and configuration errors. */
#define _POSIX_C_SOURCE 200809L
#include "cachesim.h"
#include "sm_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHECK_EQ(got, want)                                                                            \
    do {                                                                                               \
        unsigned long long g_ = (unsigned long long)(got), w_ = (unsigned long long)(want);            \
        CHECKF(g_ == w_, "%s is %llu, expected %llu", #got, g_, w_);                                   \
    } while (0)

static sm_cache_config cfg(uint64_t size, uint32_t block, uint32_t ways, int repl, int wp, int wa, double lat) {
    sm_cache_config c = {size, block, ways, repl, wp, wa, lat, 42};
    return c;
}

static sm_hierarchy *one_level(sm_cache_config c) {
    char err[256];
    sm_hierarchy *h = sm_hierarchy_create(&c, 1, 100.0, 1, err, sizeof err);
    if (h == NULL) fprintf(stderr, "create failed: %s\n", err);
    return h;
}

static void reads(sm_hierarchy *h, const uint64_t *addrs, int n) {
    for (int i = 0; i < n; i++) sm_hierarchy_access(h, addrs[i], 4, 0);
}

static void test_direct_mapped_conflicts(void) {
    /* 64 B direct-mapped, 16 B blocks: 4 sets; block b lives in set b % 4.
     * 0x00 blk0 set0  compulsory miss
     * 0x04 blk0       hit
     * 0x40 blk4 set0  compulsory miss, evicts blk0
     * 0x00 blk0 set0  miss; seen before; a 4-block fully associative cache still holds it -> conflict
     * 0x10 blk1 set1  compulsory miss
     * 0x40 blk4 set0  miss (blk0 evicted it) -> conflict */
    sm_hierarchy *h = one_level(cfg(64, 16, 1, SM_REPL_LRU, SM_WRITE_BACK, 1, 1));
    const uint64_t t[] = {0x00, 0x04, 0x40, 0x00, 0x10, 0x40};
    reads(h, t, 6);
    sm_cache_stats s;
    sm_hierarchy_level_stats(h, 0, &s);
    CHECK_EQ(s.accesses, 6);
    CHECK_EQ(s.hits, 1);
    CHECK_EQ(s.misses, 5);
    CHECK_EQ(s.compulsory, 3);
    CHECK_EQ(s.conflict, 2);
    CHECK_EQ(s.capacity, 0);
    CHECK_EQ(s.evictions, 3); /* 0x40 evicts blk0, 0x00 evicts blk4, 0x40 evicts blk0 */
    sm_hierarchy_destroy(h);

    /* The same trace, 2-way (2 sets of 2): blocks 0 and 4 share set 0 without evicting each other. */
    h = one_level(cfg(64, 16, 2, SM_REPL_LRU, SM_WRITE_BACK, 1, 1));
    reads(h, t, 6);
    sm_hierarchy_level_stats(h, 0, &s);
    CHECK_EQ(s.hits, 3);
    CHECK_EQ(s.misses, 3);
    CHECK_EQ(s.compulsory, 3);
    CHECK_EQ(s.conflict, 0);
    sm_hierarchy_destroy(h);
}

static void test_capacity_miss(void) {
    /* Fully associative, 2 blocks of 16 B: 0, 1, 2 (evicts 0), 0 again -> misses in any 2-block cache: capacity. */
    sm_hierarchy *h = one_level(cfg(32, 16, 0, SM_REPL_LRU, SM_WRITE_BACK, 1, 1));
    const uint64_t t[] = {0x00, 0x10, 0x20, 0x00};
    reads(h, t, 4);
    sm_cache_stats s;
    sm_hierarchy_level_stats(h, 0, &s);
    CHECK_EQ(s.misses, 4);
    CHECK_EQ(s.compulsory, 3);
    CHECK_EQ(s.capacity, 1);
    CHECK_EQ(s.conflict, 0);
    sm_hierarchy_destroy(h);
}

static void test_lru_versus_fifo(void) {
    /* 2-block fully associative; blocks 0, 1, 0, 2, 0.
     * LRU: m m h m(evicts 1, the least recently used) h -> 3 misses.
     * FIFO: m m h m(evicts 0, the first in) m -> 4 misses. */
    const uint64_t t[] = {0x00, 0x10, 0x00, 0x20, 0x00};
    sm_cache_stats s;
    sm_hierarchy *h = one_level(cfg(32, 16, 0, SM_REPL_LRU, SM_WRITE_BACK, 1, 1));
    reads(h, t, 5);
    sm_hierarchy_level_stats(h, 0, &s);
    CHECK_EQ(s.misses, 3);
    sm_hierarchy_destroy(h);
    h = one_level(cfg(32, 16, 0, SM_REPL_FIFO, SM_WRITE_BACK, 1, 1));
    reads(h, t, 5);
    sm_hierarchy_level_stats(h, 0, &s);
    CHECK_EQ(s.misses, 4);
    /* FIFO's extra miss is not the mapping's fault nor the size's: a fully associative LRU cache
     * of 2 blocks would have hit, so it counts as a conflict (replacement) miss. */
    CHECK_EQ(s.conflict, 1);
    sm_hierarchy_destroy(h);
}

static void test_random_replacement_is_reproducible(void) {
    uint64_t misses[2];
    for (int run = 0; run < 2; run++) {
        sm_hierarchy *h = one_level(cfg(1024, 64, 4, SM_REPL_RANDOM, SM_WRITE_BACK, 1, 1));
        sm_pattern p = {SM_PATTERN_RANDOM, 0, 8, 0, 0, 8192, 0, 5000, 7};
        sm_run_pattern(h, &p);
        sm_cache_stats s;
        sm_hierarchy_level_stats(h, 0, &s);
        misses[run] = s.misses;
        CHECK(s.misses > 0 && s.misses < 5000);
        sm_hierarchy_destroy(h);
    }
    CHECK_EQ(misses[0], misses[1]);
}

static void test_write_policies(void) {
    /* One level, direct-mapped, 2 sets of 16 B. Writes to 0x00, 0x00, 0x20 (0x20 maps to set 0 too). */
    const uint64_t t[] = {0x00, 0x00, 0x20};
    sm_hierarchy_stats tot;
    sm_cache_stats s;

    /* Write-back + allocate: two fills; the dirty block 0 is written back when 0x20 evicts it. */
    sm_hierarchy *h = one_level(cfg(32, 16, 1, SM_REPL_LRU, SM_WRITE_BACK, 1, 1));
    for (int i = 0; i < 3; i++) sm_hierarchy_access(h, t[i], 4, 1);
    sm_hierarchy_totals(h, &tot);
    sm_hierarchy_level_stats(h, 0, &s);
    CHECK_EQ(tot.memory_reads, 2);
    CHECK_EQ(tot.memory_writes, 1);
    CHECK_EQ(s.writebacks, 1);
    CHECK_EQ(s.hits, 1);
    sm_hierarchy_destroy(h);

    /* Write-through + allocate: two fills, and every write goes to memory at once. */
    h = one_level(cfg(32, 16, 1, SM_REPL_LRU, SM_WRITE_THROUGH, 1, 1));
    for (int i = 0; i < 3; i++) sm_hierarchy_access(h, t[i], 4, 1);
    sm_hierarchy_totals(h, &tot);
    sm_hierarchy_level_stats(h, 0, &s);
    CHECK_EQ(tot.memory_reads, 2);
    CHECK_EQ(tot.memory_writes, 3);
    CHECK_EQ(s.writebacks, 0);
    sm_hierarchy_destroy(h);

    /* Write-through + no-allocate: nothing is ever installed, so all three writes miss. */
    h = one_level(cfg(32, 16, 1, SM_REPL_LRU, SM_WRITE_THROUGH, 0, 1));
    for (int i = 0; i < 3; i++) sm_hierarchy_access(h, t[i], 4, 1);
    sm_hierarchy_totals(h, &tot);
    sm_hierarchy_level_stats(h, 0, &s);
    CHECK_EQ(s.misses, 3);
    CHECK_EQ(tot.memory_reads, 0);
    CHECK_EQ(tot.memory_writes, 3);
    sm_hierarchy_destroy(h);

    /* No-allocate, then a read installs the block and a later write hits it (write-back: dirty). */
    h = one_level(cfg(32, 16, 1, SM_REPL_LRU, SM_WRITE_BACK, 0, 1));
    sm_hierarchy_access(h, 0x00, 4, 1); /* miss, forwarded */
    sm_hierarchy_access(h, 0x00, 4, 0); /* miss, fill */
    sm_hierarchy_access(h, 0x00, 4, 1); /* hit, dirty */
    sm_hierarchy_access(h, 0x20, 4, 0); /* miss, evicts dirty block 0 -> writeback */
    sm_hierarchy_totals(h, &tot);
    sm_hierarchy_level_stats(h, 0, &s);
    CHECK_EQ(s.hits, 1);
    CHECK_EQ(tot.memory_writes, 2);
    CHECK_EQ(tot.memory_reads, 2);
    sm_hierarchy_destroy(h);
}

static void test_two_levels_and_amat(void) {
    /* L1: 64 B direct-mapped, 16 B blocks, 1 cycle. L2: 256 B fully associative, 10 cycles. Memory 100.
     * 0x00: L1 miss, L2 miss, memory -> 1 + 10 + 100 = 111
     * 0x00: L1 hit                   -> 1
     * 0x40: L1 miss (set 0), L2 miss -> 111
     * 0x00: L1 miss (conflict), L2 hit -> 11
     * AMAT = 234 / 4 = 58.5 = 1 + (3/4) * (10 + (2/3) * 100). */
    sm_cache_config levels[2] = {cfg(64, 16, 1, SM_REPL_LRU, SM_WRITE_BACK, 1, 1),
                                 cfg(256, 16, 0, SM_REPL_LRU, SM_WRITE_BACK, 1, 10)};
    char err[256];
    sm_hierarchy *h = sm_hierarchy_create(levels, 2, 100.0, 1, err, sizeof err);
    CHECK(h != NULL);
    const uint64_t t[] = {0x00, 0x00, 0x40, 0x00};
    int served[4];
    for (int i = 0; i < 4; i++) served[i] = sm_hierarchy_access(h, t[i], 4, 0);
    CHECK(served[0] == 2 && served[1] == 0 && served[2] == 2 && served[3] == 1);
    sm_hierarchy_stats tot;
    sm_hierarchy_totals(h, &tot);
    sm_cache_stats l1, l2;
    sm_hierarchy_level_stats(h, 0, &l1);
    sm_hierarchy_level_stats(h, 1, &l2);
    CHECK_EQ(l1.misses, 3);
    CHECK_EQ(l2.accesses, 3);
    CHECK_EQ(l2.misses, 2);
    CHECK(tot.amat > 58.4999 && tot.amat < 58.5001);
    CHECK_EQ(tot.served_by[0], 1);
    CHECK_EQ(tot.served_by[1], 1);
    CHECK_EQ(tot.served_by[2], 2);

    /* Statistics reset keeps the contents: 0x00 and 0x40 are both in L2 now. */
    sm_hierarchy_reset_stats(h);
    sm_hierarchy_access(h, 0x40, 4, 0);
    sm_hierarchy_totals(h, &tot);
    CHECK_EQ(tot.served_by[1], 1);
    sm_hierarchy_destroy(h);
}

static void test_traversal_order(void) {
    /* 64 x 64 doubles = 32 KiB; L1 4 KiB direct-mapped, 64 B blocks (64 sets).
     * Row-major: one miss per block = 32768 / 64 = 512 misses, all compulsory.
     * Column-major: rows are 512 B apart, so a column touches 64 blocks that fall in only
     * 8 sets; by the time the walk returns to a block it is gone: every one of 4096 reads misses. */
    sm_pattern row = {SM_PATTERN_ROW_MAJOR, 64, 8, 0, 0, 0, 0, 0, 0};
    sm_pattern col = row;
    col.kind = SM_PATTERN_COLUMN_MAJOR;
    sm_cache_stats s;
    sm_hierarchy *h = one_level(cfg(4096, 64, 1, SM_REPL_LRU, SM_WRITE_BACK, 1, 1));
    CHECK_EQ(sm_run_pattern(h, &row), 4096);
    sm_hierarchy_level_stats(h, 0, &s);
    CHECK_EQ(s.misses, 512);
    CHECK_EQ(s.compulsory, 512);
    sm_hierarchy_destroy(h);
    h = one_level(cfg(4096, 64, 1, SM_REPL_LRU, SM_WRITE_BACK, 1, 1));
    sm_run_pattern(h, &col);
    sm_hierarchy_level_stats(h, 0, &s);
    CHECK_EQ(s.misses, 4096);
    CHECK_EQ(s.compulsory, 512);
    CHECK(s.capacity + s.conflict == 4096 - 512);
    sm_hierarchy_destroy(h);
}

static void test_pattern_lengths(void) {
    sm_pattern p = {SM_PATTERN_MATMUL_NAIVE, 4, 8, 0, 0, 0, 0, 0, 0};
    CHECK_EQ(sm_run_pattern(NULL, &p), 4 * 4 * (2 * 4 + 1));
    p.kind = SM_PATTERN_MATMUL_BLOCKED;
    p.tile = 2;
    CHECK_EQ(sm_run_pattern(NULL, &p), 8 * 4 * (2 + 2 * 2)); /* 8 tile triples, 4 (i,j) each */
    p.tile = 3;
    CHECK(sm_run_pattern(NULL, &p) == -1); /* 4 is not a multiple of 3 */
    sm_pattern s = {SM_PATTERN_STRIDED, 0, 0, 0, 0, 4096, 256, 3, 0};
    CHECK_EQ(sm_run_pattern(NULL, &s), 3 * 16);
    sm_pattern bad = {99, 0, 0, 0, 0, 0, 0, 0, 0};
    CHECK(sm_run_pattern(NULL, &bad) == -1);
}

static void test_chase_is_one_cycle(void) {
    enum { N = 1000 };
    uint64_t next[N];
    CHECK(sm_chase_order(N, 5, next) == 0);
    static unsigned char seen[N];
    uint64_t cur = 0, steps = 0;
    do {
        seen[cur] = 1;
        cur = next[cur];
        steps++;
    } while (cur != 0 && steps <= N);
    CHECK_EQ(steps, N);
    int all = 1;
    for (int i = 0; i < N; i++) all &= seen[i];
    CHECK(all);
    CHECK(sm_chase_order(0, 5, next) == -1);

    /* Linked into memory, following the pointers from node 0 visits the nodes in the same order. */
    enum { STRIDE = 64 };
    static unsigned char buf[N * STRIDE];
    CHECK(sm_chase_link(buf, STRIDE, next, N) == 0);
    void **p = (void **)buf;
    uint64_t expected = 0;
    int in_order = 1;
    for (int i = 0; i < N; i++) {
        expected = next[expected];
        p = *p;
        in_order &= (unsigned char *)p == buf + expected * STRIDE;
    }
    CHECK(in_order && (unsigned char *)p == buf); /* one lap ends where it began */
    CHECK(sm_chase_link(buf, 4, next, N) == -1);  /* a stride that cannot hold a pointer */
}

static void test_trace_files(void) {
    char path[] = "/tmp/cachesim-trace-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    const char *text = "# valgrind lackey style and plain style\n"
                       "I  0400d7d4,8\n"
                       " L 0000000000000000,8\n"
                       " S 0x40,8\n"
                       " M 0,4\n"
                       "R 0x1000\n"
                       "W 1000 8\n";
    CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
    sm_hierarchy *h = one_level(cfg(64, 16, 1, SM_REPL_LRU, SM_WRITE_BACK, 1, 1));
    char err[256];
    int64_t n = sm_run_trace_file(h, path, err, sizeof err);
    CHECK_EQ(n, 6); /* L, S, M (read + write), R, W; the I line is skipped */
    sm_cache_stats s;
    sm_hierarchy_level_stats(h, 0, &s);
    CHECK_EQ(s.reads, 3);
    CHECK_EQ(s.writes, 3);
    sm_hierarchy_destroy(h);

    FILE *f = fopen(path, "w");
    fputs("R 0x10\nW 0x20 8\nX 0x30\n", f);
    fclose(f);
    n = sm_run_trace_file(NULL, path, err, sizeof err);
    CHECK(n == -1);
    CHECK(strstr(err, ":3:") != NULL && strstr(err, "unknown operation 'X'") != NULL);
    f = fopen(path, "w");
    fputs("R zz\n", f);
    fclose(f);
    CHECK(sm_run_trace_file(NULL, path, err, sizeof err) == -1);
    CHECK(strstr(err, ":1:") != NULL && strstr(err, "hexadecimal address") != NULL);
    unlink(path);
    CHECK(sm_run_trace_file(NULL, "/nonexistent/trace", err, sizeof err) == -1);
    CHECK(strstr(err, "cannot open") != NULL);
}

static void test_bad_configurations(void) {
    char err[256];
    sm_cache_config c = cfg(1024, 48, 1, SM_REPL_LRU, SM_WRITE_BACK, 1, 1);
    CHECK(sm_hierarchy_create(&c, 1, 100, 0, err, sizeof err) == NULL);
    CHECK(strstr(err, "power of two") != NULL);
    c = cfg(1000, 64, 1, SM_REPL_LRU, SM_WRITE_BACK, 1, 1);
    CHECK(sm_hierarchy_create(&c, 1, 100, 0, err, sizeof err) == NULL);
    CHECK(strstr(err, "multiple of the block size") != NULL);
    c = cfg(1024, 64, 3, SM_REPL_LRU, SM_WRITE_BACK, 1, 1);
    CHECK(sm_hierarchy_create(&c, 1, 100, 0, err, sizeof err) == NULL);
    CHECK(strstr(err, "sets of 3 ways") != NULL);
    sm_cache_config two[2] = {cfg(1024, 64, 2, SM_REPL_LRU, SM_WRITE_BACK, 1, 1), cfg(4096, 64, 2, 7, SM_WRITE_BACK, 1, 1)};
    CHECK(sm_hierarchy_create(two, 2, 100, 1, err, sizeof err) == NULL);
    CHECK(strncmp(err, "L2:", 3) == 0);
    CHECK(sm_hierarchy_create(two, 0, 100, 1, err, sizeof err) == NULL);
}

typedef struct named_test { const char *name; void (*run)(void); } named_test;

/* test_cachesim [name]: only the tests whose name contains `name` (e.g. lru, write, traversal, chase). */
int main(int argc, char **argv) {
    static const named_test tests[] = {
        {"direct", test_direct_mapped_conflicts}, {"capacity", test_capacity_miss}, {"lru", test_lru_versus_fifo},
        {"random", test_random_replacement_is_reproducible}, {"write", test_write_policies}, {"amat", test_two_levels_and_amat},
        {"traversal", test_traversal_order}, {"lengths", test_pattern_lengths}, {"chase", test_chase_is_one_cycle},
        {"trace", test_trace_files}, {"configurations", test_bad_configurations},
    };
    const char *only = argc > 1 ? argv[1] : NULL;
    int ran = 0;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (only && !strstr(tests[i].name, only)) continue;
        tests[i].run();
        ran++;
    }
    CHECKF(ran > 0, "no test is named like '%s'", only ? only : "");
    return check_summary("cachesim");
}
