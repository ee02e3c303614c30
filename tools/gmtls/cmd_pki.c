/* gmtls pki init: a complete PKI for one organisation in one command: a root CA, a TLCP sign/enc
 * pair and a Fabric certificate for every node, a TLCP pair for every client, and a README. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "gmtls/error.h"
#include "gmtls/issue.h"
#include "gmtls/pem.h"
#include "gmtls/pkey.h"
#include "gmtls/util.h"
#include "gmtls/x509.h"
#include "pki_cli.h"
#include "pki_readme.h"

static const char *const CMD = "pki";

#define MAX_NAMES 256
#define MAX_FILES (4 + MAX_NAMES * 16)

static void usage(FILE *f)
{
    fprintf(f, "usage: gmtls pki init DIR --org DOMAIN --nodes NAME[,NAME...] [--clients NAME[,NAME...]]\n"
               "                      [--days N] [--ca-days N] [--pass SPEC] [--force]\n\n"
               "  DIR          output directory (created if needed)\n"
               "  --org        the organisation's domain, e.g. org1.example.com\n"
               "  --nodes      node names; each gets nodes/<name>.<org>/ with sign, enc and fabric certificates\n"
               "  --clients    client names; each gets clients/<name>@<org>/ with a sign/enc pair\n"
               "  --days N     validity of the node and client certificates (default 365, at most %d)\n"
               "  --ca-days N  validity of the CA certificate (default 3650, at most %d)\n"
               "  --pass SPEC  encrypt the private keys: pass:TEXT, file:PATH or env:VAR\n"
               "  --force      replace existing keys and certificates\n",
            GMTLS_ISSUE_MAX_DAYS, GMTLS_ISSUE_MAX_DAYS);
}

struct out_file {
    char *path;
    uint8_t *data;
    size_t len;
    unsigned mode;
    int secret;
};

struct plan {
    struct out_file f[MAX_FILES];
    size_t n;
    char *dirs[4 + 2 * MAX_NAMES];
    size_t n_dirs;
};

static char *fmt_path(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *fmt_path(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = malloc((size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

static void plan_free(struct plan *pl)
{
    for (size_t i = 0; i < pl->n; i++) {
        if (pl->f[i].secret)
            gmtls_free_secret(pl->f[i].data, pl->f[i].len);
        else
            free(pl->f[i].data);
        free(pl->f[i].path);
    }
    for (size_t i = 0; i < pl->n_dirs; i++)
        free(pl->dirs[i]);
    pl->n = pl->n_dirs = 0;
}

/* Names: the organisation is a DNS name; nodes and clients become one DNS label / a path element. */
static int valid_label(const char *s, int allow_dot)
{
    size_t n = strlen(s);
    if (n == 0 || n > 63 || s[0] == '-' || s[0] == '.' || s[n - 1] == '-' || s[n - 1] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              (allow_dot && c == '.' && s[i + 1] != '.')))
            return 0;
    }
    return 1;
}

static int split_names(const char *opt, char *list, char **names, size_t *n, int allow_dot)
{
    *n = 0;
    for (char *save = NULL, *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (!valid_label(t, allow_dot))
            return cli_error(CMD, "%s: '%s' is not a valid name (letters, digits and '-'%s)", opt, t,
                             allow_dot ? ", '.'" : "");
        for (size_t i = 0; i < *n; i++)
            if (strcmp(names[i], t) == 0)
                return cli_error(CMD, "%s: '%s' is listed twice", opt, t);
        if (*n == MAX_NAMES)
            return cli_error(CMD, "%s: at most %d names", opt, MAX_NAMES);
        names[(*n)++] = t;
    }
    if (*n == 0)
        return cli_error(CMD, "%s: no names given", opt);
    return 0;
}

static int add_file(struct plan *pl, char *path, uint8_t *data, size_t len, unsigned mode, int secret)
{
    if (!path || !data || pl->n == MAX_FILES) {
        free(path);
        if (secret)
            gmtls_free_secret(data, len);
        else
            free(data);
        return cli_error(CMD, "out of memory");
    }
    pl->f[pl->n++] = (struct out_file){path, data, len, mode, secret};
    return 0;
}

static int add_cert(struct plan *pl, char *path, const uint8_t *der, size_t len)
{
    char *pem = NULL;
    size_t pem_len = 0;
    int e = gmtls_pem_encode("CERTIFICATE", der, len, &pem, &pem_len);
    if (e) {
        free(path);
        return cli_fail(CMD, "PEM encoding", e);
    }
    return add_file(pl, path, (uint8_t *)pem, pem_len, 0644, 0);
}

static int add_key(struct plan *pl, char *path, const gmtls_sm2_key *key, const char *pass)
{
    char *pem = NULL;
    size_t pem_len = 0;
    int e = gmtls_key_to_pem(key, pass ? GMTLS_KEYFMT_PKCS8_ENCRYPTED : GMTLS_KEYFMT_PKCS8, pass, &pem, &pem_len);
    if (e) {
        free(path);
        return cli_fail(CMD, "encoding a private key", e);
    }
    return add_file(pl, path, (uint8_t *)pem, pem_len, 0600, 1);
}

static int add_dir(struct plan *pl, char *path)
{
    if (!path)
        return cli_error(CMD, "out of memory");
    pl->dirs[pl->n_dirs++] = path;
    return 0;
}

struct ctx {
    const char *dir, *org, *pass;
    unsigned days, ca_days;
    gmtls_sm2_key ca_key;
    uint8_t *ca_der;
    size_t ca_len;
    gmtls_cert *ca;
    gmtls_trust_store *ts;
    gmtls_issuer iss;
};

/* Issue one certificate for a fresh key, check it with gmtls's own verifier, and plan both files. */
static int issue_one(struct ctx *c, struct plan *pl, gmtls_profile prof, const uint8_t *subj, size_t subj_len,
                     const uint8_t *san, size_t san_len, const char *dir, const char *base, gmtls_cert **out)
{
    gmtls_sm2_key key;
    gmtls_issue_params p;
    uint8_t *der = NULL;
    size_t dl = 0;
    int e, rc = 1;
    *out = NULL;
    if ((e = gmtls_sm2_keygen(&key)) != 0)
        return cli_fail(CMD, "key generation", e);
    memset(&p, 0, sizeof(p));
    p.profile = prof;
    p.subject = subj;
    p.subject_len = subj_len;
    p.pubkey = &key.pub;
    p.san = san;
    p.san_len = san_len;
    p.days = c->days;
    p.path_len = -1;
    if ((e = gmtls_cert_issue(&p, &c->iss, &der, &dl)) != 0) {
        cli_fail(CMD, "issuing", e);
        goto out;
    }
    if ((e = gmtls_cert_parse(out, der, dl)) != 0) {
        cli_fail(CMD, "parsing an issued certificate", e);
        goto out;
    }
    static const gmtls_purpose purpose[GMTLS_PROFILE_COUNT] = {
        [GMTLS_PROFILE_SIGN] = GMTLS_PURPOSE_TLCP_SIGN,        [GMTLS_PROFILE_ENC] = GMTLS_PURPOSE_TLCP_ENC,
        [GMTLS_PROFILE_CLIENT_SIGN] = GMTLS_PURPOSE_TLCP_SIGN, [GMTLS_PROFILE_CLIENT_ENC] = GMTLS_PURPOSE_TLCP_ENC,
        [GMTLS_PROFILE_FABRIC] = GMTLS_PURPOSE_TLS_SERVER,
    };
    gmtls_verify_opts vo;
    memset(&vo, 0, sizeof(vo));
    vo.purpose = purpose[prof];
    vo.flags = GMTLS_VERIFY_STRICT_TLCP;
    const gmtls_cert *chain[1] = {*out};
    if ((e = gmtls_verify_chain(c->ts, chain, 1, &vo, NULL)) != 0) {
        cli_fail(CMD, "self-check of an issued certificate", e);
        goto out;
    }
    if (add_cert(pl, fmt_path("%s/%s.crt", dir, base), der, dl) ||
        add_key(pl, fmt_path("%s/%s.key", dir, base), &key, c->pass))
        goto out;
    rc = 0;
out:
    if (rc) {
        gmtls_cert_free(*out);
        *out = NULL;
    }
    gmtls_wipe(&key, sizeof(key));
    free(der);
    return rc;
}

static int make_entity(struct ctx *c, struct plan *pl, const char *dir, const char *subj_text, const char *san_text,
                       int node)
{
    uint8_t *subj = NULL, *san = NULL;
    size_t sl = 0, al = 0;
    gmtls_cert *sign = NULL, *enc = NULL, *fab = NULL;
    int e, rc = 1;
    if ((e = gmtls_subject_from_text(subj_text, &subj, &sl)) != 0 ||
        (san_text && (e = gmtls_san_from_text(san_text, &san, &al)) != 0)) {
        cli_error(CMD, "cannot encode the names of %s", dir);
        goto out;
    }
    if (issue_one(c, pl, node ? GMTLS_PROFILE_SIGN : GMTLS_PROFILE_CLIENT_SIGN, subj, sl, san, al, dir, "sign", &sign) ||
        issue_one(c, pl, node ? GMTLS_PROFILE_ENC : GMTLS_PROFILE_CLIENT_ENC, subj, sl, san, al, dir, "enc", &enc) ||
        (node && issue_one(c, pl, GMTLS_PROFILE_FABRIC, subj, sl, san, al, dir, "fabric", &fab)))
        goto out;
    /* GB/T 38636-2020 6.4.5.3 pairs, with GmSSL's strict rules (same subject, SAN and issuer) */
    if ((e = gmtls_tlcp_pair_check(sign, enc, GMTLS_PAIR_STRICT)) != 0 ||
        (node && (e = gmtls_tlcp_pair_check(fab, fab, GMTLS_PAIR_FABRIC)) != 0)) {
        cli_fail(CMD, "self-check of a certificate pair", e);
        goto out;
    }
    if (add_cert(pl, fmt_path("%s/ca.crt", dir), c->ca_der, c->ca_len))
        goto out;
    rc = 0;
out:
    gmtls_cert_free(sign);
    gmtls_cert_free(enc);
    gmtls_cert_free(fab);
    free(subj);
    free(san);
    return rc;
}

static int make_ca(struct ctx *c, struct plan *pl)
{
    uint8_t *subj = NULL;
    size_t sl = 0;
    gmtls_issue_params p;
    int e;
    char *text = fmt_path("/C=CN/O=%s/CN=ca.%s", c->org, c->org);
    if (!text)
        return cli_error(CMD, "out of memory");
    e = gmtls_subject_from_text(text, &subj, &sl);
    free(text);
    if (e)
        return cli_fail(CMD, "CA subject", e);
    if ((e = gmtls_sm2_keygen(&c->ca_key)) != 0) {
        free(subj);
        return cli_fail(CMD, "key generation", e);
    }
    memset(&p, 0, sizeof(p));
    p.profile = GMTLS_PROFILE_CA;
    p.subject = subj;
    p.subject_len = sl;
    p.days = c->ca_days;
    p.path_len = 0; /* this CA issues only end-entity certificates */
    e = gmtls_cert_self_sign(&p, &c->ca_key, &c->ca_der, &c->ca_len);
    free(subj);
    if (e)
        return cli_fail(CMD, "issuing the CA certificate", e);
    if ((e = gmtls_cert_parse(&c->ca, c->ca_der, c->ca_len)) != 0 || (e = gmtls_trust_store_new(&c->ts)) != 0 ||
        (e = gmtls_trust_store_add_root_cert(c->ts, c->ca)) != 0 ||
        (e = gmtls_issuer_from_cert(&c->iss, c->ca, &c->ca_key)) != 0)
        return cli_fail(CMD, "self-check of the CA certificate", e);
    if (add_cert(pl, fmt_path("%s/ca/ca.crt", c->dir), c->ca_der, c->ca_len) ||
        add_key(pl, fmt_path("%s/ca/ca.key", c->dir), &c->ca_key, c->pass))
        return 1;
    return 0;
}

static int mkdir_one(const char *path)
{
    if (mkdir(path, 0755) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            return 0;
        return cli_error(CMD, "%s exists and is not a directory", path);
    }
    return cli_error(CMD, "%s: %s", path, strerror(errno));
}

static int init(int argc, char **argv)
{
    const char *dir = NULL, *org = NULL, *pass_spec = NULL, *days_s = NULL, *ca_days_s = NULL;
    char *nodes_s = NULL, *clients_s = NULL;
    int force = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "--force") == 0) {
            force = 1;
            continue;
        }
        if (a[0] != '-') {
            if (dir)
                return cli_error(CMD, "one directory only (got '%s' and '%s')", dir, a);
            dir = a;
            continue;
        }
        if (i + 1 >= argc)
            return cli_error(CMD, "%s needs a value", a);
        const char *v = argv[++i];
        if (strcmp(a, "--org") == 0)
            org = v;
        else if (strcmp(a, "--nodes") == 0)
            nodes_s = argv[i];
        else if (strcmp(a, "--clients") == 0)
            clients_s = argv[i];
        else if (strcmp(a, "--days") == 0)
            days_s = v;
        else if (strcmp(a, "--ca-days") == 0)
            ca_days_s = v;
        else if (strcmp(a, "--pass") == 0)
            pass_spec = v;
        else {
            usage(stderr);
            return cli_error(CMD, "unknown option %s", a);
        }
    }
    if (!dir || !org || !nodes_s) {
        usage(stderr);
        return cli_error(CMD, "init needs DIR, --org and --nodes");
    }
    /* the organisation is a DNS name: labels separated by dots */
    if (strlen(org) > 200 || !valid_label(org, 1) || !strchr(org, '.'))
        return cli_error(CMD, "--org '%s': expected a domain name such as org1.example.com", org);

    struct ctx c;
    static struct plan pl; /* large: keep it off the stack */
    char *nodes[MAX_NAMES], *clients[MAX_NAMES];
    size_t n_nodes = 0, n_clients = 0;
    int rc = 1;
    memset(&c, 0, sizeof(c));
    c.dir = dir;
    c.org = org;
    c.days = 365;
    c.ca_days = 3650;
    if (split_names("--nodes", nodes_s, nodes, &n_nodes, 0) ||
        (clients_s && split_names("--clients", clients_s, clients, &n_clients, 1)))
        return 1;
    if ((days_s && pki_parse_days(CMD, "--days", days_s, &c.days)) ||
        (ca_days_s && pki_parse_days(CMD, "--ca-days", ca_days_s, &c.ca_days)))
        return 1;
    char *pass = NULL;
    if (pass_spec) {
        if (cli_pass_resolve(CMD, pass_spec, &pass))
            return 1;
        if (!pass[0]) {
            cli_pass_free(pass);
            return cli_error(CMD, "--pass: the password is empty");
        }
        c.pass = pass;
    }

    /* Plan every file first; nothing is written until all of it is made and checked. */
    if (add_dir(&pl, fmt_path("%s", dir)) || add_dir(&pl, fmt_path("%s/ca", dir)) ||
        add_dir(&pl, fmt_path("%s/nodes", dir)) || (n_clients && add_dir(&pl, fmt_path("%s/clients", dir))))
        goto out;
    if (make_ca(&c, &pl))
        goto out;
    for (size_t i = 0; i < n_nodes; i++) {
        char *d = fmt_path("%s/nodes/%s.%s", dir, nodes[i], org);
        char *subj = fmt_path("/C=CN/O=%s/CN=%s.%s", org, nodes[i], org);
        char *san = fmt_path("DNS:%s.%s,DNS:%s,DNS:localhost,IP:127.0.0.1", nodes[i], org, nodes[i]);
        int bad = !d || !subj || !san || add_dir(&pl, d) || make_entity(&c, &pl, d, subj, san, 1);
        free(subj);
        free(san);
        if (bad)
            goto out;
    }
    for (size_t i = 0; i < n_clients; i++) {
        char *d = fmt_path("%s/clients/%s@%s", dir, clients[i], org);
        char *subj = fmt_path("/C=CN/O=%s/CN=%s@%s", org, clients[i], org);
        int bad = !d || !subj || add_dir(&pl, d) || make_entity(&c, &pl, d, subj, NULL, 0);
        free(subj);
        if (bad)
            goto out;
    }
    struct pki_readme_info ri = {dir, org, (const char *const *)nodes, n_nodes, (const char *const *)clients,
                                 n_clients, c.days, c.ca_days, pass != NULL};
    size_t rl = 0;
    char *readme = pki_readme_text(&ri, &rl);
    if (add_file(&pl, fmt_path("%s/README.md", dir), (uint8_t *)readme, rl, 0644, 0))
        goto out;

    /* Never overwrite keys without --force: check every target before touching anything. */
    if (!force) {
        for (size_t i = 0; i < pl.n; i++) {
            struct stat st;
            if (lstat(pl.f[i].path, &st) == 0) {
                cli_error(CMD, "%s already exists; nothing was changed (use --force to replace every key and "
                               "certificate, including the CA)",
                          pl.f[i].path);
                goto out;
            }
        }
    }
    for (size_t i = 0; i < pl.n_dirs; i++)
        if (mkdir_one(pl.dirs[i]))
            goto out;
    for (size_t i = 0; i < pl.n; i++)
        if (cli_write_file(CMD, pl.f[i].path, pl.f[i].data, pl.f[i].len, pl.f[i].mode, 0))
            goto out;
    printf("CA:      %s/ca/ca.crt (key %s/ca/ca.key)\n", dir, dir);
    for (size_t i = 0; i < n_nodes; i++)
        printf("node:    %s/nodes/%s.%s/ (sign, enc, fabric)\n", dir, nodes[i], org);
    for (size_t i = 0; i < n_clients; i++)
        printf("client:  %s/clients/%s@%s/ (sign, enc)\n", dir, clients[i], org);
    printf("See %s/README.md for which file goes where.\n", dir);
    rc = 0;
out:
    plan_free(&pl);
    gmtls_wipe(&c.ca_key, sizeof(c.ca_key));
    free(c.ca_der);
    gmtls_cert_free(c.ca);
    gmtls_trust_store_free(c.ts);
    cli_pass_free(pass);
    return rc;
}

int cmd_pki(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2;
    }
    if (strcmp(argv[1], "init") == 0)
        return init(argc - 1, argv + 1);
    usage(stderr);
    return cli_error(CMD, "unknown subcommand '%s' (expected init)", argv[1]);
}
