/* Unit tests of the dynamic array. Run plain, under ASan/UBSan (test_dynarray_asan) and under
 * valgrind memcheck (ctest label "valgrind"): every build must report zero errors and zero leaks. */
#include "dynarray.h"
#include "sm_check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_STATUS(expr, expected)                                                          \
    do {                                                                                      \
        da_status got_ = (expr);                                                              \
        CHECKF(got_ == (expected), "%s returned %d (%s), expected %d (%s)", #expr, got_,      \
               da_strerror(got_), expected, da_strerror(expected));                           \
    } while (0)

/* An allocator that fails once its budget of successful calls is spent; it also counts live
 * blocks, so a test can prove that nothing leaked on the error paths. */
typedef struct budget_allocator {
    int successes_left;
    int live_blocks;
    size_t largest_request;
} budget_allocator;

static void *budget_realloc(void *ctx, void *ptr, size_t size) {
    budget_allocator *b = ctx;
    if (size > b->largest_request) b->largest_request = size;
    if (b->successes_left == 0) return NULL;
    b->successes_left--;
    void *p = realloc(ptr, size);
    if (p != NULL && ptr == NULL) b->live_blocks++;
    return p;
}

static void budget_free(void *ctx, void *ptr) {
    budget_allocator *b = ctx;
    if (ptr != NULL) b->live_blocks--;
    free(ptr);
}

static void test_push_get_many(void) {
    dynarray a;
    CHECK_STATUS(da_init(&a, sizeof(int), NULL), DA_OK);
    for (int i = 0; i < 10000; i++) CHECK_STATUS(da_push(&a, &i), DA_OK);
    CHECK(da_len(&a) == 10000);
    CHECK(da_capacity(&a) >= 10000);
    int bad = 0;
    for (int i = 0; i < 10000; i++) {
        int v = -1;
        da_get(&a, (size_t)i, &v);
        if (v != i) bad++;
    }
    CHECK(bad == 0);
    int v = 0;
    CHECK_STATUS(da_get(&a, 10000, &v), DA_ERR_BOUNDS);
    CHECK_STATUS(da_get(&a, SIZE_MAX, &v), DA_ERR_BOUNDS);
    CHECK(da_at(&a, 10000) == NULL);
    CHECK(*(int *)da_at(&a, 9999) == 9999);
    da_destroy(&a);
    CHECK(a.data == NULL && a.len == 0 && a.cap == 0);
}

static void test_pop(void) {
    dynarray a;
    CHECK_STATUS(da_init(&a, sizeof(long), NULL), DA_OK);
    long out = 0;
    CHECK_STATUS(da_pop(&a, &out), DA_ERR_EMPTY);
    for (long i = 0; i < 5; i++) da_push(&a, &i);
    for (long i = 4; i >= 0; i--) {
        CHECK_STATUS(da_pop(&a, &out), DA_OK);
        CHECK(out == i);
    }
    CHECK_STATUS(da_pop(&a, NULL), DA_ERR_EMPTY);
    da_destroy(&a);
}

static void test_insert_remove(void) {
    dynarray a;
    CHECK_STATUS(da_init(&a, sizeof(int), NULL), DA_OK);
    int x = 1;
    CHECK_STATUS(da_insert(&a, 1, &x), DA_ERR_BOUNDS); /* > len */
    CHECK_STATUS(da_insert(&a, 0, &x), DA_OK);         /* [1] */
    x = 3;
    CHECK_STATUS(da_insert(&a, 1, &x), DA_OK);         /* [1 3] at the end */
    x = 2;
    CHECK_STATUS(da_insert(&a, 1, &x), DA_OK);         /* [1 2 3] in the middle */
    x = 0;
    CHECK_STATUS(da_insert(&a, 0, &x), DA_OK);         /* [0 1 2 3] at the front */
    for (int i = 0; i < 4; i++) CHECK(*(int *)da_at(&a, (size_t)i) == i);
    int out = -1;
    CHECK_STATUS(da_remove(&a, 4, &out), DA_ERR_BOUNDS);
    CHECK_STATUS(da_remove(&a, 1, &out), DA_OK);       /* [0 2 3] */
    CHECK(out == 1);
    CHECK_STATUS(da_remove(&a, 2, &out), DA_OK);       /* [0 2] the last */
    CHECK(out == 3);
    CHECK_STATUS(da_remove(&a, 0, NULL), DA_OK);       /* [2] the first */
    CHECK(da_len(&a) == 1 && *(int *)da_at(&a, 0) == 2);
    /* Many inserts at the front exercise the overlapping memmove and growth together. */
    for (int i = 0; i < 1000; i++) da_insert(&a, 0, &i);
    CHECK(da_len(&a) == 1001);
    CHECK(*(int *)da_at(&a, 0) == 999 && *(int *)da_at(&a, 999) == 0 && *(int *)da_at(&a, 1000) == 2);
    da_destroy(&a);
}

static void test_set(void) {
    dynarray a;
    CHECK_STATUS(da_init(&a, sizeof(double), NULL), DA_OK);
    double d = 1.5;
    CHECK_STATUS(da_set(&a, 0, &d), DA_ERR_BOUNDS);
    da_push(&a, &d);
    d = 2.5;
    CHECK_STATUS(da_set(&a, 0, &d), DA_OK);
    double got = 0;
    da_get(&a, 0, &got);
    CHECK(got == 2.5);
    da_destroy(&a);
}

static void test_reserve_and_shrink(void) {
    dynarray a;
    CHECK_STATUS(da_init(&a, sizeof(int), NULL), DA_OK);
    CHECK_STATUS(da_reserve(&a, 1000), DA_OK);
    CHECK(da_capacity(&a) == 1000);
    uint64_t grows = a.counters.grows;
    for (int i = 0; i < 1000; i++) da_push(&a, &i);
    CHECK(a.counters.grows == grows); /* reserved: no growth while filling */
    CHECK_STATUS(da_reserve(&a, 10), DA_OK);  /* never shrinks */
    CHECK(da_capacity(&a) == 1000);
    for (int i = 0; i < 900; i++) da_pop(&a, NULL);
    CHECK_STATUS(da_shrink_to_fit(&a), DA_OK);
    CHECK(da_capacity(&a) == 100 && da_len(&a) == 100);
    CHECK(*(int *)da_at(&a, 99) == 99);
    da_clear(&a);
    CHECK_STATUS(da_shrink_to_fit(&a), DA_OK); /* empty: the block is released */
    CHECK(a.data == NULL && da_capacity(&a) == 0);
    int x = 7;
    CHECK_STATUS(da_push(&a, &x), DA_OK);      /* and the array is still usable */
    CHECK(*(int *)da_at(&a, 0) == 7);
    da_destroy(&a);

    CHECK_STATUS(da_init(&a, sizeof(uint64_t), NULL), DA_OK);
    CHECK_STATUS(da_reserve(&a, SIZE_MAX), DA_ERR_OVERFLOW);
    CHECK(a.data == NULL);
    da_destroy(&a);
}

static void test_iteration(void) {
    dynarray a;
    CHECK_STATUS(da_init(&a, sizeof(int), NULL), DA_OK);
    da_iter it = da_begin(&a);
    void *p = NULL;
    CHECK(!da_next(&it, &p)); /* empty */
    for (int i = 0; i < 50; i++) da_push(&a, &i);
    int expected = 0, visited = 0;
    for (it = da_begin(&a); da_next(&it, &p); visited++) {
        if (*(int *)p != expected++) break;
    }
    CHECK(visited == 50);
    da_destroy(&a);
}

typedef struct point3 {
    double x, y, z;
} point3;

static void test_struct_elements(void) {
    dynarray a;
    da_options opts = {2, 1.5, 0, NULL};
    CHECK_STATUS(da_init(&a, sizeof(point3), &opts), DA_OK);
    for (int i = 0; i < 100; i++) {
        point3 pt = {i, i * 2.0, i * 3.0};
        da_push(&a, &pt);
    }
    point3 pt;
    CHECK_STATUS(da_get(&a, 42, &pt), DA_OK);
    CHECK(pt.x == 42 && pt.y == 84 && pt.z == 126);
    da_destroy(&a);
}

static void test_growth_counts(void) {
    /* Doubling from 4: capacities 4, 8, ..., 1024 for 1000 pushes: 9 grows, 4+8+...+512 = 1020 copies. */
    dynarray a;
    CHECK_STATUS(da_init(&a, sizeof(int), NULL), DA_OK);
    for (int i = 0; i < 1000; i++) da_push(&a, &i);
    CHECK(a.cap == 1024);
    CHECK(a.counters.grows == 9);
    CHECK(a.counters.elements_copied == 1020);
    CHECK(a.counters.elements_moved <= a.counters.elements_copied);
    da_destroy(&a);

    /* Additive growth by 10: 10 grows for 100 pushes, 0+10+...+90 = 450 copies (quadratic in n). */
    da_options add = {0, 2.0, 10, NULL};
    CHECK_STATUS(da_init(&a, sizeof(int), &add), DA_OK);
    for (int i = 0; i < 100; i++) da_push(&a, &i);
    CHECK(a.cap == 100 && a.counters.grows == 10 && a.counters.elements_copied == 450);
    da_destroy(&a);

    /* A factor just above 1 must still make progress. */
    da_options slow = {0, 1.01, 0, NULL};
    CHECK_STATUS(da_init(&a, sizeof(int), &slow), DA_OK);
    for (int i = 0; i < 300; i++) CHECK_STATUS(da_push(&a, &i), DA_OK);
    CHECK(da_len(&a) == 300);
    da_destroy(&a);

    /* The native measurement: copies per push stay below f/(f-1) for geometric growth, at every size. */
    da_growth_point pts[64], worst;
    int n = da_measure_growth(2.0, 0, 100000, pts, 64, &worst);
    CHECK(n > 10);
    if (n > 0) {
        da_growth_point last = pts[n - 1];
        CHECK(last.pushes == 100000);
        CHECK((double)last.elements_copied / (double)last.pushes <= 2.0);
    }
    /* The worst size is right after the last grow below 100000 (to 131072, at push 65537: 131068 copies so far,
     * 4 + 8 + ... + 65536), just under the bound 2; at the powers of two the ratio is only about 1. */
    CHECK(worst.pushes == 65537 && worst.capacity == 131072 && worst.elements_copied == 131068);
    CHECK((double)worst.elements_copied / (double)worst.pushes <= 2.0);
    CHECK(da_measure_growth(1.0, 0, 10, pts, 64, &worst) == -DA_ERR_ARG);
}

static void test_bad_arguments(void) {
    dynarray a;
    CHECK_STATUS(da_init(NULL, 4, NULL), DA_ERR_ARG);
    CHECK_STATUS(da_init(&a, 0, NULL), DA_ERR_ARG);
    da_options one = {0, 1.0, 0, NULL};
    CHECK_STATUS(da_init(&a, 4, &one), DA_ERR_ARG);
    da_options below = {0, 0.5, 0, NULL};
    CHECK_STATUS(da_init(&a, 4, &below), DA_ERR_ARG);
    int x = 1;
    CHECK_STATUS(da_push(NULL, &x), DA_ERR_ARG);
    CHECK_STATUS(da_init(&a, sizeof(int), NULL), DA_OK);
    CHECK_STATUS(da_push(&a, NULL), DA_ERR_ARG);
    CHECK_STATUS(da_get(&a, 0, NULL), DA_ERR_ARG);
    da_destroy(&a);
    da_destroy(NULL); /* tolerated, like free(NULL) */
    CHECK(strcmp(da_strerror(DA_ERR_BOUNDS), "index out of bounds") == 0);
}

static void test_out_of_memory(void) {
    /* The allocator grants 3 blocks (capacities 4, 8, 16), then refuses. */
    budget_allocator b = {3, 0, 0};
    da_allocator alloc = {budget_realloc, budget_free, &b};
    da_options opts = {0, 2.0, 0, &alloc};
    dynarray a;
    CHECK_STATUS(da_init(&a, sizeof(int), &opts), DA_OK);
    int pushed = 0;
    da_status s = DA_OK;
    for (int i = 0; i < 100 && s == DA_OK; i++) {
        s = da_push(&a, &i);
        if (s == DA_OK) pushed++;
    }
    CHECK(s == DA_ERR_NOMEM);
    CHECK(pushed == 16);
    CHECK(da_len(&a) == 16 && da_capacity(&a) == 16); /* unchanged by the failed growth */
    CHECK(*(int *)da_at(&a, 15) == 15);
    int x = 99;
    CHECK_STATUS(da_insert(&a, 0, &x), DA_ERR_NOMEM);
    CHECK(*(int *)da_at(&a, 0) == 0);
    CHECK_STATUS(da_reserve(&a, 1000), DA_ERR_NOMEM);
    b.successes_left = 1; /* memory is back: the array carries on */
    CHECK_STATUS(da_push(&a, &x), DA_OK);
    CHECK(da_len(&a) == 17);
    da_destroy(&a);
    CHECK(b.live_blocks == 0);

    /* Element size so large that one more element would overflow size_t: refused before any call. */
    budget_allocator big = {100, 0, 0};
    da_allocator big_alloc = {budget_realloc, budget_free, &big};
    da_options big_opts = {0, 2.0, 0, &big_alloc};
    CHECK_STATUS(da_init(&a, SIZE_MAX / 2 + 1, &big_opts), DA_OK);
    CHECK_STATUS(da_reserve(&a, 2), DA_ERR_OVERFLOW);
    CHECK(big.largest_request == 0);
    da_destroy(&a);
}

static void test_heap_handles(void) {
    int status = -1;
    dynarray *a = da_new(sizeof(int64_t), 1.5, 0, &status);
    CHECK(a != NULL && status == DA_OK);
    for (int64_t i = 0; i < 100; i++) da_push(a, &i);
    da_counters c;
    da_get_counters(a, &c);
    CHECK(c.pushes == 100 && c.grows > 0);
    da_delete(a);
    CHECK(da_new(8, 0.9, 0, &status) == NULL && status == DA_ERR_ARG);
    da_delete(NULL);
}

typedef struct named_test { const char *name; void (*run)(void); } named_test;

/* test_dynarray [name]: only the tests whose name contains `name` (e.g. growth, insert, memory). */
int main(int argc, char **argv) {
    static const named_test tests[] = {
        {"push", test_push_get_many}, {"pop", test_pop}, {"insert", test_insert_remove}, {"set", test_set},
        {"reserve", test_reserve_and_shrink}, {"iteration", test_iteration}, {"struct", test_struct_elements},
        {"growth", test_growth_counts}, {"arguments", test_bad_arguments}, {"memory", test_out_of_memory},
        {"handles", test_heap_handles},
    };
    const char *only = argc > 1 ? argv[1] : NULL;
    int ran = 0;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (only && !strstr(tests[i].name, only)) continue;
        tests[i].run();
        ran++;
    }
    CHECKF(ran > 0, "no test is named like '%s'", only ? only : "");
    return check_summary("dynarray");
}
