/* gmtls: every public header. */
#ifndef GMTLS_GMTLS_H
#define GMTLS_GMTLS_H

#include "api.h"
#include "error.h"
#include "issue.h"
#include "pem.h"
#include "pkey.h"
#include "rand.h"
#include "sm2.h"
#include "sm3.h"
#include "sm4.h"
#include "sm4_gcm.h"
#include "util.h"
#include "x509.h"

#endif
