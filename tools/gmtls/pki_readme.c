/* The README.md of a `gmtls pki init` directory: which file goes where, with the real names. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pki_readme.h"

struct sb {
    char *p;
    size_t len, cap;
    int failed;
};

static void add(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct sb *b, const char *fmt, ...)
{
    va_list ap;
    if (b->failed)
        return;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->failed = 1;
            return;
        }
        if (b->p && (size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        size_t ncap = (b->cap ? b->cap * 2 : 4096) + (size_t)n;
        char *np = realloc(b->p, ncap);
        if (!np) {
            b->failed = 1;
            return;
        }
        b->p = np;
        b->cap = ncap;
    }
}

char *pki_readme_text(const struct pki_readme_info *in, size_t *len)
{
    struct sb b = {NULL, 0, 0, 0};
    const char *org = in->org;
    const char *n0 = in->n_nodes ? in->nodes[0] : "peer0";

    add(&b, "# TLS certificates for %s\n\n", org);
    add(&b, "Made by `gmtls pki init`. All keys are SM2, all signatures SM2-with-SM3 (signer ID "
            "1234567812345678). Leaf certificates are valid for %u days, the CA for %u days. Private keys are "
            "PKCS#8 PEM files readable only by their owner (mode 0600)%s.\n\n",
         in->days, in->ca_days, in->encrypted ? ", encrypted with the password given to --pass" : ", not encrypted");

    add(&b, "## Files\n\n");
    add(&b, "| file | what it is |\n|---|---|\n");
    add(&b, "| `ca/ca.crt` | the root CA certificate (subject `/C=CN/O=%s/CN=ca.%s`): every node and client trusts it |\n",
        org, org);
    add(&b, "| `ca/ca.key` | the CA private key: only needed to issue more certificates; keep it offline |\n");
    for (size_t i = 0; i < in->n_nodes; i++) {
        const char *n = in->nodes[i];
        add(&b, "| `nodes/%s.%s/sign.crt`, `sign.key` | TLCP signing certificate and key of %s.%s |\n", n, org, n, org);
        add(&b, "| `nodes/%s.%s/enc.crt`, `enc.key` | TLCP encryption certificate and key of %s.%s |\n", n, org, n, org);
        add(&b, "| `nodes/%s.%s/fabric.crt`, `fabric.key` | single TLS certificate and key of %s.%s for Fabric GM forks |\n",
            n, org, n, org);
        add(&b, "| `nodes/%s.%s/ca.crt` | copy of the CA certificate |\n", n, org);
    }
    for (size_t i = 0; i < in->n_clients; i++) {
        const char *c = in->clients[i];
        add(&b, "| `clients/%s@%s/sign.crt`, `sign.key`, `enc.crt`, `enc.key` | TLCP client certificate pair of %s@%s |\n",
            c, org, c, org);
        add(&b, "| `clients/%s@%s/ca.crt` | copy of the CA certificate |\n", c, org);
    }
    add(&b, "\nEvery node certificate names the node in subjectAltName as `DNS:<node>.%s`, `DNS:<node>`, "
            "`DNS:localhost` and `IP:127.0.0.1`; connect to the node by one of these names.\n\n", org);

    add(&b, "## TLCP servers\n\n");
    add(&b, "A TLCP (GB/T 38636-2020) server presents two certificates: the signing certificate, whose key signs "
            "the handshake, and the encryption certificate, whose key receives the premaster secret. For "
            "%s.%s that is:\n\n", n0, org);
    add(&b, "- signing certificate: `nodes/%s.%s/sign.crt` with key `nodes/%s.%s/sign.key`\n", n0, org, n0, org);
    add(&b, "- encryption certificate: `nodes/%s.%s/enc.crt` with key `nodes/%s.%s/enc.key`\n", n0, org, n0, org);
    add(&b, "- trusted CA (to verify client certificates): `nodes/%s.%s/ca.crt`\n\n", n0, org);
    add(&b, "The two certificates carry the same subject, the same subjectAltName and the same issuer, as the "
            "strictest TLCP implementations require. Check a pair with\n"
            "`gmtls verify -CAfile ca/ca.crt -pair nodes/%s.%s/sign.crt nodes/%s.%s/enc.crt -strict`.\n\n",
        n0, org, n0, org);

    add(&b, "## TLCP clients\n\n");
    add(&b, "A client trusts `ca.crt` to verify servers. When the server asks for a client certificate, the client "
            "presents its own pair the same way: ");
    if (in->n_clients)
        add(&b, "for %s@%s, `clients/%s@%s/sign.crt` + `sign.key` and `clients/%s@%s/enc.crt` + `enc.key`.\n\n",
            in->clients[0], org, in->clients[0], org, in->clients[0], org);
    else
        add(&b, "run `gmtls pki init` with `--clients NAME` to make client pairs.\n\n");

    add(&b, "## Hyperledger Fabric GM forks\n\n");
    add(&b, "Fabric GM forks use one SM2 certificate as both the signing and the encryption certificate. Use "
            "`fabric.crt` / `fabric.key` as the node's TLS certificate and key, and `ca.crt` as the TLS root "
            "certificate.\n\n");
    add(&b, "Peer (`core.yaml`, or the matching `CORE_PEER_TLS_*` environment variables):\n\n");
    add(&b, "```yaml\npeer:\n  tls:\n    enabled: true\n    cert:\n      file: %s/nodes/%s.%s/fabric.crt\n"
            "    key:\n      file: %s/nodes/%s.%s/fabric.key\n    rootcert:\n      file: %s/nodes/%s.%s/ca.crt\n"
            "    clientRootCAs:\n      files:\n        - %s/nodes/%s.%s/ca.crt\n```\n\n",
        in->dir, n0, org, in->dir, n0, org, in->dir, n0, org, in->dir, n0, org);
    add(&b, "Environment form: `CORE_PEER_TLS_ENABLED=true`, `CORE_PEER_TLS_CERT_FILE=.../fabric.crt`, "
            "`CORE_PEER_TLS_KEY_FILE=.../fabric.key`, `CORE_PEER_TLS_ROOTCERT_FILE=.../ca.crt`.\n\n");
    add(&b, "Orderer (`orderer.yaml`, or `ORDERER_GENERAL_TLS_*`):\n\n");
    add(&b, "```yaml\nGeneral:\n  TLS:\n    Enabled: true\n    PrivateKey: %s/nodes/<orderer>.%s/fabric.key\n"
            "    Certificate: %s/nodes/<orderer>.%s/fabric.crt\n    RootCAs:\n      - %s/ca/ca.crt\n"
            "    ClientRootCAs:\n      - %s/ca/ca.crt\n```\n\n",
        in->dir, org, in->dir, org, in->dir, in->dir);
    add(&b, "Clients of a Fabric network (the peer CLI, SDKs) need `ca.crt` as the TLS root certificate "
            "(`CORE_PEER_TLS_ROOTCERT_FILE`, `--cafile`). For mutual TLS with a Fabric GM fork, give the client "
            "a single certificate with the fabric profile:\n"
            "`gmtls ca -cacert ca/ca.crt -cakey ca/ca.key -in client.csr -profile fabric -days %u -out client.crt`.\n\n",
        in->days);

    add(&b, "## More certificates\n\n");
    add(&b, "To add a node later, make keys and requests and sign them with this CA, using the same subject and "
            "SAN for the sign and enc certificates:\n\n```sh\n"
            "gmtls req -key sign.key -subj /C=CN/O=%s/CN=peer9.%s -san DNS:peer9.%s,DNS:peer9 -out sign.csr\n"
            "gmtls ca -cacert ca/ca.crt -cakey ca/ca.key -in sign.csr -profile sign -days %u -out sign.crt\n"
            "gmtls req -key enc.key -subj /C=CN/O=%s/CN=peer9.%s -san DNS:peer9.%s,DNS:peer9 -out enc.csr\n"
            "gmtls ca -cacert ca/ca.crt -cakey ca/ca.key -in enc.csr -profile enc -days %u -out enc.crt\n```\n\n",
        org, org, org, in->days, org, org, org, in->days);
    add(&b, "Running `gmtls pki init` again on this directory refuses to touch it; `--force` replaces every key "
            "and certificate, including the CA.\n");

    if (b.failed) {
        free(b.p);
        return NULL;
    }
    *len = b.len;
    return b.p;
}
