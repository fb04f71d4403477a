#ifndef GAPMAP_CGEOS_SHIM_H
#define GAPMAP_CGEOS_SHIM_H
// Only the reentrant API: every call takes a context handle, one per worker.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#endif
