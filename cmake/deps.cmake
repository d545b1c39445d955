# Every dependency is a Debian 12 package installed by scripts/setup.sh; nothing is downloaded.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenMP REQUIRED COMPONENTS CXX)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(simdjson REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
# xxHash ships no CMake config: pkg-config name libxxhash.
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
# zstd's Debian CMake config only exports the shared target in some builds; pkg-config is reliable.
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
# Snowball stemmer (libstemmer-dev) ships neither a CMake config nor a pkg-config file.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(echotrace_stemmer INTERFACE IMPORTED)
target_include_directories(echotrace_stemmer INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(echotrace_stemmer INTERFACE ${STEMMER_LIBRARY})

if(ECHOTRACE_BUILD_TESTS)
  find_package(GTest REQUIRED)
  # Debian's python3 (with python3-numpy) checks that .npy files load; a
  # pyenv or venv python earlier on PATH may lack numpy, so prefer /usr/bin.
  find_program(ECHOTRACE_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
  if(NOT ECHOTRACE_PYTHON)
    find_program(ECHOTRACE_PYTHON NAMES python3)
  endif()
endif()
if(ECHOTRACE_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
