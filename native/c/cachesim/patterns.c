/* Address traces for the simulator: generated access patterns and trace files. */
#include "cachesim.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t splitmix(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

int sm_chase_order(uint64_t nodes, uint64_t seed, uint64_t *next) {
    if (next == NULL || nodes == 0) return -1;
    for (uint64_t i = 0; i < nodes; i++) next[i] = i;
    /* Sattolo's shuffle: j < i (never i itself) makes the permutation one single cycle. */
    uint64_t s = seed;
    for (uint64_t i = nodes - 1; i > 0; i--) {
        uint64_t j = splitmix(&s) % i;
        uint64_t t = next[i];
        next[i] = next[j];
        next[j] = t;
    }
    return 0;
}

typedef struct feeder {
    sm_hierarchy *h;
    int64_t count;
} feeder;

static inline void feed(feeder *f, uint64_t addr, uint32_t size, int is_write) {
    if (f->h) sm_hierarchy_access(f->h, addr, size, is_write);
    f->count++;
}

int64_t sm_run_pattern(sm_hierarchy *h, const sm_pattern *p) {
    if (p == NULL) return -1;
    feeder f = {h, 0};
    const uint64_t n = p->n, e = p->elem_bytes ? p->elem_bytes : 8;
    const uint64_t A = p->base, B = A + n * n * e, C = B + n * n * e;
#define AT(M, i, j) ((M) + ((uint64_t)(i) * n + (uint64_t)(j)) * e)
    switch (p->kind) {
    case SM_PATTERN_ROW_MAJOR:
    case SM_PATTERN_COLUMN_MAJOR:
    case SM_PATTERN_SEQUENTIAL_WRITE:
        if (n == 0) return -1;
        /* EXERCISE 4.5-1c: emit the addresses of a row-major and of a column-major walk over an n x n matrix (tests: CacheSimulatorComponentTests.Traversals, CacheSimulatorTests.Column_major*) */
        for (uint64_t outer = 0; outer < n; outer++) {
            for (uint64_t inner = 0; inner < n; inner++) {
                if (p->kind == SM_PATTERN_COLUMN_MAJOR) feed(&f, AT(A, inner, outer), (uint32_t)e, 0);
                else feed(&f, AT(A, outer, inner), (uint32_t)e, p->kind == SM_PATTERN_SEQUENTIAL_WRITE);
            }
        }
        /* END EXERCISE */
        break;
    case SM_PATTERN_MATMUL_NAIVE:
        if (n == 0) return -1;
        for (uint64_t i = 0; i < n; i++) {
            for (uint64_t j = 0; j < n; j++) {
                for (uint64_t k = 0; k < n; k++) {
                    feed(&f, AT(A, i, k), (uint32_t)e, 0);
                    feed(&f, AT(B, k, j), (uint32_t)e, 0);
                }
                feed(&f, AT(C, i, j), (uint32_t)e, 1);
            }
        }
        break;
    case SM_PATTERN_MATMUL_BLOCKED: {
        uint64_t t = p->tile;
        if (n == 0 || t == 0 || n % t != 0) return -1;
        /* EXERCISE 4.5-1c: emit the addresses of C += A * B computed tile by tile, so each tile is reused while cached (tests: CacheSimulatorComponentTests.Traversals, CacheSimulatorTests.Blocking*) */
        for (uint64_t ii = 0; ii < n; ii += t)
            for (uint64_t jj = 0; jj < n; jj += t)
                for (uint64_t kk = 0; kk < n; kk += t)
                    for (uint64_t i = ii; i < ii + t; i++)
                        for (uint64_t j = jj; j < jj + t; j++) {
                            feed(&f, AT(C, i, j), (uint32_t)e, 0);
                            for (uint64_t k = kk; k < kk + t; k++) {
                                feed(&f, AT(A, i, k), (uint32_t)e, 0);
                                feed(&f, AT(B, k, j), (uint32_t)e, 0);
                            }
                            feed(&f, AT(C, i, j), (uint32_t)e, 1);
                        }
        /* END EXERCISE */
        break;
    }
    case SM_PATTERN_STRIDED:
        if (p->stride_bytes == 0 || p->span_bytes == 0) return -1;
        for (uint64_t pass = 0; pass < (p->count ? p->count : 1); pass++)
            for (uint64_t off = 0; off < p->span_bytes; off += p->stride_bytes) feed(&f, A + off, 8, 0);
        break;
    case SM_PATTERN_RANDOM: {
        uint64_t elems = p->span_bytes / 8, s = p->seed;
        if (elems == 0) return -1;
        for (uint64_t i = 0; i < p->count; i++) feed(&f, A + (splitmix(&s) % elems) * 8, 8, 0);
        break;
    }
    case SM_PATTERN_POINTER_CHASE: {
        if (p->stride_bytes < 8 || p->span_bytes < p->stride_bytes) return -1;
        uint64_t nodes = p->span_bytes / p->stride_bytes;
        uint64_t *next = malloc(nodes * sizeof *next);
        if (next == NULL || sm_chase_order(nodes, p->seed, next) != 0) {
            free(next);
            return -1;
        }
        uint64_t cur = 0;
        for (uint64_t i = 0; i < p->count; i++) {
            feed(&f, A + cur * p->stride_bytes, 8, 0);
            cur = next[cur];
        }
        free(next);
        break;
    }
    default:
        return -1;
    }
#undef AT
    return f.count;
}

/* Parses a hexadecimal number (with or without 0x). Returns the position after it, or NULL. */
static const char *parse_hex(const char *s, uint64_t *out) {
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s += 2;
    if (!isxdigit((unsigned char)*s)) return NULL;
    uint64_t v = 0;
    int digits = 0;
    for (; isxdigit((unsigned char)*s); s++, digits++) {
        int c = tolower((unsigned char)*s);
        v = v * 16 + (uint64_t)(isdigit(c) ? c - '0' : c - 'a' + 10);
    }
    if (digits > 16) return NULL;
    *out = v;
    return s;
}

int64_t sm_run_trace_file(sm_hierarchy *h, const char *path, char *err, size_t err_len) {
    char scratch[16];
    if (err == NULL || err_len == 0) {
        err = scratch;
        err_len = sizeof scratch;
    }
    err[0] = '\0';
    FILE *file = path ? fopen(path, "r") : NULL;
    if (file == NULL) {
        snprintf(err, err_len, "%s: cannot open: %s", path ? path : "(null)", strerror(errno));
        return -1;
    }
    char line[512];
    long lineno = 0;
    int64_t count = 0;
    while (fgets(line, sizeof line, file)) {
        lineno++;
        if (strchr(line, '\n') == NULL && !feof(file)) {
            snprintf(err, err_len, "%s:%ld: line longer than %zu characters", path, lineno, sizeof line - 2);
            fclose(file);
            return -1;
        }
        const char *s = line;
        while (*s == ' ' || *s == '\t') s++;
        if (*s == '\0' || *s == '\n' || *s == '\r' || *s == '#' || *s == '=' || (s[0] == '-' && s[1] == '-')) continue;
        char op = (char)toupper((unsigned char)*s++);
        if (op == 'I') continue; /* instruction fetches: this is a data-cache simulator */
        if (op != 'R' && op != 'L' && op != 'W' && op != 'S' && op != 'M') {
            snprintf(err, err_len, "%s:%ld:%ld: unknown operation '%c' (expected R/L, W/S, M or I)", path, lineno,
                     (long)(s - line), op);
            fclose(file);
            return -1;
        }
        while (*s == ' ' || *s == '\t') s++;
        uint64_t addr = 0, size = 8;
        const char *after = parse_hex(s, &addr);
        if (after == NULL) {
            snprintf(err, err_len, "%s:%ld:%ld: expected a hexadecimal address", path, lineno, (long)(s - line + 1));
            fclose(file);
            return -1;
        }
        s = after;
        while (*s == ' ' || *s == '\t' || *s == ',') s++;
        if (isdigit((unsigned char)*s)) {
            char *end = NULL;
            unsigned long v = strtoul(s, &end, 10);
            if (v == 0 || v > 4096) {
                snprintf(err, err_len, "%s:%ld:%ld: access size %lu outside 1..4096", path, lineno, (long)(s - line + 1), v);
                fclose(file);
                return -1;
            }
            size = v;
            s = end;
        }
        while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
        if (*s != '\0') {
            snprintf(err, err_len, "%s:%ld:%ld: unexpected text after the access", path, lineno, (long)(s - line + 1));
            fclose(file);
            return -1;
        }
        if (op == 'M') {
            if (h) sm_hierarchy_access(h, addr, (uint32_t)size, 0);
            count++;
        }
        if (h) sm_hierarchy_access(h, addr, (uint32_t)size, op == 'W' || op == 'S' || op == 'M');
        count++;
    }
    fclose(file);
    return count;
}
