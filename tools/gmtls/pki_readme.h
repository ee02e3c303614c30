/* The README.md that `gmtls pki init` writes beside the files it makes. */
#ifndef GMTLS_TOOL_PKI_README_H
#define GMTLS_TOOL_PKI_README_H

#include <stddef.h>

struct pki_readme_info {
    const char *dir;     /* the output directory as given */
    const char *org;
    const char *const *nodes;
    size_t n_nodes;
    const char *const *clients;
    size_t n_clients;
    unsigned days, ca_days;
    int encrypted;       /* private keys are password-protected */
};

/* Markdown text (malloc'd, NUL-terminated), or NULL when out of memory. */
char *pki_readme_text(const struct pki_readme_info *info, size_t *len);

#endif
