/*
 * The on-disk format of the crash-recovery journal (goal 1.1.1-2), shared by the program and its tests.
 *
 * journal.dat is a sequence of records, each
 *     u32 magic 'JRNL' | u32 payload length | u64 seq | u32 crc32c(length | seq | payload) | payload
 * (all little-endian). seq numbers are consecutive from 1. The first 8 payload bytes are a signed
 * amount; the program's state is the sum of all amounts (the "balance") and the last seq.
 *
 * checkpoint is the state at a record boundary:
 *     u32 magic 'CKPT' | u32 version | u64 seq | u64 offset | i64 state | u32 crc32c(all before)
 * written to checkpoint.tmp, fsync'd, renamed over checkpoint, and the folder fsync'd, so a reader
 * sees the old checkpoint or the new one, never half of one.
 */
#ifndef SM_JOURNAL_FORMAT_H
#define SM_JOURNAL_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#define JOURNAL_RECORD_MAGIC 0x4C4E524Au /* "JRNL" read as little-endian bytes 4A 52 4E 4C */
#define JOURNAL_HEADER_SIZE 20u
#define JOURNAL_MIN_PAYLOAD 8u
#define JOURNAL_MAX_PAYLOAD (1u << 20)
#define JOURNAL_CHECKPOINT_MAGIC 0x54504B43u /* "CKPT" */
#define JOURNAL_CHECKPOINT_VERSION 1u
#define JOURNAL_CHECKPOINT_SIZE 36u

/* CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), chained like zlib's crc32:
 * crc32c(0, "123456789", 9) == 0xE3069283, and crc32c(crc32c(0, a), b) == crc32c(0, a ‖ b). */
uint32_t crc32c(uint32_t crc, const void *data, size_t length);

/* Writes one record (header + payload) into out, which must hold JOURNAL_HEADER_SIZE + length bytes.
 * Returns the number of bytes written. */
size_t journal_encode(uint8_t *out, uint64_t seq, const uint8_t *payload, uint32_t length);

/* The deterministic payload of record seq: an amount in [-500, 500) derived from (seed, seq),
 * then filler bytes. length >= JOURNAL_MIN_PAYLOAD. */
void journal_make_payload(uint8_t *payload, uint32_t length, uint64_t seed, uint64_t seq);
int64_t journal_payload_amount(const uint8_t *payload);

/* Why a scan stopped. JOURNAL_STOP_END is the only clean reason; every other one marks a torn
 * or corrupt record at result.valid_end. */
typedef enum {
    JOURNAL_STOP_END = 0,
    JOURNAL_STOP_SHORT_HEADER,
    JOURNAL_STOP_BAD_MAGIC,
    JOURNAL_STOP_BAD_LENGTH,
    JOURNAL_STOP_SHORT_PAYLOAD,
    JOURNAL_STOP_CRC_MISMATCH,
    JOURNAL_STOP_SEQ_GAP,
} journal_stop_reason;

const char *journal_stop_reason_name(journal_stop_reason reason);

typedef struct {
    uint64_t file_size;
    uint64_t valid_end;          /* offset just past the last valid record */
    uint64_t records;            /* valid records from the start offset */
    uint64_t last_seq;           /* seq of the last valid record (expected_seq - 1 if none) */
    int64_t state_delta;         /* sum of the amounts of the valid records */
    uint64_t discarded_bytes;    /* file_size - valid_end */
    uint64_t discarded_records;  /* record headers (magic) that begin in the discarded bytes */
    journal_stop_reason stop;
} journal_scan_result;

/* Reads fd from offset start, expecting the next record to carry expected_seq, and stops at the
 * end of the file or at the first record that is torn or corrupt. Never modifies the file.
 * Returns 0, or -1 with errno set on an I/O error. */
int journal_scan(int fd, uint64_t start, uint64_t expected_seq, journal_scan_result *result);

typedef struct {
    uint64_t seq;    /* last record covered */
    uint64_t offset; /* journal offset just past that record */
    int64_t state;   /* sum of the amounts of records 1..seq */
} journal_checkpoint;

/* fsyncs the folder itself, so that the names created, renamed or removed in it survive a power cut
 * (an fsync of a new file makes its data durable, not its directory entry). Returns 0, or -1 with errno set. */
int journal_fsync_directory(const char *dir);

/* Atomically replaces dir/checkpoint. Returns 0, or -1 with errno set. */
int journal_checkpoint_write(const char *dir, const journal_checkpoint *checkpoint);

/* Returns 0 (read), 1 (no checkpoint yet), -1 with errno set (I/O error), or -2 (present but
 * corrupt: wrong size, magic, version or CRC). */
int journal_checkpoint_read(const char *dir, journal_checkpoint *checkpoint);

/* Little-endian helpers. */
void journal_put_u32(uint8_t *p, uint32_t v);
void journal_put_u64(uint8_t *p, uint64_t v);
uint32_t journal_get_u32(const uint8_t *p);
uint64_t journal_get_u64(const uint8_t *p);

#endif
