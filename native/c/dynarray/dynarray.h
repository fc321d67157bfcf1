/*
 * dynarray: a growable array of fixed-size elements (void* plus element size).
 *
 * Memory layout: one contiguous block `data` of `cap * elem_size` bytes obtained from
 * realloc; the first `len` elements are live. When a push finds len == cap the block is
 * grown geometrically: new_cap = max(cap + 1, ceil(cap * growth_factor)). Growing may move
 * the block, so every pointer obtained from da_at()/da_data() is invalidated by any call
 * that can grow (push, insert, reserve) or shrink (shrink_to_fit) the array.
 *
 * Errors: every function that can fail returns a da_status; none aborts, none prints. On
 * failure the array is left exactly as it was (a failed realloc keeps the old block).
 */
#ifndef SM_DYNARRAY_H
#define SM_DYNARRAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum da_status {
    DA_OK = 0,
    DA_ERR_NOMEM = 1,    /* the allocator returned NULL; the array is unchanged */
    DA_ERR_BOUNDS = 2,   /* index out of range (>= len; > len for insert) */
    DA_ERR_EMPTY = 3,    /* pop from an empty array */
    DA_ERR_ARG = 4,      /* NULL pointer, zero element size, growth factor <= 1 ... */
    DA_ERR_OVERFLOW = 5, /* capacity * element size would not fit in size_t */
} da_status;

/* Where the array's memory comes from. Tests plug in a failing allocator to reach the error paths. */
typedef struct da_allocator {
    void *(*realloc_fn)(void *ctx, void *ptr, size_t size);
    void (*free_fn)(void *ctx, void *ptr);
    void *ctx;
} da_allocator;

typedef struct da_options {
    size_t initial_capacity; /* elements reserved by da_init (0: allocate on first push) */
    double growth_factor;    /* capacity multiplier when full, > 1 (default 2.0) */
    size_t growth_step;      /* if > 0: grow by this many elements instead (additive growth, for contrast) */
    const da_allocator *allocator; /* NULL: the C library's realloc/free */
} da_options;

/* Counters kept by every array: the raw material of the amortised-cost measurement. */
typedef struct da_counters {
    uint64_t pushes;          /* successful push/insert calls */
    uint64_t grows;           /* times the capacity was raised by a push/insert/reserve */
    uint64_t elements_copied; /* live elements realloc had to preserve at each grow (the textbook cost) */
    uint64_t block_moves;     /* grows where realloc returned a different address */
    uint64_t elements_moved;  /* live elements in the block at those moves (what was really copied) */
} da_counters;

typedef struct dynarray {
    unsigned char *data;
    size_t len;
    size_t cap;
    size_t elem_size;
    double growth_factor;
    size_t growth_step;
    da_allocator alloc;
    da_counters counters;
} dynarray;

/* A forward iterator: for (da_iter it = da_begin(&a); da_next(&it, &p);) use(p); */
typedef struct da_iter {
    const dynarray *array;
    size_t next_index;
} da_iter;

da_status da_init(dynarray *a, size_t elem_size, const da_options *opts);
void da_destroy(dynarray *a); /* frees the block; the struct may be re-initialised */

da_status da_push(dynarray *a, const void *elem);
da_status da_pop(dynarray *a, void *out); /* out may be NULL */
da_status da_insert(dynarray *a, size_t index, const void *elem);
da_status da_remove(dynarray *a, size_t index, void *out); /* out may be NULL */
da_status da_get(const dynarray *a, size_t index, void *out);
da_status da_set(dynarray *a, size_t index, const void *elem);
da_status da_reserve(dynarray *a, size_t min_capacity);
da_status da_shrink_to_fit(dynarray *a);
void da_clear(dynarray *a);

/* Address of element `index`, or NULL when out of range. Invalidated by any growth or shrink. */
void *da_at(const dynarray *a, size_t index);
size_t da_len(const dynarray *a);
size_t da_capacity(const dynarray *a);

da_iter da_begin(const dynarray *a);
bool da_next(da_iter *it, void **elem);

const char *da_strerror(da_status status);

/* ---- Heap-allocated handles, for callers that cannot embed the struct (C# P/Invoke) ---- */
dynarray *da_new(size_t elem_size, double growth_factor, size_t growth_step, int *status);
void da_delete(dynarray *a);
void da_get_counters(const dynarray *a, da_counters *out);

/* ---- Measurements run natively (called from the C# experiments) ---- */

/* One checkpoint of a growth run: after `pushes` pushes, how many element copies so far. */
typedef struct da_growth_point {
    uint64_t pushes;
    uint64_t capacity;
    uint64_t grows;
    uint64_t elements_copied;
    uint64_t elements_moved;
} da_growth_point;

/* Pushes n int64 values into a fresh array with the given growth rule and records up to
 * max_points checkpoints (at powers of two and at n), and in *worst the point, over every size
 * from 1 to n, where copies per push were highest. Returns the number of points written,
 * or a negative da_status on failure. */
int da_measure_growth(double growth_factor, size_t growth_step, uint64_t n,
                      da_growth_point *points, int max_points, da_growth_point *worst);

typedef struct da_bench_result {
    double push_ns_per_op; /* n pushes of int64 into an empty array, best of reps (thread CPU time) */
    double get_ns_per_op;  /* n bounds-checked da_get reads, best of reps (thread CPU time) */
    uint64_t checksum;     /* sum of the values read, so the reads cannot be optimised away */
} da_bench_result;

/* Times push and get through the public API, as a caller of this library would use it. */
int da_bench_push_get(uint64_t n, int reps, da_bench_result *out);

#ifdef __cplusplus
}
#endif

#endif /* SM_DYNARRAY_H */
