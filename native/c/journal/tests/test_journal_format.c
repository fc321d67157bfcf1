/* Unit tests of the journal format: CRC-32C vectors, torn tails at every offset, every single-bit
 * flip, sequence gaps, checkpoints. Plain C, no framework: each CHECK names what failed. */
#define _GNU_SOURCE
#include "journal_format.h"
#include "sm_check.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { RECORDS = 12, PAYLOAD = 24, RECORD_SIZE = JOURNAL_HEADER_SIZE + PAYLOAD };

static char scratch_dir[] = "/tmp/journal-format-XXXXXX";

static void test_crc32c_vectors(void)
{
    /* Check value of the catalogue of CRC algorithms, and the iSCSI vectors of RFC 3720 B.4. */
    CHECKF(crc32c(0, "123456789", 9) == 0xE3069283u, "got %08X", crc32c(0, "123456789", 9));
    uint8_t zeros[32] = { 0 }, ones[32], up[32], down[32];
    for (int i = 0; i < 32; i++) {
        ones[i] = 0xFF;
        up[i] = (uint8_t)i;
        down[i] = (uint8_t)(31 - i);
    }
    CHECKF(crc32c(0, zeros, 32) == 0x8A9136AAu, "zeros: %08X", crc32c(0, zeros, 32));
    CHECKF(crc32c(0, ones, 32) == 0x62A8AB43u, "ones: %08X", crc32c(0, ones, 32));
    CHECKF(crc32c(0, up, 32) == 0x46DD794Eu, "incrementing: %08X", crc32c(0, up, 32));
    CHECKF(crc32c(0, down, 32) == 0x113FDB5Cu, "decrementing: %08X", crc32c(0, down, 32));
    /* Chaining: the CRC of a concatenation equals the CRC continued over the second part. */
    CHECKF(crc32c(crc32c(0, "1234", 4), "56789", 5) == 0xE3069283u, "chained CRC differs");
}

/* A file holding RECORDS well-formed records (seq 1..RECORDS); returns its fd and the sum of amounts. */
static int make_journal(const char *name, uint8_t *image, int64_t *sum)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", scratch_dir, name);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror(path);
        exit(2);
    }
    *sum = 0;
    uint8_t payload[PAYLOAD];
    for (uint64_t seq = 1; seq <= RECORDS; seq++) {
        journal_make_payload(payload, PAYLOAD, 7, seq);
        *sum += journal_payload_amount(payload);
        journal_encode(image + (seq - 1) * RECORD_SIZE, seq, payload, PAYLOAD);
    }
    if (pwrite(fd, image, RECORDS * RECORD_SIZE, 0) != RECORDS * RECORD_SIZE) {
        perror("pwrite");
        exit(2);
    }
    return fd;
}

static void test_full_scan(void)
{
    uint8_t image[RECORDS * RECORD_SIZE];
    int64_t sum;
    int fd = make_journal("full.dat", image, &sum);
    journal_scan_result r;
    CHECKF(journal_scan(fd, 0, 1, &r) == 0, "scan failed: %s", strerror(errno));
    CHECKF(r.stop == JOURNAL_STOP_END, "stop=%s", journal_stop_reason_name(r.stop));
    CHECKF(r.records == RECORDS && r.last_seq == RECORDS, "records=%llu last=%llu", (unsigned long long)r.records, (unsigned long long)r.last_seq);
    CHECKF(r.valid_end == RECORDS * RECORD_SIZE && r.discarded_bytes == 0, "valid_end=%llu", (unsigned long long)r.valid_end);
    CHECKF(r.state_delta == sum, "state %lld != %lld", (long long)r.state_delta, (long long)sum);

    /* From a checkpoint after record 5: only 6..12 are replayed. */
    CHECKF(journal_scan(fd, 5 * RECORD_SIZE, 6, &r) == 0, "scan failed");
    CHECKF(r.records == RECORDS - 5 && r.last_seq == RECORDS && r.stop == JOURNAL_STOP_END, "replay from checkpoint: records=%llu",
        (unsigned long long)r.records);
    close(fd);
}

/* A crash can cut the file anywhere: at every length the scan keeps exactly the whole records. */
static void test_torn_tail_at_every_offset(void)
{
    uint8_t image[RECORDS * RECORD_SIZE];
    int64_t sum;
    int fd = make_journal("torn.dat", image, &sum);
    for (int length = RECORDS * RECORD_SIZE; length >= 0; length--) {
        if (ftruncate(fd, length) < 0) {
            perror("ftruncate");
            exit(2);
        }
        journal_scan_result r;
        CHECKF(journal_scan(fd, 0, 1, &r) == 0, "scan failed");
        uint64_t whole = (uint64_t)length / RECORD_SIZE;
        CHECKF(r.records == whole, "length %d: records=%llu, expected %llu", length, (unsigned long long)r.records, (unsigned long long)whole);
        CHECKF(r.valid_end == whole * RECORD_SIZE, "length %d: valid_end=%llu", length, (unsigned long long)r.valid_end);
        CHECKF(r.discarded_bytes == (uint64_t)length - whole * RECORD_SIZE, "length %d: discarded=%llu", length,
            (unsigned long long)r.discarded_bytes);
        int torn = length % RECORD_SIZE != 0;
        CHECKF(torn ? r.stop != JOURNAL_STOP_END : r.stop == JOURNAL_STOP_END, "length %d: stop=%s", length, journal_stop_reason_name(r.stop));
        /* A torn header that still holds the whole magic counts as one discarded record. */
        uint64_t expect_discarded_records = (length % RECORD_SIZE) >= 4 ? 1 : 0;
        CHECKF(r.discarded_records == expect_discarded_records, "length %d: discarded_records=%llu", length,
            (unsigned long long)r.discarded_records);
    }
    close(fd);
}

/* Every single-bit flip in a record — header or payload — stops the scan at that record. */
static void test_every_bit_flip_is_detected(void)
{
    uint8_t image[RECORDS * RECORD_SIZE];
    int64_t sum;
    int fd = make_journal("flip.dat", image, &sum);
    const int victim = 7; /* seq 8 */
    int detected = 0, total = 0;
    for (int byte = 0; byte < RECORD_SIZE; byte++) {
        for (int bit = 0; bit < 8; bit++) {
            off_t at = (off_t)victim * RECORD_SIZE + byte;
            uint8_t flipped = image[at] ^ (uint8_t)(1u << bit);
            if (pwrite(fd, &flipped, 1, at) != 1)
                exit(2);
            journal_scan_result r;
            CHECKF(journal_scan(fd, 0, 1, &r) == 0, "scan failed");
            total++;
            if (r.records == (uint64_t)victim && r.valid_end == (uint64_t)victim * RECORD_SIZE && r.stop != JOURNAL_STOP_END)
                detected++;
            else
                CHECKF(0, "flip of byte %d bit %d: records=%llu stop=%s", byte, bit, (unsigned long long)r.records,
                    journal_stop_reason_name(r.stop));
            /* The intact records after the damaged one are counted, so a report can say what a truncation would lose. */
            CHECKF(r.discarded_records >= (uint64_t)(RECORDS - victim - 1), "flip of byte %d bit %d: discarded_records=%llu", byte, bit,
                (unsigned long long)r.discarded_records);
            if (pwrite(fd, &image[at], 1, at) != 1)
                exit(2);
        }
    }
    CHECKF(detected == total, "%d of %d flips detected", detected, total);
    printf("bit flips detected: %d of %d\n", detected, total);
    close(fd);
}

/* A valid record with the wrong seq (e.g. a stale block from an older file) ends the valid prefix. */
static void test_sequence_gap(void)
{
    uint8_t image[RECORDS * RECORD_SIZE];
    int64_t sum;
    int fd = make_journal("gap.dat", image, &sum);
    uint8_t payload[PAYLOAD], record[RECORD_SIZE];
    journal_make_payload(payload, PAYLOAD, 7, 99);
    journal_encode(record, 99, payload, PAYLOAD);
    if (pwrite(fd, record, RECORD_SIZE, 4 * RECORD_SIZE) != RECORD_SIZE)
        exit(2);
    journal_scan_result r;
    CHECKF(journal_scan(fd, 0, 1, &r) == 0, "scan failed");
    CHECKF(r.stop == JOURNAL_STOP_SEQ_GAP && r.records == 4, "stop=%s records=%llu", journal_stop_reason_name(r.stop),
        (unsigned long long)r.records);
    close(fd);
}

static void test_checkpoint_round_trip_and_damage(void)
{
    journal_checkpoint c = { 0, 0, 0 };
    CHECKF(journal_checkpoint_read(scratch_dir, &c) == 1, "a missing checkpoint must read as absent");
    journal_checkpoint w = { .seq = 42, .offset = 42 * RECORD_SIZE, .state = -1234 };
    CHECKF(journal_checkpoint_write(scratch_dir, &w) == 0, "write failed: %s", strerror(errno));
    CHECKF(journal_checkpoint_read(scratch_dir, &c) == 0 && c.seq == 42 && c.offset == w.offset && c.state == -1234, "round trip differs");

    char path[256];
    snprintf(path, sizeof path, "%s/checkpoint", scratch_dir);
    int fd = open(path, O_RDWR);
    uint8_t b;
    for (int at = 0; at < (int)JOURNAL_CHECKPOINT_SIZE; at++) {
        if (pread(fd, &b, 1, at) != 1)
            exit(2);
        b ^= 0x10;
        if (pwrite(fd, &b, 1, at) != 1)
            exit(2);
        CHECKF(journal_checkpoint_read(scratch_dir, &c) == -2, "a flipped byte %d of the checkpoint went unnoticed", at);
        b ^= 0x10;
        if (pwrite(fd, &b, 1, at) != 1)
            exit(2);
    }
    CHECKF(ftruncate(fd, 10) == 0, "ftruncate");
    CHECKF(journal_checkpoint_read(scratch_dir, &c) == -2, "a short checkpoint must read as corrupt");
    close(fd);
}

int main(void)
{
    if (mkdtemp(scratch_dir) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    test_crc32c_vectors();
    test_full_scan();
    test_torn_tail_at_every_offset();
    test_every_bit_flip_is_detected();
    test_sequence_gap();
    test_checkpoint_round_trip_and_damage();

    const char *names[] = { "full.dat", "torn.dat", "flip.dat", "gap.dat", "checkpoint", NULL };
    for (int i = 0; names[i]; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", scratch_dir, names[i]);
        unlink(path);
    }
    rmdir(scratch_dir);
    return check_summary("journal format");
}
