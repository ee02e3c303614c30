/* gmtls speed: SM2 entries. */
#include "speed.h"

const struct speed_entry speed_entries_sm2[] = {
    {0, 0},
};
