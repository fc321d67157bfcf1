/* The classic bug of a growable array: a pointer to an element is kept while the array grows.
 * The push that finds the array full reallocates the block; the old block is freed and the kept
 * pointer now dangles. A plain build usually reads stale bytes without complaint; AddressSanitizer
 * reports "heap-use-after-free"; valgrind reports "Invalid read". ctest runs all three. */
#include "dynarray.h"

#include <stdio.h>

int main(void) {
    dynarray a;
    if (da_init(&a, sizeof(int), NULL) != DA_OK) return 2;
    int first = 42;
    da_push(&a, &first);

    int *kept = da_at(&a, 0); /* points into the current block */
    size_t cap_before = da_capacity(&a);
    for (int i = 1; i <= 64; i++) da_push(&a, &i); /* grows several times: the block moves */

    printf("capacity %zu -> %zu; reading the element through the kept pointer...\n", cap_before, da_capacity(&a));
    fflush(stdout);
    int seen = *kept; /* use after realloc: undefined behaviour */
    printf("read %d through a dangling pointer: the bug went unnoticed\n", seen);
    da_destroy(&a);
    return 0;
}
