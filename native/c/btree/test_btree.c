/* ctest tests of the B-tree: each test checks one property against a plain sorted-array model and
 * runs the invariant checker along the way. Small page sizes make deep trees with many splits,
 * borrows and merges; the 4 KiB case checks the production geometry. */
#define _POSIX_C_SOURCE 200809L
#include "btree.h"
#include "sm_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* xorshift64*: deterministic across platforms */
static uint64_t rng_state;
static uint64_t rnd(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

/* The model: a sorted array of (key, value). */
typedef struct model { uint64_t *k, *v; size_t n, cap; } model;
static size_t model_find(const model *m, uint64_t key) {
    size_t lo = 0, hi = m->n;
    while (lo < hi) { size_t mid = (lo + hi) / 2; if (m->k[mid] < key) lo = mid + 1; else hi = mid; }
    return lo;
}
static void model_put(model *m, uint64_t key, uint64_t val) {
    size_t i = model_find(m, key);
    if (i < m->n && m->k[i] == key) { m->v[i] = val; return; }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 1024;
        m->k = realloc(m->k, m->cap * 8);
        m->v = realloc(m->v, m->cap * 8);
    }
    memmove(m->k + i + 1, m->k + i, (m->n - i) * 8);
    memmove(m->v + i + 1, m->v + i, (m->n - i) * 8);
    m->k[i] = key; m->v[i] = val; m->n++;
}
static int model_del(model *m, uint64_t key) {
    size_t i = model_find(m, key);
    if (i == m->n || m->k[i] != key) return 0;
    memmove(m->k + i, m->k + i + 1, (m->n - i - 1) * 8);
    memmove(m->v + i, m->v + i + 1, (m->n - i - 1) * 8);
    m->n--;
    return 1;
}
static void model_free(model *m) { free(m->k); free(m->v); }

static char path_buf[256];
static const char *temp_path(const char *name) {
    snprintf(path_buf, sizeof path_buf, "/tmp/sm_btree_%d_%s.db", (int)getpid(), name);
    unlink(path_buf);
    return path_buf;
}

static btree *open_tree(const char *path, uint32_t page_size, uint32_t cache) {
    char err[256] = {0};
    btree *t = btree_open(path, page_size, cache, err, sizeof err);
    if (!t) fprintf(stderr, "open failed: %s\n", err);
    return t;
}

/* Compares a full cursor scan with the model. */
static int scan_matches(btree *t, const model *m) {
    btree_cursor *c = btree_cursor_open(t);
    uint64_t ks[97], vs[97];
    size_t seen = 0;
    btree_cursor_seek(c, 0);
    for (;;) {
        int got = btree_cursor_next_batch(c, 0, 1, ks, vs, 97);
        if (got <= 0) break;
        for (int i = 0; i < got; i++, seen++)
            if (seen >= m->n || m->k[seen] != ks[i] || m->v[seen] != vs[i]) { btree_cursor_close(c); return 0; }
    }
    btree_cursor_close(c);
    return seen == m->n;
}

static void test_geometry_follows_page_size(void) {
    btree *t = open_tree(temp_path("geometry"), 4096, 64);
    REQUIREF(t, "open");
    btree_stats s;
    btree_get_stats(t, &s);
    REQUIREF(s.leaf_capacity == 255 && s.inner_capacity == 254, "4 KiB: leaf %u inner %u", s.leaf_capacity, s.inner_capacity);
    REQUIREF(s.height == 1 && s.count == 0 && s.page_count == 2, "fresh tree: height %u count %llu pages %llu", s.height, (unsigned long long)s.count, (unsigned long long)s.page_count);
    btree_close(t);
    char err[128];
    REQUIREF(btree_open(temp_path("badsize"), 1000, 64, err, sizeof err) == NULL, "page size 1000 accepted");
    REQUIREF(strstr(err, "power of two") != NULL, "message: %s", err);
    unlink(temp_path("badsize"));
    unlink(temp_path("geometry"));
}

static void random_ops(const char *name, uint32_t page_size, uint32_t cache, int ops, uint64_t key_space, int check_every) {
    const char *path = temp_path(name);
    btree *t = open_tree(path, page_size, cache);
    REQUIREF(t, "open");
    model m = {0};
    char err[256];
    for (int op = 0; op < ops; op++) {
        uint64_t r = rnd(), key = rnd() % key_space;
        if (r % 10 < 6) {
            int replaced = -1;
            REQUIREF(btree_insert(t, key, r, &replaced) == BT_OK, "insert: %s", btree_last_error(t));
            size_t i = model_find(&m, key);
            int existed = i < m.n && m.k[i] == key;
            REQUIREF(replaced == existed, "op %d: replaced=%d but model says %d", op, replaced, existed);
            model_put(&m, key, r);
        } else if (r % 10 < 9) {
            int rc = btree_delete(t, key);
            int existed = model_del(&m, key);
            REQUIREF(rc == (existed ? BT_OK : BT_NOT_FOUND), "op %d: delete %llu rc %d, model %d", op, (unsigned long long)key, rc, existed);
        } else {
            uint64_t v = 0;
            int rc = btree_search(t, key, &v);
            size_t i = model_find(&m, key);
            int existed = i < m.n && m.k[i] == key;
            REQUIREF(rc == (existed ? BT_OK : BT_NOT_FOUND) && (!existed || v == m.v[i]), "op %d: search %llu", op, (unsigned long long)key);
        }
        if (check_every && op % check_every == 0) REQUIREF(btree_check(t, err, sizeof err) == BT_OK, "op %d: %s", op, err);
    }
    REQUIREF(btree_check(t, err, sizeof err) == BT_OK, "final: %s", err);
    btree_stats s;
    btree_get_stats(t, &s);
    REQUIREF(s.count == m.n, "count %llu, model %zu", (unsigned long long)s.count, m.n);
    REQUIREF(scan_matches(t, &m), "scan differs from model");
    printf("%s: %d ops, page %u, %zu entries, height %u, %llu pages (%llu free), cache misses %llu\n", name, ops, page_size, m.n, s.height,
           (unsigned long long)s.page_count, (unsigned long long)s.free_pages, (unsigned long long)s.cache_misses);
    btree_close(t);
    model_free(&m);
    unlink(path);
}

/* Divides the operation counts (the valgrind run uses --quick: same code paths, fewer operations). */
static int scale_down = 1;

static void test_random_ops_small_pages(void) { random_ops("small", 128, 64, 60000 / scale_down, 5000, 97); }
static void test_random_ops_minimal_cache(void) { random_ops("tiny-cache", 128, 16, 40000 / scale_down, 3000, 53); }
static void test_random_ops_4k_pages(void) { random_ops("4k", 4096, 64, 300000 / scale_down, 100000, 50000 / scale_down); }

static void test_delete_everything_shrinks_to_a_leaf(void) {
    const char *path = temp_path("shrink");
    btree *t = open_tree(path, 128, 16);
    REQUIREF(t, "open");
    const uint64_t N = 20000 / (uint64_t)scale_down;
    uint64_t *order = malloc(N * 8);
    for (uint64_t i = 0; i < N; i++) { order[i] = i; REQUIREF(btree_insert(t, i, i * 3, NULL) == BT_OK, "insert"); }
    btree_stats s;
    btree_get_stats(t, &s);
    uint32_t grown = s.height;
    for (uint64_t i = N - 1; i > 0; i--) { uint64_t j = rnd() % (i + 1); uint64_t x = order[i]; order[i] = order[j]; order[j] = x; }
    char err[256];
    for (uint64_t i = 0; i < N; i++) {
        REQUIREF(btree_delete(t, order[i]) == BT_OK, "delete %llu", (unsigned long long)order[i]);
        if (i % 1000 == 0) REQUIREF(btree_check(t, err, sizeof err) == BT_OK, "after %llu deletes: %s", (unsigned long long)i, err);
    }
    btree_get_stats(t, &s);
    REQUIREF(s.count == 0 && s.height == 1, "count %llu height %u", (unsigned long long)s.count, s.height);
    REQUIREF(s.free_pages + 2 == s.page_count, "every page but the header and the root leaf is free: %llu of %llu", (unsigned long long)s.free_pages, (unsigned long long)s.page_count);
    REQUIREF(btree_check(t, err, sizeof err) == BT_OK, "%s", err);
    /* Freed pages are reused before the file grows. */
    uint64_t pages = s.page_count;
    for (uint64_t i = 0; i < N; i++) REQUIREF(btree_insert(t, i, i, NULL) == BT_OK, "reinsert");
    btree_get_stats(t, &s);
    REQUIREF(s.page_count == pages, "file grew from %llu to %llu pages although free pages were available", (unsigned long long)pages, (unsigned long long)s.page_count);
    printf("shrink: height %u -> 1 -> %u, %llu pages reused\n", grown, s.height, (unsigned long long)pages);
    free(order);
    btree_close(t);
    unlink(path);
}

static void test_persists_through_reopen(void) {
    const char *path = temp_path("persist");
    btree *t = open_tree(path, 4096, 16); /* a cache far smaller than the tree: evictions write pages */
    REQUIREF(t, "open");
    model m = {0};
    for (int i = 0; i < 50000 / scale_down; i++) {
        uint64_t k = rnd() % 1000000, v = rnd();
        REQUIREF(btree_insert(t, k, v, NULL) == BT_OK, "insert");
        model_put(&m, k, v);
    }
    for (int i = 0; i < 10000; i++) { uint64_t k = rnd() % 1000000; if (btree_delete(t, k) == BT_OK) model_del(&m, k); }
    btree_stats s;
    btree_get_stats(t, &s);
    REQUIREF(s.pages_written > 0, "a 16-page cache must have evicted dirty pages");
    REQUIREF(btree_close(t) == BT_OK, "close");
    t = open_tree(path, 512 /* ignored: the file keeps its page size */, 32);
    REQUIREF(t, "reopen");
    btree_get_stats(t, &s);
    REQUIREF(s.page_size == 4096 && s.count == m.n, "reopened page size %u count %llu (model %zu)", s.page_size, (unsigned long long)s.count, m.n);
    char err[256];
    REQUIREF(btree_check(t, err, sizeof err) == BT_OK, "%s", err);
    REQUIREF(scan_matches(t, &m), "scan after reopen differs");
    btree_close(t);
    model_free(&m);
    unlink(path);
}

static void test_range_cursor_bounds_and_concurrent_change(void) {
    const char *path = temp_path("cursor");
    btree *t = open_tree(path, 256, 32);
    REQUIREF(t, "open");
    for (uint64_t i = 0; i < 10000; i++) btree_insert(t, i * 10, i, NULL);
    btree_cursor *c = btree_cursor_open(t);
    uint64_t ks[64], vs[64];
    REQUIREF(btree_cursor_seek(c, 995) == BT_OK, "seek");
    int got = btree_cursor_next_batch(c, 1300, 0, ks, vs, 64);
    REQUIREF(got == 30 && ks[0] == 1000 && ks[29] == 1290, "range [995,1300): got %d first %llu", got, (unsigned long long)ks[0]);
    REQUIREF(btree_cursor_next_batch(c, 1300, 0, ks, vs, 64) == 0, "range must end at the bound");
    /* Modify the tree between batches: the cursor continues after the last key it returned. */
    REQUIREF(btree_cursor_seek(c, 0) == BT_OK, "seek");
    got = btree_cursor_next_batch(c, 0, 1, ks, vs, 5); /* 0..40 */
    REQUIREF(got == 5 && ks[4] == 40, "first batch");
    for (uint64_t k = 0; k <= 2000; k += 10) btree_delete(t, k); /* splits and merges move entries between pages */
    btree_insert(t, 45, 1, NULL);
    got = btree_cursor_next_batch(c, 0, 1, ks, vs, 3);
    REQUIREF(got == 3 && ks[0] == 45 && ks[1] == 2010 && ks[2] == 2020, "after change: %llu %llu %llu", (unsigned long long)ks[0], (unsigned long long)ks[1], (unsigned long long)ks[2]);
    btree_cursor_close(c);
    btree_close(t);
    unlink(path);
}

static void test_rejects_foreign_and_corrupt_files(void) {
    const char *path = temp_path("foreign");
    FILE *f = fopen(path, "wb");
    fputs("this is not a b-tree file, just text", f);
    fclose(f);
    char err[256] = {0};
    REQUIREF(btree_open(path, 4096, 16, err, sizeof err) == NULL, "foreign file accepted");
    REQUIREF(strstr(err, "bad magic") && strstr(err, "offset 0"), "message: %s", err);
    unlink(path);
    /* Corrupt a node page's type: the cache reports the page and its offset. */
    btree *t = open_tree(path, 128, 16);
    REQUIREF(t, "open");
    for (uint64_t i = 0; i < 1000; i++) btree_insert(t, i, i, NULL);
    btree_stats s;
    btree_get_stats(t, &s);
    btree_close(t);
    f = fopen(path, "r+b");
    fseek(f, 128 * 3, SEEK_SET);
    fputc(0x7f, f);
    fclose(f);
    t = open_tree(path, 128, 16);
    REQUIREF(t, "reopen");
    int rc = BT_OK;
    for (uint64_t i = 0; i < 1000 && rc >= 0; i++) rc = btree_search(t, i, NULL);
    REQUIREF(rc == BT_ERR_CORRUPT && strstr(btree_last_error(t), "offset 384"), "rc %d: %s", rc, btree_last_error(t));
    btree_close(t);
    unlink(path);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--quick") == 0) scale_down = 10;
    rng_state = 0x9E3779B97F4A7C15ull;
    test_geometry_follows_page_size();
    test_random_ops_small_pages();
    test_random_ops_minimal_cache();
    test_random_ops_4k_pages();
    test_delete_everything_shrinks_to_a_leaf();
    test_persists_through_reopen();
    test_range_cursor_bounds_and_concurrent_change();
    test_rejects_foreign_and_corrupt_files();
    return check_summary("btree");
}
