/* A small open-addressing hash map from 64-bit keys to 32-bit values (linear probing, backward-shift
 * deletion, power-of-two capacity). Keys are stored as key + 1 so that 0 can mean "empty".
 * Used for block -> line lookups, the fully associative shadow cache and the seen-blocks set. */
#ifndef SM_U64MAP_H
#define SM_U64MAP_H

#include <stdint.h>
#include <stdlib.h>

typedef struct u64map {
    uint64_t *keys;   /* key + 1, or 0 when empty */
    uint32_t *values;
    uint64_t mask;    /* capacity - 1 */
    uint64_t count;
    int growable;
} u64map;

static inline uint64_t u64map_hash(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

static inline int u64map_init(u64map *m, uint64_t expected, int growable) {
    uint64_t cap = 16;
    while (cap < expected * 2) cap <<= 1;
    m->keys = calloc(cap, sizeof *m->keys);
    m->values = malloc(cap * sizeof *m->values);
    m->mask = cap - 1;
    m->count = 0;
    m->growable = growable;
    if (m->keys == NULL || m->values == NULL) {
        free(m->keys);
        free(m->values);
        m->keys = NULL;
        m->values = NULL;
        return -1;
    }
    return 0;
}

static inline void u64map_free(u64map *m) {
    free(m->keys);
    free(m->values);
    m->keys = NULL;
    m->values = NULL;
}

static inline void u64map_clear(u64map *m) {
    for (uint64_t i = 0; i <= m->mask; i++) m->keys[i] = 0;
    m->count = 0;
}

/* Slot of key, or the empty slot where it would go. */
static inline uint64_t u64map_slot(const u64map *m, uint64_t key) {
    uint64_t stored = key + 1, i = u64map_hash(key) & m->mask;
    while (m->keys[i] != 0 && m->keys[i] != stored) i = (i + 1) & m->mask;
    return i;
}

static inline int u64map_get(const u64map *m, uint64_t key, uint32_t *value) {
    uint64_t i = u64map_slot(m, key);
    if (m->keys[i] == 0) return 0;
    if (value) *value = m->values[i];
    return 1;
}

static int u64map_grow(u64map *m);

/* Inserts or overwrites. Returns 1 if the key was new, 0 if it existed, -1 on allocation failure. */
static inline int u64map_put(u64map *m, uint64_t key, uint32_t value) {
    uint64_t i = u64map_slot(m, key);
    if (m->keys[i] != 0) {
        m->values[i] = value;
        return 0;
    }
    if (m->growable && (m->count + 1) * 2 > m->mask + 1) {
        if (u64map_grow(m) != 0) return -1;
        i = u64map_slot(m, key);
    }
    m->keys[i] = key + 1;
    m->values[i] = value;
    m->count++;
    return 1;
}

static inline void u64map_remove(u64map *m, uint64_t key) {
    uint64_t i = u64map_slot(m, key);
    if (m->keys[i] == 0) return;
    /* Backward-shift deletion keeps every probe sequence unbroken without tombstones. */
    uint64_t j = i;
    for (;;) {
        j = (j + 1) & m->mask;
        if (m->keys[j] == 0) break;
        uint64_t home = u64map_hash(m->keys[j] - 1) & m->mask;
        /* Move j back to i unless its home lies cyclically in (i, j]. */
        int stays = (i <= j) ? (home > i && home <= j) : (home > i || home <= j);
        if (stays) continue;
        m->keys[i] = m->keys[j];
        m->values[i] = m->values[j];
        i = j;
    }
    m->keys[i] = 0;
    m->count--;
}

static int u64map_grow(u64map *m) {
    u64map bigger;
    if (u64map_init(&bigger, (m->mask + 1), m->growable) != 0) return -1;
    for (uint64_t i = 0; i <= m->mask; i++) {
        if (m->keys[i] == 0) continue;
        uint64_t s = u64map_slot(&bigger, m->keys[i] - 1);
        bigger.keys[s] = m->keys[i];
        bigger.values[s] = m->values[i];
        bigger.count++;
    }
    u64map_free(m);
    *m = bigger;
    return 0;
}

#endif
