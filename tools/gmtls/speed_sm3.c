/* gmtls speed: SM3 entries. */
#include "speed.h"

const struct speed_entry speed_entries_sm3[] = {
    {0, 0},
};
