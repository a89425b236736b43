"""pip install --no-build-isolation .   (no network: uses the installed setuptools, pybind11, CMake)

Builds the _greenlight extension with the project's CMake build (the same sources and flags as
every other build) for the interpreter running this script, and installs the greenlight package.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = Path(self.build_temp).resolve() / "cmake"
        subprocess.run(
            ["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
             f"-DPython_EXECUTABLE={sys.executable}", "-DGREENLIGHT_BUILD_PYTHON=ON",
             "-DGREENLIGHT_BUILD_TESTS=OFF", "-DGREENLIGHT_BUILD_BENCHMARKS=OFF", "-DGREENLIGHT_BUILD_EXAMPLES=OFF",
             "-DGREENLIGHT_BUILD_CLI=OFF", "-DGREENLIGHT_INSTALL=OFF"],
            check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_greenlight", "--", f"-j{os.cpu_count() or 1}"],
                       check=True)
        built = next((build_dir / "python" / "greenlight").glob("_greenlight*.so"))
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(
    name="greenlight",
    version="0.1.0",
    description="Shows, studios, people, dates, sentiment and renewal odds from entertainment news",
    license="Apache-2.0",
    packages=["greenlight"],
    package_dir={"greenlight": "bindings/python/greenlight"},
    package_data={"greenlight": ["*.pyi", "py.typed"]},
    ext_modules=[Extension("greenlight._greenlight", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    python_requires=">=3.8",
    zip_safe=False,
)
