/* gmtls speed: SM4 entries. */
#include "speed.h"

const struct speed_entry speed_entries_sm4[] = {
    {0, 0},
};
