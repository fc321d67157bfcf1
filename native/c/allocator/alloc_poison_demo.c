/* One bug inside an sm_alloc block per mode, for the ASan tests (ctest allocator.poison.*):
 *   alloc_poison_demo small-overflow | small-use-after-free | medium-overflow | medium-use-after-free
 *                     | large-overflow | large-underflow
 * Built with AddressSanitizer and the allocator's poisoning (alloc_poison_demo_asan), the bad access stops the
 * program with "ERROR: AddressSanitizer: use-after-poison". Built with AddressSanitizer but an allocator
 * without poisoning (alloc_poison_demo_nopoison), ASan sees only a mapped page: the program prints the byte
 * it read and "the bug went unnoticed" — which is what poisoning exists to prevent. */
#include "sm_alloc.h"

#include <stdio.h>
#include <string.h>

static int read_byte(const volatile unsigned char *p) { return *p; }

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    int seen;
    if (strcmp(mode, "small-overflow") == 0) {
        unsigned char *p = sm_malloc(24); /* a 32-byte block: bytes 24..31 are slack */
        memset(p, 1, 24);
        seen = read_byte(p + 24);
    } else if (strcmp(mode, "small-use-after-free") == 0) {
        unsigned char *p = sm_malloc(64);
        memset(p, 2, 64);
        sm_free(p);
        seen = read_byte(p + 32);
    } else if (strcmp(mode, "medium-overflow") == 0) {
        unsigned char *p = sm_malloc(5000);
        memset(p, 3, 5000);
        seen = read_byte(p + 5000);
    } else if (strcmp(mode, "medium-use-after-free") == 0) {
        unsigned char *p = sm_malloc(5000);
        memset(p, 4, 5000);
        sm_free(p);
        seen = read_byte(p + 100);
    } else if (strcmp(mode, "large-overflow") == 0) {
        unsigned char *p = sm_malloc(1 << 20);
        memset(p, 5, 1 << 20);
        seen = read_byte(p + (1 << 20));
    } else if (strcmp(mode, "large-underflow") == 0) {
        unsigned char *p = sm_malloc(1 << 20);
        seen = read_byte(p - 8); /* the large block's header */
    } else {
        fprintf(stderr, "usage: %s small-overflow|small-use-after-free|medium-overflow|medium-use-after-free|large-overflow|large-underflow\n", argv[0]);
        return 2;
    }
    printf("%s: read %d; the bug went unnoticed\n", mode, seen);
    return 0;
}
