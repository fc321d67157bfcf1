#include "dynarray.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void *libc_realloc(void *ctx, void *ptr, size_t size) {
    (void)ctx;
    return realloc(ptr, size);
}

static void libc_free(void *ctx, void *ptr) {
    (void)ctx;
    free(ptr);
}

static const da_allocator libc_allocator = {libc_realloc, libc_free, NULL};

/* Pointer to element i; callers have checked i against cap. */
static inline unsigned char *slot(const dynarray *a, size_t i) { return a->data + i * a->elem_size; }

/* The capacity after one growth step from `cap`, or 0 if it cannot be represented. */
static size_t next_capacity(const dynarray *a) {
    /* EXERCISE 1.3-4c: the growth rule: max(cap + 1, ceil(cap * f)), at least 4, or cap + step; 0 when it would overflow (tests: DynArrayComponentTests.Growth_rule, NativeDynArrayTests.Doubling*, NativeDynArrayTests.Geometric_growth*) (returns 0) */
    size_t max_elems = SIZE_MAX / a->elem_size;
    if (a->cap >= max_elems) return 0;
    if (a->growth_step > 0) {
        return a->growth_step >= max_elems - a->cap ? max_elems : a->cap + a->growth_step;
    }
    double grown = ceil((double)a->cap * a->growth_factor);
    if (grown >= (double)max_elems) return max_elems;
    size_t next = (size_t)grown;
    if (next < 4) next = 4;                  /* skip the 1, 2, 3 steps of a tiny array */
    if (next <= a->cap) next = a->cap + 1;   /* a factor close to 1 must still make progress */
    return next > max_elems ? max_elems : next;
    /* END EXERCISE */
}

/* Moves the block to exactly new_cap elements. On failure nothing changes. */
static da_status resize_block(dynarray *a, size_t new_cap, int counts_as_grow) {
    if (new_cap > SIZE_MAX / a->elem_size) return DA_ERR_OVERFLOW;
    /* EXERCISE 1.3-4a: resize the block with realloc, keeping the old one on failure, and count the copy cost (tests: DynArrayComponentTests.Resize_block, NativeDynArrayTests.Reserve*, NativeDynArrayTests.Values_pushed*) (returns DA_ERR_NOMEM) */
    if (new_cap == 0) {
        a->alloc.free_fn(a->alloc.ctx, a->data);
        a->data = NULL;
        a->cap = 0;
        return DA_OK;
    }
    /* The old address is kept as an integer: comparing a freed pointer itself would be undefined. */
    uintptr_t old_address = (uintptr_t)a->data;
    void *block = a->alloc.realloc_fn(a->alloc.ctx, a->data, new_cap * a->elem_size);
    if (block == NULL) return DA_ERR_NOMEM; /* realloc left the old block intact */
    if (counts_as_grow) {
        a->counters.grows++;
        a->counters.elements_copied += a->len;
        if (old_address != 0 && (uintptr_t)block != old_address) {
            a->counters.block_moves++;
            a->counters.elements_moved += a->len;
        }
    }
    a->data = block;
    a->cap = new_cap;
    return DA_OK;
    /* END EXERCISE */
}

/* Makes room for one more element, growing geometrically (or additively) when full. */
static da_status ensure_room_for_one(dynarray *a) {
    if (a->len < a->cap) return DA_OK;
    size_t next = next_capacity(a);
    if (next == 0) return DA_ERR_OVERFLOW;
    return resize_block(a, next, 1);
}

da_status da_init(dynarray *a, size_t elem_size, const da_options *opts) {
    if (a == NULL || elem_size == 0) return DA_ERR_ARG;
    double factor = opts && opts->growth_factor != 0 ? opts->growth_factor : 2.0;
    if (!(factor > 1.0) || !isfinite(factor)) return DA_ERR_ARG;
    const da_allocator *alloc = opts && opts->allocator ? opts->allocator : &libc_allocator;
    if (alloc->realloc_fn == NULL || alloc->free_fn == NULL) return DA_ERR_ARG;
    memset(a, 0, sizeof *a);
    a->elem_size = elem_size;
    a->growth_factor = factor;
    a->growth_step = opts ? opts->growth_step : 0;
    a->alloc = *alloc;
    if (opts && opts->initial_capacity > 0) return resize_block(a, opts->initial_capacity, 0);
    return DA_OK;
}

void da_destroy(dynarray *a) {
    if (a == NULL) return;
    if (a->data != NULL) a->alloc.free_fn(a->alloc.ctx, a->data);
    a->data = NULL;
    a->len = 0;
    a->cap = 0;
}

da_status da_push(dynarray *a, const void *elem) {
    if (a == NULL || elem == NULL) return DA_ERR_ARG;
    da_status s = ensure_room_for_one(a);
    if (s != DA_OK) return s;
    memcpy(slot(a, a->len), elem, a->elem_size);
    a->len++;
    a->counters.pushes++;
    return DA_OK;
}

da_status da_pop(dynarray *a, void *out) {
    if (a == NULL) return DA_ERR_ARG;
    if (a->len == 0) return DA_ERR_EMPTY;
    a->len--;
    if (out != NULL) memcpy(out, slot(a, a->len), a->elem_size);
    return DA_OK;
}

da_status da_insert(dynarray *a, size_t index, const void *elem) {
    if (a == NULL || elem == NULL) return DA_ERR_ARG;
    if (index > a->len) return DA_ERR_BOUNDS;
    da_status s = ensure_room_for_one(a);
    if (s != DA_OK) return s;
    /* EXERCISE 1.3-4b: open a gap at index by shifting the tail one slot right, then copy the element in (tests: DynArrayComponentTests.Insert_and_remove, NativeDynArrayTests.Insert_and_remove_shift_the_tail) (returns DA_ERR_NOMEM) */
    memmove(slot(a, index + 1), slot(a, index), (a->len - index) * a->elem_size);
    memcpy(slot(a, index), elem, a->elem_size);
    a->len++;
    a->counters.pushes++;
    return DA_OK;
    /* END EXERCISE */
}

da_status da_remove(dynarray *a, size_t index, void *out) {
    if (a == NULL) return DA_ERR_ARG;
    if (index >= a->len) return DA_ERR_BOUNDS;
    /* EXERCISE 1.3-4b: copy the element out, then close the gap by shifting the tail one slot left (tests: DynArrayComponentTests.Insert_and_remove, NativeDynArrayTests.Insert_and_remove_shift_the_tail) (returns DA_ERR_ARG) */
    if (out != NULL) memcpy(out, slot(a, index), a->elem_size);
    memmove(slot(a, index), slot(a, index + 1), (a->len - index - 1) * a->elem_size);
    a->len--;
    return DA_OK;
    /* END EXERCISE */
}

da_status da_get(const dynarray *a, size_t index, void *out) {
    if (a == NULL || out == NULL) return DA_ERR_ARG;
    if (index >= a->len) return DA_ERR_BOUNDS;
    memcpy(out, slot(a, index), a->elem_size);
    return DA_OK;
}

da_status da_set(dynarray *a, size_t index, const void *elem) {
    if (a == NULL || elem == NULL) return DA_ERR_ARG;
    if (index >= a->len) return DA_ERR_BOUNDS;
    memcpy(slot(a, index), elem, a->elem_size);
    return DA_OK;
}

da_status da_reserve(dynarray *a, size_t min_capacity) {
    if (a == NULL) return DA_ERR_ARG;
    if (min_capacity <= a->cap) return DA_OK;
    return resize_block(a, min_capacity, 1);
}

da_status da_shrink_to_fit(dynarray *a) {
    if (a == NULL) return DA_ERR_ARG;
    if (a->cap == a->len) return DA_OK;
    return resize_block(a, a->len, 0);
}

void da_clear(dynarray *a) {
    if (a != NULL) a->len = 0;
}

void *da_at(const dynarray *a, size_t index) {
    if (a == NULL || index >= a->len) return NULL;
    return slot(a, index);
}

size_t da_len(const dynarray *a) { return a ? a->len : 0; }
size_t da_capacity(const dynarray *a) { return a ? a->cap : 0; }

da_iter da_begin(const dynarray *a) {
    da_iter it = {a, 0};
    return it;
}

bool da_next(da_iter *it, void **elem) {
    if (it == NULL || it->array == NULL || it->next_index >= it->array->len) return false;
    if (elem != NULL) *elem = slot(it->array, it->next_index);
    it->next_index++;
    return true;
}

const char *da_strerror(da_status status) {
    switch (status) {
    case DA_OK: return "ok";
    case DA_ERR_NOMEM: return "out of memory (the array is unchanged)";
    case DA_ERR_BOUNDS: return "index out of bounds";
    case DA_ERR_EMPTY: return "the array is empty";
    case DA_ERR_ARG: return "invalid argument (NULL pointer, zero element size or growth factor <= 1)";
    case DA_ERR_OVERFLOW: return "capacity * element size does not fit in size_t";
    }
    return "unknown status";
}

dynarray *da_new(size_t elem_size, double growth_factor, size_t growth_step, int *status) {
    dynarray *a = malloc(sizeof *a);
    if (a == NULL) {
        if (status) *status = DA_ERR_NOMEM;
        return NULL;
    }
    da_options opts = {0, growth_factor, growth_step, NULL};
    da_status s = da_init(a, elem_size, &opts);
    if (status) *status = s;
    if (s != DA_OK) {
        free(a);
        return NULL;
    }
    return a;
}

void da_delete(dynarray *a) {
    if (a == NULL) return;
    da_destroy(a);
    free(a);
}

void da_get_counters(const dynarray *a, da_counters *out) {
    if (a != NULL && out != NULL) *out = a->counters;
}
