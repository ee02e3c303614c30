/* The gmtls command: one file per subcommand, registered in main.c. */
#ifndef GMTLS_TOOL_CMD_H
#define GMTLS_TOOL_CMD_H

#include <stddef.h>
#include <stdint.h>

#include "gmtls/pkey.h"

/* Each subcommand gets argv with argv[0] = its own name; returns the process exit status. */
typedef int (*gmtls_cmd_fn)(int argc, char **argv);

int cmd_ca(int argc, char **argv);
int cmd_hmac_sm3(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_pki(int argc, char **argv);
int cmd_pkey(int argc, char **argv);
int cmd_req(int argc, char **argv);
int cmd_sm2(int argc, char **argv);
int cmd_sm3(int argc, char **argv);
int cmd_sm4(int argc, char **argv);
int cmd_speed(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_x509(int argc, char **argv);

/* --- helpers shared by subcommands (cli_util.c) --- */
/* Print "gmtls <cmd>: <message>" to stderr; returns 1 (the exit status for usage/input errors). */
int cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print "gmtls <cmd>: <what>: <gmtls_strerror(err)>" and return 1. */
int cli_fail(const char *cmd, const char *what, int err);
/* Decode a hex argument of exactly `want` bytes (want == 0: any length up to cap). */
int cli_hex_arg(const char *cmd, const char *name, const char *hex, uint8_t *out, size_t cap,
                size_t want, size_t *outlen);
/* Read a whole file ("-" or NULL: stdin) into a malloc'd buffer. Returns 0 or 1 after printing. */
int cli_read_all(const char *cmd, const char *path, uint8_t **buf, size_t *len);
/* Write all bytes to stdout; returns 0 or 1 after printing. */
int cli_write_all(const char *cmd, const void *buf, size_t len);
/* Write a file (path NULL or "-": stdout) with this mode, also narrowing an existing file to it;
 * exclusive: refuse to replace an existing file. 0, or 1 after printing. */
int cli_write_file(const char *cmd, const char *path, const void *data, size_t len, unsigned mode, int exclusive);


/* --- passwords and private key files (cli_pass.c) --- */
/* A password argument: "pass:TEXT", "file:PATH" (first line) or "env:NAME" into a malloc'd string
 * (release with cli_pass_free, which wipes it). 0, or 1 after printing. */
int cli_pass_resolve(const char *cmd, const char *spec, char **out);
/* Ask on /dev/tty without echo. 0, or 1 after printing (no terminal, nothing entered). */
int cli_pass_prompt(const char *cmd, const char *prompt, char **out);
void cli_pass_free(char *pass);
/* "-format pkcs8|sec1" of a private key output. 0, or 1 after printing. */
int cli_key_format(const char *cmd, const char *name, gmtls_keyfmt *fmt);
/* "-v2prf hmacWithSM3|hmacWithSHA256" and "-iter N" (1000..GMTLS_PBKDF2_MAX_ITER) of encrypted
 * PKCS#8 output; NULL: the defaults (HMAC-SM3, iteration count 0 = the library default).
 * 0, or 1 after printing. */
int cli_pbe_opts(const char *cmd, const char *prf_name, const char *iter_s, gmtls_pbkdf2_prf *prf, uint32_t *iter);

#endif
