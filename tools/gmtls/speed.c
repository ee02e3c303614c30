/* gmtls speed [-seconds S] [NAME...]: throughput and operation rates of every primitive. */
#include "speed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "core/cpu.h"

const size_t speed_sizes[SPEED_NSIZES] = {16, 64, 256, 1024, 8192, 16384};

/* CPU time of this process, not wall time: figures stay comparable when other work shares the
 * machine, and match `openssl speed`, which also reports per CPU second. */
double speed_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double speed_bytes(const struct speed_ctx *ctx, void (*op)(void *arg, size_t size), void *arg, size_t size)
{
    /* Calibrate the batch so the clock is read rarely relative to the work. */
    unsigned long batch = 1, total = 0;
    double start = speed_now(), t = start;
    while (t - start < ctx->seconds) {
        for (unsigned long i = 0; i < batch; i++)
            op(arg, size);
        total += batch;
        t = speed_now();
        if (t - start < ctx->seconds / 50 && batch < (1ul << 20))
            batch *= 2;
    }
    return (double)total * (double)size / (t - start);
}

struct ops_adapter {
    void (*op)(void *arg);
    void *arg;
};

static void ops_call(void *a, size_t size)
{
    struct ops_adapter *o = a;
    (void)size;
    o->op(o->arg);
}

double speed_ops(const struct speed_ctx *ctx, void (*op)(void *arg), void *arg)
{
    struct ops_adapter o = {op, arg};
    return speed_bytes(ctx, ops_call, &o, 1);
}

void speed_throughput_row(const struct speed_ctx *ctx, const char *name, const char *impl,
                          void (*op)(void *arg, size_t size), void *arg)
{
    printf("%-18s %-18s", name, impl);
    fflush(stdout);
    for (int i = 0; i < SPEED_NSIZES; i++) {
        double bps = speed_bytes(ctx, op, arg, speed_sizes[i]);
        printf(" %9.1f", bps / 1e6);
        fflush(stdout);
    }
    printf("\n");
}

void speed_print_ops(const char *name, const char *impl, double ops_per_sec)
{
    printf("%-18s %-18s %12.1f ops/s\n", name, impl, ops_per_sec);
    fflush(stdout);
}

static const struct speed_entry *const all_tables[] = {
    speed_entries_sm3,
    speed_entries_sm4,
    speed_entries_sm2,
};

static const struct speed_entry *find_entry(const char *name)
{
    for (size_t t = 0; t < sizeof(all_tables) / sizeof(all_tables[0]); t++)
        for (const struct speed_entry *e = all_tables[t]; e->name; e++)
            if (strcmp(e->name, name) == 0)
                return e;
    return NULL;
}

static void list_entries(FILE *out)
{
    fprintf(out, "algorithms:");
    for (size_t t = 0; t < sizeof(all_tables) / sizeof(all_tables[0]); t++)
        for (const struct speed_entry *e = all_tables[t]; e->name; e++)
            fprintf(out, " %s", e->name);
    fprintf(out, "\n");
}

int cmd_speed(int argc, char **argv)
{
    struct speed_ctx ctx = {0.25};
    int first = 1;
    while (first < argc && argv[first][0] == '-') {
        if (strcmp(argv[first], "-seconds") == 0 && first + 1 < argc) {
            ctx.seconds = atof(argv[first + 1]);
            if (!(ctx.seconds > 0 && ctx.seconds < 3600))
                return cli_error("speed", "-seconds must be a positive number");
            first += 2;
        } else if (strcmp(argv[first], "-h") == 0) {
            printf("usage: gmtls speed [-seconds S] [ALGORITHM...]\n");
            list_entries(stdout);
            printf("Throughput rows are MB/s for %zu, %zu, %zu, %zu, %zu and %zu-byte inputs.\n",
                   speed_sizes[0], speed_sizes[1], speed_sizes[2], speed_sizes[3], speed_sizes[4],
                   speed_sizes[5]);
            return 0;
        } else {
            return cli_error("speed", "unknown option %s", argv[first]);
        }
    }
    for (int i = first; i < argc; i++)
        if (!find_entry(argv[i])) {
            cli_error("speed", "unknown algorithm '%s'", argv[i]);
            list_entries(stderr);
            return 1;
        }
    char feat[256];
    printf("# cpu features used: %s\n", gmtls_cpu_describe(gmtls_cpu_features(), feat, sizeof feat));
    printf("# %-16s %-18s %9s %9s %9s %9s %9s %9s\n", "algorithm", "implementation", "16 B", "64 B",
           "256 B", "1 KiB", "8 KiB", "16 KiB");
    if (first == argc) {
        for (size_t t = 0; t < sizeof(all_tables) / sizeof(all_tables[0]); t++)
            for (const struct speed_entry *e = all_tables[t]; e->name; e++)
                e->run(&ctx);
    } else {
        for (int i = first; i < argc; i++)
            find_entry(argv[i])->run(&ctx);
    }
    return 0;
}
