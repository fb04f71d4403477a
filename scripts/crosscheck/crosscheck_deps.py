"""Fail early, with the install command, when shapely 2 or pyproj is missing."""

import sys

INSTALL_HINT = "python3 -m pip install 'shapely>=2' pyproj"


def require() -> None:
    missing = []
    try:
        import shapely
    except ImportError:
        missing.append("shapely>=2")
    else:
        if int(shapely.__version__.split(".")[0]) < 2:
            missing.append(f"shapely>=2 (found {shapely.__version__})")
    try:
        import pyproj  # noqa: F401
    except ImportError:
        missing.append("pyproj")
    if missing:
        sys.stderr.write(
            "crosscheck: missing Python packages: " + ", ".join(missing) + "\n"
            f"install them with:  {INSTALL_HINT}\n"
        )
        sys.exit(2)
