/* The journal's record and checkpoint format: CRC-32C, encoding, scanning, checkpoints. */
#define _POSIX_C_SOURCE 200809L
#include "journal_format.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- CRC-32C ------------------------------------------------------------------------------ */

static uint32_t crc32c_table[256];
static int crc32c_ready;

static void crc32c_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = (c & 1u) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        crc32c_table[n] = c;
    }
    crc32c_ready = 1;
}

uint32_t crc32c(uint32_t crc, const void *data, size_t length)
{
    /* The table is built before any signal handler or thread could race on it (first call from main). */
    if (!crc32c_ready)
        crc32c_init();
    const uint8_t *p = data;
    crc = ~crc;
    while (length--)
        crc = crc32c_table[(crc ^ *p++) & 0xFFu] ^ (crc >> 8);
    return ~crc;
}

/* ---- little-endian fields ----------------------------------------------------------------- */

void journal_put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

void journal_put_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

uint32_t journal_get_u32(const uint8_t *p)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

uint64_t journal_get_u64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/* ---- records ------------------------------------------------------------------------------ */

/* The CRC covers length, seq and payload: a flipped length or seq is caught like a flipped payload byte. */
static uint32_t record_crc(const uint8_t *header, const uint8_t *payload, uint32_t length)
{
    uint32_t crc = crc32c(0, header + 4, 12);
    return crc32c(crc, payload, length);
}

size_t journal_encode(uint8_t *out, uint64_t seq, const uint8_t *payload, uint32_t length)
{
    journal_put_u32(out, JOURNAL_RECORD_MAGIC);
    journal_put_u32(out + 4, length);
    journal_put_u64(out + 8, seq);
    journal_put_u32(out + 16, record_crc(out, payload, length));
    memcpy(out + JOURNAL_HEADER_SIZE, payload, length);
    return JOURNAL_HEADER_SIZE + length;
}

static uint64_t splitmix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

void journal_make_payload(uint8_t *payload, uint32_t length, uint64_t seed, uint64_t seq)
{
    int64_t amount = (int64_t)(splitmix64(seed ^ (seq * 0xD6E8FEB86659FD93ull)) % 1000u) - 500;
    journal_put_u64(payload, (uint64_t)amount);
    /* Filler counts up by one per byte, so it never contains the record magic (4A 52 4E 4C). */
    for (uint32_t i = 8; i < length; i++)
        payload[i] = (uint8_t)(seq * 31u + i);
}

int64_t journal_payload_amount(const uint8_t *payload)
{
    return (int64_t)journal_get_u64(payload);
}

const char *journal_stop_reason_name(journal_stop_reason reason)
{
    switch (reason) {
    case JOURNAL_STOP_END: return "end";
    case JOURNAL_STOP_SHORT_HEADER: return "short-header";
    case JOURNAL_STOP_BAD_MAGIC: return "bad-magic";
    case JOURNAL_STOP_BAD_LENGTH: return "bad-length";
    case JOURNAL_STOP_SHORT_PAYLOAD: return "short-payload";
    case JOURNAL_STOP_CRC_MISMATCH: return "crc-mismatch";
    case JOURNAL_STOP_SEQ_GAP: return "seq-gap";
    }
    return "unknown";
}

static int read_fully(int fd, uint8_t *buffer, size_t length, uint64_t offset, size_t *got)
{
    *got = 0;
    while (*got < length) {
        ssize_t n = pread(fd, buffer + *got, length - *got, (off_t)(offset + *got));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            break;
        *got += (size_t)n;
    }
    return 0;
}

/* Counts the record headers that begin in [from, to): how many records a truncation discards. */
static int count_magics(int fd, uint64_t from, uint64_t to, uint64_t *count)
{
    uint8_t buffer[4096 + 3];
    *count = 0;
    uint64_t offset = from;
    while (offset < to) {
        size_t want = (size_t)((to - offset) < 4096 ? (to - offset) : 4096);
        size_t got;
        /* Read 3 bytes past the chunk so a magic straddling two chunks is seen once. */
        size_t extra = (size_t)((to - offset - want) < 3 ? (to - offset - want) : 3);
        if (read_fully(fd, buffer, want + extra, offset, &got) < 0)
            return -1;
        for (size_t i = 0; i + 4 <= got && i < want; i++)
            if (journal_get_u32(buffer + i) == JOURNAL_RECORD_MAGIC)
                (*count)++;
        offset += want;
    }
    return 0;
}

int journal_scan(int fd, uint64_t start, uint64_t expected_seq, journal_scan_result *result)
{
    memset(result, 0, sizeof *result);
    off_t end = lseek(fd, 0, SEEK_END);
    if (end < 0)
        return -1;
    result->file_size = (uint64_t)end;
    result->valid_end = start;
    result->last_seq = expected_seq - 1;

    uint8_t *payload = malloc(JOURNAL_MAX_PAYLOAD);
    if (payload == NULL)
        return -1;
    journal_stop_reason stop = JOURNAL_STOP_END;
    /* EXERCISE 1.1.1-2a: read records from offset, validating magic, length, full payload, CRC-32C and consecutive
       seq; stop at the first one that fails and remember why (tests: JournalTests.A_record_with_a_bad_CRC*,
       JournalTests.SIGKILL*) */
    uint64_t offset = start;
    for (;;) {
        uint8_t header[JOURNAL_HEADER_SIZE];
        size_t got;
        if (read_fully(fd, header, sizeof header, offset, &got) < 0) {
            free(payload);
            return -1;
        }
        if (got == 0)
            break; /* clean end of file */
        if (got < sizeof header) {
            stop = JOURNAL_STOP_SHORT_HEADER;
            break;
        }
        if (journal_get_u32(header) != JOURNAL_RECORD_MAGIC) {
            stop = JOURNAL_STOP_BAD_MAGIC;
            break;
        }
        uint32_t length = journal_get_u32(header + 4);
        if (length < JOURNAL_MIN_PAYLOAD || length > JOURNAL_MAX_PAYLOAD) {
            stop = JOURNAL_STOP_BAD_LENGTH;
            break;
        }
        if (read_fully(fd, payload, length, offset + JOURNAL_HEADER_SIZE, &got) < 0) {
            free(payload);
            return -1;
        }
        if (got < length) {
            stop = JOURNAL_STOP_SHORT_PAYLOAD;
            break;
        }
        if (record_crc(header, payload, length) != journal_get_u32(header + 16)) {
            stop = JOURNAL_STOP_CRC_MISMATCH;
            break;
        }
        uint64_t seq = journal_get_u64(header + 8);
        if (seq != result->last_seq + 1) {
            stop = JOURNAL_STOP_SEQ_GAP;
            break;
        }
        result->records++;
        result->last_seq = seq;
        result->state_delta += journal_payload_amount(payload);
        offset += JOURNAL_HEADER_SIZE + length;
        result->valid_end = offset;
    }
    /* END EXERCISE */
    free(payload);
    result->stop = stop;
    result->discarded_bytes = result->file_size - result->valid_end;
    if (result->discarded_bytes > 0 && count_magics(fd, result->valid_end, result->file_size, &result->discarded_records) < 0)
        return -1;
    return 0;
}

/* ---- checkpoints -------------------------------------------------------------------------- */

__attribute__((unused)) /* called only from an exercise region: no warning when it is a stub */
static int write_fully(int fd, const uint8_t *data, size_t length)
{
    size_t done = 0;
    while (done < length) {
        ssize_t n = write(fd, data + done, length - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}

int journal_fsync_directory(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

int journal_checkpoint_write(const char *dir, const journal_checkpoint *checkpoint)
{
    char tmp[4096], final[4096];
    if (snprintf(tmp, sizeof tmp, "%s/checkpoint.tmp", dir) >= (int)sizeof tmp
        || snprintf(final, sizeof final, "%s/checkpoint", dir) >= (int)sizeof final) {
        errno = ENAMETOOLONG;
        return -1;
    }
    uint8_t buffer[JOURNAL_CHECKPOINT_SIZE];
    journal_put_u32(buffer, JOURNAL_CHECKPOINT_MAGIC);
    journal_put_u32(buffer + 4, JOURNAL_CHECKPOINT_VERSION);
    journal_put_u64(buffer + 8, checkpoint->seq);
    journal_put_u64(buffer + 16, checkpoint->offset);
    journal_put_u64(buffer + 24, (uint64_t)checkpoint->state);
    journal_put_u32(buffer + 32, crc32c(0, buffer, 32));

    /* EXERCISE 1.1.1-2b: replace the checkpoint atomically: write a temporary file, fsync it, rename it over the
       old one, fsync the folder so that the rename itself survives a power cut (tests: JournalTests.A_stop_signal*,
       JournalTests.SIGKILL*) */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    if (write_fully(fd, buffer, sizeof buffer) < 0 || fsync(fd) < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    if (close(fd) < 0)
        return -1;
    if (rename(tmp, final) < 0)
        return -1;
    return journal_fsync_directory(dir);
    /* END EXERCISE */
}

int journal_checkpoint_read(const char *dir, journal_checkpoint *checkpoint)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/checkpoint", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 1 : -1;
    uint8_t buffer[JOURNAL_CHECKPOINT_SIZE + 1];
    size_t got;
    int rc = read_fully(fd, buffer, sizeof buffer, 0, &got);
    int saved = errno;
    close(fd);
    if (rc < 0) {
        errno = saved;
        return -1;
    }
    if (got != JOURNAL_CHECKPOINT_SIZE || journal_get_u32(buffer) != JOURNAL_CHECKPOINT_MAGIC
        || journal_get_u32(buffer + 4) != JOURNAL_CHECKPOINT_VERSION
        || journal_get_u32(buffer + 32) != crc32c(0, buffer, 32))
        return -2;
    checkpoint->seq = journal_get_u64(buffer + 8);
    checkpoint->offset = journal_get_u64(buffer + 16);
    checkpoint->state = (int64_t)journal_get_u64(buffer + 24);
    return 0;
}
