/* `gmtls speed`: shared measurement and printing, so every algorithm reports the same way.
 * Throughput rows:  <name> <impl> <MB/s at 16> <64> <256> <1024> <8192> <16384>
 * Operation rows:   <name> <impl> <ops/s> ops/s
 * bench/compare.sh parses these lines, so keep the format. */
#ifndef GMTLS_TOOL_SPEED_H
#define GMTLS_TOOL_SPEED_H

#include <stddef.h>

#define SPEED_NSIZES 6
extern const size_t speed_sizes[SPEED_NSIZES];

struct speed_ctx {
    double seconds; /* time spent per measurement */
};

/* One algorithm (or variant) that `gmtls speed NAME` can run. */
struct speed_entry {
    const char *name;
    void (*run)(const struct speed_ctx *ctx);
};

double speed_now(void);
/* Call op(arg, size) until ctx->seconds have passed; returns bytes per second. */
double speed_bytes(const struct speed_ctx *ctx, void (*op)(void *arg, size_t size), void *arg, size_t size);
/* Call op(arg) until ctx->seconds have passed; returns calls per second. */
double speed_ops(const struct speed_ctx *ctx, void (*op)(void *arg), void *arg);
/* Measure op at every size in speed_sizes and print one throughput row. */
void speed_throughput_row(const struct speed_ctx *ctx, const char *name, const char *impl,
                          void (*op)(void *arg, size_t size), void *arg);
void speed_print_ops(const char *name, const char *impl, double ops_per_sec);

/* Entries defined by the speed_*.c files (NULL-name terminated arrays). */
extern const struct speed_entry speed_entries_sm3[];
extern const struct speed_entry speed_entries_sm4[];
extern const struct speed_entry speed_entries_sm2[];

#endif
