#ifndef GAPMAP_CPROJ_SHIM_H
#define GAPMAP_CPROJ_SHIM_H
#include <proj.h>
#include <geodesic.h>
#endif
