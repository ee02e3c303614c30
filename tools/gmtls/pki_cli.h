/* Helpers shared by `gmtls req`, `gmtls ca` and `gmtls pki`: key loading, option values and output
 * files. Password arguments come from cli_pass_resolve (cli_pass.c). */
#ifndef GMTLS_TOOL_PKI_CLI_H
#define GMTLS_TOOL_PKI_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "gmtls/sm2.h"

/* Read a private key file (any format gmtls reads); passin_spec may be NULL. 0 or 1 after printing. */
int pki_load_key(const char *cmd, const char *path, const char *passin_spec, gmtls_sm2_key *key);
/* A validity in days, 1..GMTLS_ISSUE_MAX_DAYS. 0 or 1 after printing. */
int pki_parse_days(const char *cmd, const char *opt, const char *s, unsigned *days);
/* PEM-encode der under label and write it (0644). */
int pki_write_pem(const char *cmd, const char *path, const char *label, const uint8_t *der, size_t len);

#endif
