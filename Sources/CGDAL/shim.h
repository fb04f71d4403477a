#ifndef GAPMAP_CGDAL_SHIM_H
#define GAPMAP_CGDAL_SHIM_H
// The C API only (GDAL's C++ classes stay out of Swift): datasets, raster
// bands, OGR layers/features/geometries, spatial references and CPL errors.
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <cpl_string.h>
#endif
